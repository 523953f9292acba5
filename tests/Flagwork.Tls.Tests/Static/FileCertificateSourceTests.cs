using Flagwork.Tls.Certificates;
using Flagwork.Tls.Static;
using Flagwork.Tls.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Tls.Tests.Static;

/// <summary>Ports of cert-manager's file_source_test.go (FS1, FS2) and the suggested extras, on a fake clock.</summary>
public sealed class FileCertificateSourceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly FileCertificateSource _source;

    public FileCertificateSourceTests()
    {
        _source = new FileCertificateSource(
            new FileCertificateSourceOptions
            {
                CertificatePath = _directory.File("tls.crt"),
                PrivateKeyPath = _directory.File("tls.key"),
                PollInterval = Interval,
            },
            _time);
    }

    private void Write(TestCertificates.Pem pem)
    {
        File.WriteAllText(_directory.File("tls.key"), pem.PrivateKey);
        File.WriteAllText(_directory.File("tls.crt"), pem.Certificate);
    }

    private string? ServedSerial => _source.Current is { } snapshot ? TestCertificates.SubjectSerial(snapshot.Certificate) : null;

    [Fact]
    public async Task FS1_ReadsFile()
    {
        Write(TestCertificates.Create("serial1"));
        var run = _source.RunAsync(_cancellation.Token);

        Assert.Equal("serial1", ServedSerial);
        await _cancellation.CancelAsync();
        await run; // a clean return on cancellation
    }

    [Fact]
    public async Task FS2_UpdatesFile()
    {
        Write(TestCertificates.Create("serial1"));
        var run = _source.RunAsync(_cancellation.Token);
        Assert.Equal("serial1", ServedSerial);

        Write(TestCertificates.Create("serial2"));
        Assert.True(await Eventually.AdvanceUntilAsync(_time, Interval, () => ServedSerial == "serial2"));
        await _cancellation.CancelAsync();
        await run;
    }

    [Fact]
    public async Task NoCertificateBeforeTheFirstGoodRead()
    {
        var run = _source.RunAsync(_cancellation.Token);
        Assert.Null(_source.Current);
        Assert.Equal(0, _source.Status.ConsecutiveFailures); // the first read's failure does not count

        Write(TestCertificates.Create("late"));
        Assert.True(await Eventually.AdvanceUntilAsync(_time, Interval, () => ServedSerial == "late"));
        await _cancellation.CancelAsync();
        await run;
    }

    [Fact]
    public async Task AMismatchedPairKeepsTheOldCertificateServing()
    {
        var first = TestCertificates.Create("serial1");
        Write(first);
        var run = _source.RunAsync(_cancellation.Token);
        var served = _source.Current;

        // The new certificate arrives before its key: a non-atomic rotation.
        File.WriteAllText(_directory.File("tls.crt"), TestCertificates.Create("serial2").Certificate);
        Assert.True(await Eventually.AdvanceUntilAsync(_time, Interval, () => _source.Status.ConsecutiveFailures >= 1, progress: () => _source.Status.Failures));
        Assert.Same(served, _source.Current);
        Assert.Equal("serial1", ServedSerial);
        Assert.False(run.IsCompleted);
        await _cancellation.CancelAsync();
        await run;
    }

    [Fact]
    public async Task UnchangedBytesAreNotParsedAgain()
    {
        Write(TestCertificates.Create("serial1"));
        var run = _source.RunAsync(_cancellation.Token);
        var served = _source.Current;

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Interval);
        }
        await Task.Yield();
        Assert.Same(served, _source.Current);
        Assert.Equal(1, _source.Status.Successes);
        await _cancellation.CancelAsync();
        await run;
    }

    [Fact]
    public async Task TwelveConsecutiveFailuresAreFatal()
    {
        Write(TestCertificates.Create("serial1"));
        var run = _source.RunAsync(_cancellation.Token);
        File.WriteAllText(_directory.File("tls.crt"), "not a certificate");

        Assert.True(await Eventually.AdvanceUntilAsync(_time, Interval, () => run.IsCompleted, maxSteps: 40, progress: () => _source.Status.Failures));
        var error = await Assert.ThrowsAsync<CertificateSourceException>(() => run);
        Assert.StartsWith("failed to update certificate from disk 12 times in a row: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("serial1", ServedSerial); // still the last good one until the process acts on the error
    }

    [Fact]
    public async Task ASuccessResetsTheFailureCount()
    {
        var good = TestCertificates.Create("serial1");
        Write(good);
        var run = _source.RunAsync(_cancellation.Token);

        File.WriteAllText(_directory.File("tls.crt"), "broken");
        Assert.True(await Eventually.AdvanceUntilAsync(_time, Interval, () => _source.Status.ConsecutiveFailures >= 8, progress: () => _source.Status.Failures));
        Write(TestCertificates.Create("serial2"));
        Assert.True(await Eventually.AdvanceUntilAsync(_time, Interval, () => ServedSerial == "serial2"));
        Assert.Equal(0, _source.Status.ConsecutiveFailures);

        File.WriteAllText(_directory.File("tls.crt"), "broken again");
        Assert.True(await Eventually.AdvanceUntilAsync(_time, Interval, () => _source.Status.ConsecutiveFailures >= 8, progress: () => _source.Status.Failures));
        Assert.False(run.IsCompleted); // 8 + 8 failures, but never 12 in a row
        await _cancellation.CancelAsync();
        await run;
    }

    [Theory]
    [InlineData(TestCertificates.KeyFormat.RsaPkcs8)]
    [InlineData(TestCertificates.KeyFormat.RsaPkcs1)]
    [InlineData(TestCertificates.KeyFormat.EcdsaSec1)]
    [InlineData(TestCertificates.KeyFormat.EcdsaPkcs8)]
    public async Task KeysInEveryPemFormatLoad(TestCertificates.KeyFormat format)
    {
        var pem = TestCertificates.Create("fmt", format);
        Write(pem);
        var run = _source.RunAsync(_cancellation.Token);
        Assert.Equal(pem.Thumbprint, _source.Current?.Thumbprint);
        Assert.True(_source.Current!.Certificate.HasPrivateKey);
        await _cancellation.CancelAsync();
        await run;
    }

    [Fact]
    public void AChainAfterTheLeafIsKept()
    {
        var leaf = TestCertificates.Create("leaf");
        var intermediate = TestCertificates.Create("intermediate");
        var snapshot = PemKeyPair.Load(
            System.Text.Encoding.UTF8.GetBytes(leaf.Certificate + "\n" + intermediate.Certificate),
            System.Text.Encoding.UTF8.GetBytes(leaf.PrivateKey), "test");
        Assert.Equal(leaf.Thumbprint, snapshot.Thumbprint);
        Assert.Single(snapshot.Chain);
    }

    [Theory]
    [InlineData("", "the certificate file is empty")]
    [InlineData("garbage", "holds no CERTIFICATE block")]
    public void BadCertificateFilesSayWhatIsWrong(string certificate, string expected)
    {
        var key = TestCertificates.Create("k").PrivateKey;
        var error = Assert.Throws<InvalidDataException>(() => PemKeyPair.Load(
            System.Text.Encoding.UTF8.GetBytes(certificate), System.Text.Encoding.UTF8.GetBytes(key), "test"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyOfAnotherPairIsRefusedWithoutPrintingIt()
    {
        var a = TestCertificates.Create("a");
        var b = TestCertificates.Create("b");
        var error = Assert.Throws<InvalidDataException>(() => PemKeyPair.Load(
            System.Text.Encoding.UTF8.GetBytes(a.Certificate), System.Text.Encoding.UTF8.GetBytes(b.PrivateKey), "test"));
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cancellation.Cancel();
        _source.Dispose();
        _cancellation.Dispose();
        _directory.Dispose();
    }
}
