using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Flagwork.Tls.Dynamic;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// The mock authority of cert-manager's dynamic_source_test.go: a <see cref="RunAsync"/> the test ends (with or without
/// an error), a rotation channel the test signals, and a <see cref="Sign"/> that fails on the calls the test picks and
/// otherwise signs with a CA of its own, at the fake clock's time and without backdating.
/// </summary>
public sealed class MockAuthority : ICertificateAuthority, IDisposable
{
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<bool> _rotations = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeProvider _time;
    private readonly X509Certificate2 _ca;
    private int _signCalls;
    private int _watching;

    public MockAuthority(TimeProvider time)
    {
        _time = time;
        using var key = CertificateMaker.NewKey();
        var now = time.GetUtcNow();
        using var certificate = CertificateMaker.CreateAuthority(key, "mock-ca", now, TimeSpan.FromDays(365), TimeSpan.FromHours(1));
        _ca = certificate.CopyWithPrivateKey(key);
    }

    /// <summary>Given the 1-based number of a Sign call, whether it fails with "mock error". Never, by default.</summary>
    public Func<int, bool> SignFails { get; init; } = _ => false;

    public int SignCalls => Volatile.Read(ref _signCalls);

    /// <summary>How many rotation readers are registered.</summary>
    public int Watching => Volatile.Read(ref _watching);

    public X509Certificate2 Ca => _ca;

    /// <summary>Ends <see cref="RunAsync"/>: with <paramref name="error"/>, or normally when null (while not cancelled,
    /// the "stopped unexpectedly" case).</summary>
    public void Stop(Exception? error = null)
    {
        if (error is null)
        {
            _stop.TrySetResult();
        }
        else
        {
            _stop.TrySetException(error);
        }
    }

    /// <summary>Signals a root CA rotation (dropped if one is already pending, like the real channel).</summary>
    public void Rotate() => _rotations.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stop.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Returns on cancellation, as the contract says.
        }
    }

    public X509Certificate2 Sign(CertificateRequest request, TimeSpan lifetime)
    {
        var call = Interlocked.Increment(ref _signCalls);
        if (SignFails(call))
        {
            throw new InvalidOperationException("mock error");
        }
        var now = _time.GetUtcNow();
        return request.Create(_ca, now, now + lifetime, CertificateMaker.NewSerial());
    }

    public ChannelReader<bool> WatchRotation()
    {
        Interlocked.Increment(ref _watching);
        return _rotations.Reader;
    }

    public void StopWatchingRotation(ChannelReader<bool> reader)
    {
        Assert.Same(_rotations.Reader, reader);
        Interlocked.Decrement(ref _watching);
    }

    public void Dispose() => _ca.Dispose();
}
