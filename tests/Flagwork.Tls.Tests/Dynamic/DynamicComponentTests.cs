using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Secrets;
using Flagwork.Tls.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// IT1–IT4 (cert-manager's integration tests against a real API server) as component tests: the real
/// <see cref="FileSecretStore"/> in a temporary directory, namespace <c>testns</c>, secret <c>testsecret</c>, its watch
/// on file system events and on polling. The clock is fake; each wait steps it one authority check at a time, so
/// whichever of an event, a store poll or a check sees a change first, the test does not wait for real time to pass.
/// Also AU2's create race
/// across 12 file stores sharing one directory, as 12 processes would.
/// </summary>
[UnsupportedOSPlatform("windows")] // The file store needs POSIX links, rename(2) and flock.
public sealed class DynamicComponentTests : IDisposable
{
    private static readonly SecretKey Key = new("testns", "testsecret");
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // Each wait steps the clock by the authority's check interval, so a change the store's watch did not report (one
    // it never saw: created and deleted between two of its polls) is still caught by the authority's next check.
    private static readonly TimeSpan Step = new DynamicAuthorityOptions { Secret = Key }.CheckInterval;

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = Fixtures.Clock();
    private readonly CancellationTokenSource _stop = new();
    private readonly ListLogger _log = new();
    private readonly FileSecretStore _store;

    public DynamicComponentTests()
    {
        _store = new FileSecretStore(_directory.Path, _time, options: new FileSecretStoreOptions { PollInterval = Poll });
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _directory.Dispose();
    }

    private DynamicAuthority Authority() => new(_store, new DynamicAuthorityOptions { Secret = Key }, _time, _log);

    // The file store reads synchronously: its task is complete when returned.
    private StoredSecret? Stored() => _store.GetAsync(Key, CancellationToken.None).GetAwaiter().GetResult();

    private X509Certificate2? StoredCa() =>
        Stored()?.Get(CaSecretData.Certificate) is { } pem ? X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(pem)) : null;

    private Task<bool> StepUntilAsync(Func<bool> condition) => Eventually.AdvanceUntilAsync(_time, Step, condition);

    /// <summary>IT1's validity check: all three keys non-empty, ca.crt starting with tls.crt, the pair parses, IsCA.</summary>
    private static bool IsValid(StoredSecret? secret, bool firstCreate)
    {
        if (secret?.Get("ca.crt") is not { Length: > 0 } bundle || secret.Get("tls.key") is not { Length: > 0 } key
            || secret.Get("tls.crt") is not { Length: > 0 } certificate)
        {
            return false;
        }
        if (!bundle.AsSpan().StartsWith(certificate) || (firstCreate && !bundle.AsSpan().SequenceEqual(certificate)))
        {
            return false;
        }
        using var pair = CaSecretData.LoadPair(certificate, key);
        return pair.HasPrivateKey && pair.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority;
    }

    [Fact]
    public async Task IT1_Bootstrap_TheSecretAppearsAndIsValid()
    {
        using var authority = Authority();
        var run = authority.RunAsync(_stop.Token);

        Assert.True(await StepUntilAsync(() => IsValid(Stored(), firstCreate: true)));

        var keyFile = Path.Combine(_directory.Path, "testns", "testsecret", "current", "tls.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(StoredCa()!.Thumbprint, authority.Certificate?.Thumbprint);
        await StopAsync(run);
    }

    [Fact]
    public async Task IT2_ADeletedSecretIsRecreatedAndValid()
    {
        using var authority = Authority();
        var run = authority.RunAsync(_stop.Token);
        Assert.True(await StepUntilAsync(() => IsValid(Stored(), firstCreate: true)));
        var first = StoredCa()!.Thumbprint;

        Assert.True(await _store.DeleteAsync(Key, _stop.Token));

        Assert.True(await StepUntilAsync(() => IsValid(Stored(), firstCreate: false) && StoredCa()!.Thumbprint != first));
        Assert.True(await StepUntilAsync(() => authority.Certificate?.Thumbprint == StoredCa()!.Thumbprint));
        // Ours: ca.crt keeps the CA the replica held before the deletion, after the new one.
        Assert.Equal([StoredCa()!.Thumbprint, first], Fixtures.Bundle(Stored()!.Text("ca.crt")).Select(c => c.Thumbprint));
        await StopAsync(run);
    }

    [Fact]
    public async Task IT3_TheSourceServesACertificate()
    {
        using var authority = Authority();
        var source = new DynamicSource(authority, new DynamicSourceOptions { DnsNames = ["example.com"] }, _time, _log);
        var run = source.RunAsync(_stop.Token);

        Assert.True(await StepUntilAsync(() => source.Current is not null));

        Assert.Equal(["example.com"], source.Current!.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        await StopAsync(run);
    }

    [Fact]
    public async Task IT4_DeletingTheCaSecretRotatesTheServingCertificate()
    {
        using var authority = Authority();
        var source = new DynamicSource(authority, new DynamicSourceOptions { DnsNames = ["example.com"] }, _time, _log);
        var run = source.RunAsync(_stop.Token);
        Assert.True(await StepUntilAsync(() => source.Current is not null));
        using var oldCa = StoredCa()!;
        Assert.True(await StepUntilAsync(() => Fixtures.Chains(source.Current!.Certificate, oldCa, _time.GetUtcNow())));
        var oldSerial = source.Current!.Certificate.SerialNumber;
        var mark = _log.Messages.Count;

        Assert.True(await _store.DeleteAsync(Key, _stop.Token));

        // Served: a leaf of the new CA (so issued after the new CA was loaded, which only a rotation notice triggers).
        X509Certificate2? newCa = null;
        Assert.True(await StepUntilAsync(() =>
            (newCa = StoredCa()) is not null && newCa.Thumbprint != oldCa.Thumbprint
            && Fixtures.Chains(source.Current!.Certificate, newCa, _time.GetUtcNow())));
        Assert.NotEqual(oldSerial, source.Current!.Certificate.SerialNumber);

        var after = _log.Messages.Skip(mark).ToList();
        var rotation = after.IndexOf("Detected root CA rotation - regenerating serving certificates");
        Assert.True(rotation >= 0, "no rotation logged after the CA secret was deleted");
        Assert.True(await Eventually.TrueAsync(() =>
            _log.Messages.Skip(mark + rotation).Contains("Updated TLS certificate DNSNames=[\"example.com\"]")));
        Assert.Empty(_log.At(LogLevel.Error));
        await StopAsync(run);
        newCa?.Dispose();
    }

    [Fact]
    public async Task AU2_TwelveAuthoritiesOnFileStoresSharingADirectory_OneCa()
    {
        const int count = 12;
        var barrier = new GetBarrier(count);
        var outcomes = new int[Enum.GetValues<SecretWriteOutcome>().Length];
        var authorities = Enumerable.Range(0, count).Select(_ => new DynamicAuthority(
            new GatedSecretStore(
                new FileSecretStore(_directory.Path, _time, options: new FileSecretStoreOptions { PollInterval = Poll, WatchFileSystem = false }),
                barrier.AfterAsync,
                outcomes),
            new DynamicAuthorityOptions { Secret = Key },
            _time,
            _log)).ToArray();
        try
        {
            var runs = authorities.Select(a => Task.Run(() => a.RunAsync(_stop.Token))).ToArray();

            Assert.True(await Eventually.TrueAsync(() => authorities.All(a => a.Certificate is not null), TimeSpan.FromSeconds(20)));
            Assert.Equal(1, outcomes[(int)SecretWriteOutcome.Created]);
            Assert.Equal(count - 1, outcomes[(int)SecretWriteOutcome.AlreadyExists]);
            using var ca = StoredCa()!;
            Assert.All(authorities, a => Assert.Equal(ca.Thumbprint, a.Certificate!.Thumbprint));
            Assert.True(IsValid(Stored(), firstCreate: true));
            Assert.Empty(_log.At(LogLevel.Error));

            await _stop.CancelAsync();
            await Task.WhenAll(runs).Promptly();
        }
        finally
        {
            foreach (var authority in authorities)
            {
                authority.Dispose();
            }
        }
    }

    private async Task StopAsync(Task run)
    {
        await _stop.CancelAsync();
        await run.Promptly();
    }
}
