using Flagwork.Tls.Certificates;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// DS1–DS6, cert-manager's dynamic_source_test.go, with <see cref="MockAuthority"/> and a fake clock: retries wait
/// <see cref="Retry"/> of fake time, and leaf lifetimes run on the fake clock too.
/// </summary>
public sealed class DynamicSourceTests : IDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    // X.509 validity has whole seconds, so the reference's 150 ms leaf (renewed at 100 ms) becomes 150 s, renewed at 100 s.
    private static readonly TimeSpan ShortLeaf = TimeSpan.FromSeconds(150);

    private readonly FakeTimeProvider _time = Fixtures.Clock();
    private readonly CancellationTokenSource _stop = new();
    private readonly ListLogger _log = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private DynamicSource Source(ICertificateAuthority authority, TimeSpan? leaf = null) => new(
        authority,
        new DynamicSourceOptions { DnsNames = ["example.com"], LeafDuration = leaf ?? TimeSpan.FromMinutes(1), RetryInterval = Retry },
        _time,
        _log);

    private static byte[]? Der(DynamicSource source) => source.Current?.Certificate.RawData;

    [Fact]
    public async Task DS1_SignAlwaysFails_NoCertificate_AndTheAuthoritysErrorEndsTheSource()
    {
        using var authority = new MockAuthority(_time) { SignFails = _ => true };
        var source = Source(authority);
        var run = source.RunAsync(_stop.Token);

        Assert.True(await Eventually.AdvanceUntilAsync(_time, Retry, () => authority.SignCalls >= 3, progress: () => authority.SignCalls));
        Assert.Null(source.Current);
        Assert.True(source.Status.SigningErrors >= 3);
        Assert.Contains(_log.Messages, m => m.StartsWith("Failed to generate serving certificate, retrying...", StringComparison.Ordinal));

        authority.Stop(new InvalidOperationException("mock error"));

        var error = await Assert.ThrowsAsync<CertificateSourceException>(() => run.Promptly());
        Assert.Contains("mock error", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, authority.Watching); // the rotation reader is given back
    }

    [Fact]
    public async Task DS2_TheAuthorityStoppingWhileNotCancelledIsAnError()
    {
        using var authority = new MockAuthority(_time) { SignFails = _ => true };
        var run = Source(authority).RunAsync(_stop.Token);

        authority.Stop();

        var error = await Assert.ThrowsAsync<CertificateSourceException>(() => run.Promptly());
        Assert.Contains("certificate authority stopped unexpectedly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DS3_RetriesUntilSigningSucceeds()
    {
        using var authority = new MockAuthority(_time) { SignFails = call => call <= 4 };
        var source = Source(authority);
        var run = source.RunAsync(_stop.Token);

        Assert.True(await Eventually.AdvanceUntilAsync(_time, Retry, () => source.Current is not null, progress: () => authority.SignCalls));

        Assert.Equal(5, authority.SignCalls);
        Assert.Equal(4, source.Status.SigningErrors);
        Assert.Equal(1, source.Status.LeavesIssued);
        await StopAsync(run);
    }

    [Fact]
    public async Task DS4_NoRotationKeepsTheSameCertificate()
    {
        using var authority = new MockAuthority(_time);
        var source = Source(authority);
        var run = source.RunAsync(_stop.Token);
        Assert.True(await Eventually.TrueAsync(() => source.Current is not null));
        var first = Der(source);

        // Well before the renewal moment (40 s into a 1 min leaf); a short real wait lets a wrong re-issue show.
        _time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(50);

        Assert.Equal(first, Der(source));
        Assert.Equal(1, authority.SignCalls);
        await StopAsync(run);
    }

    [Fact]
    public async Task DS5_EachRootRotationIssuesANewCertificate()
    {
        using var authority = new MockAuthority(_time);
        var source = Source(authority);
        var run = source.RunAsync(_stop.Token);
        Assert.True(await Eventually.TrueAsync(() => source.Current is not null));
        var first = Der(source);

        for (var i = 1; i <= 10; i++)
        {
            authority.Rotate();
            Assert.True(await Eventually.TrueAsync(() => source.Status.LeavesIssued == i + 1), $"rotation {i} issued no leaf");
            Assert.NotEqual(first, Der(source));
        }

        Assert.Equal(10, _log.CountContaining("Detected root CA rotation - regenerating serving certificates"));
        // Logged just after the leaf is counted.
        Assert.True(await Eventually.TrueAsync(() => _log.CountContaining("Updated TLS certificate DNSNames=[\"example.com\"]") == 11));
        await StopAsync(run);
    }

    [Fact]
    public async Task DS6_AnExpiringLeafIsRenewedAtTwoThirdsOfItsLife()
    {
        using var authority = new MockAuthority(_time);
        var source = Source(authority, ShortLeaf);
        var run = source.RunAsync(_stop.Token);
        Assert.True(await Eventually.TrueAsync(() => source.Current is not null));
        var previous = source.Current!;
        Assert.Equal(previous.NotBefore + ShortLeaf, previous.NotAfter);

        for (var i = 1; i <= 5; i++)
        {
            // One second short of two thirds: still the same leaf.
            _time.Advance(ShortLeaf * 2 / 3 - TimeSpan.FromSeconds(1));
            await Task.Delay(20);
            Assert.Same(previous, source.Current);

            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await Eventually.TrueAsync(() => source.Status.LeavesIssued == i + 1), $"renewal {i} issued no leaf");
            var renewed = source.Current!;
            Assert.NotEqual(previous.Certificate.RawData, renewed.Certificate.RawData);
            Assert.Equal(_time.GetUtcNow(), renewed.NotBefore);
            previous = renewed;
        }

        Assert.Equal(5, _log.CountContaining("Certificate needs renewal reason=CertificateAboutToExpire"));
        await StopAsync(run);
    }

    [Fact]
    public async Task NoCertificateBeforeTheAuthorityHasACa_ThenOneOnceItHas()
    {
        using var authority = new NotYetAuthority(new MockAuthority(_time));
        var source = Source(authority);
        var run = source.RunAsync(_stop.Token);

        Assert.True(await Eventually.AdvanceUntilAsync(_time, Retry, () => authority.Calls >= 2, progress: () => authority.Calls));
        Assert.Null(source.Current);
        Assert.Contains(_log.Messages, m => m.StartsWith("Certificate is not yet created, retrying...", StringComparison.Ordinal));
        Assert.Equal(0, source.Status.SigningErrors); // waiting for the CA is not a signing error

        authority.Ready = true;
        Assert.True(await Eventually.AdvanceUntilAsync(_time, Retry, () => source.Current is not null, progress: () => authority.Calls));
        await StopAsync(run);
    }

    [Fact]
    public async Task CancellationEndsRunCleanly()
    {
        using var authority = new MockAuthority(_time);
        var source = Source(authority);
        var run = source.RunAsync(_stop.Token);
        Assert.True(await Eventually.TrueAsync(() => source.Current is not null));

        await StopAsync(run);
        Assert.Equal(0, authority.Watching);
    }

    private async Task StopAsync(Task run)
    {
        await _stop.CancelAsync();
        await run.Promptly(); // returns, does not throw, on cancellation
    }

    /// <summary>An authority without a CA until <see cref="Ready"/> (Sign throws <see cref="CertificateNotAvailableException"/>).</summary>
    private sealed class NotYetAuthority(MockAuthority inner) : ICertificateAuthority, IDisposable
    {
        private int _calls;

        public volatile bool Ready;

        public int Calls => Volatile.Read(ref _calls);

        public Task RunAsync(CancellationToken cancellationToken) => inner.RunAsync(cancellationToken);

        public System.Security.Cryptography.X509Certificates.X509Certificate2 Sign(
            System.Security.Cryptography.X509Certificates.CertificateRequest request, TimeSpan lifetime)
        {
            Interlocked.Increment(ref _calls);
            return Ready ? inner.Sign(request, lifetime) : throw new CertificateNotAvailableException();
        }

        public System.Threading.Channels.ChannelReader<bool> WatchRotation() => inner.WatchRotation();

        public void StopWatchingRotation(System.Threading.Channels.ChannelReader<bool> reader) => inner.StopWatchingRotation(reader);

        public void Dispose() => inner.Dispose();
    }
}
