using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Secrets;
using Flagwork.Tls.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// AU1 and AU2 (cert-manager's authority_test.go) on <see cref="InMemorySecretStore"/>, then what we add to the
/// reference: the previous CA kept in <c>ca.crt</c> across a rotation, lost update races, and store failures. Checks are
/// driven by calling <see cref="DynamicAuthority.EnsureAsync"/> directly wherever the order of events matters.
/// </summary>
public sealed class DynamicAuthorityTests : IDisposable
{
    private static readonly TimeSpan LeafLife = TimeSpan.FromDays(7);
    private static readonly SecretKey Key = Fixtures.Key;

    private readonly FakeTimeProvider _time = Fixtures.Clock();
    private readonly InMemorySecretStore _store = new();
    private readonly ListLogger _log = new();
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private CancellationToken Token => _stop.Token;

    private DateTimeOffset Now => _time.GetUtcNow();

    private DynamicAuthority Authority(ILogger? log = null) => new(_store, Fixtures.AuthorityOptions(), _time, log ?? _log);

    private X509Certificate2 StoredCa() => X509Certificate2.CreateFromPem(_store.Peek(Key)!.Text(CaSecretData.Certificate));

    /// <summary>Signs a leaf for a P-521 key (the reference's template) and checks it chains to the stored CA; returns
    /// the stored CA's thumbprint.</summary>
    private string SignsWithTheStoredCa(DynamicAuthority authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var leaf = authority.Sign(Fixtures.LeafRequest(key, "example.com"), LeafLife);
        using var ca = StoredCa();
        Assert.Equal(ca.Thumbprint, authority.Certificate!.Thumbprint);
        Assert.Equal(ca.SubjectName.RawData, leaf.IssuerName.RawData);
        Assert.True(Fixtures.Chains(leaf, ca, Now), "the leaf does not chain to the stored CA");
        return ca.Thumbprint;
    }

    [Fact]
    public async Task AU1_BootstrapThenDeleteThenOverwrite_EachGivesARotationNoticeAndSignWorks()
    {
        using var authority = Authority();
        var rotations = authority.WatchRotation();
        using (var key = CertificateMaker.NewKey())
        {
            Assert.Throws<CertificateNotAvailableException>(() => authority.Sign(Fixtures.LeafRequest(key, "example.com"), LeafLife));
        }

        // 1. Bootstrap: the secret is created and its CA loaded; Sign works at once. (cert-manager also announces the
        // first load as a rotation, and its test accepts either; ours does not, so a source does not issue twice.)
        await authority.EnsureAsync(Token);
        var first = SignsWithTheStoredCa(authority);
        Assert.False(rotations.TryRead(out _), "the first CA load was announced as a rotation");
        Assert.Equal(1, _store.Count(SecretWriteOutcome.Created));
        Assert.Equal(_store.Peek(Key)!.Text("tls.crt"), _store.Peek(Key)!.Text("ca.crt"));

        // 2. The secret is deleted: a new CA is created and announced.
        Assert.True(await _store.DeleteAsync(Key, Token));
        await authority.EnsureAsync(Token);
        Assert.True(rotations.TryRead(out _), "no rotation notice after the secret was deleted");
        var second = SignsWithTheStoredCa(authority);
        Assert.NotEqual(first, second);
        Assert.Equal(2, _store.Count(SecretWriteOutcome.Created));
        // Ours: the CA this replica held stays trusted through ca.crt while its leaves are replaced.
        Assert.Equal([second, first], Fixtures.Bundle(_store.Peek(Key)!.Text("ca.crt")).Select(c => c.Thumbprint));

        // 3. The data is overwritten with junk (all of it, as kubectl would): the CA is regenerated in place.
        _store.Put(Key, Fixtures.Data(("tls.crt", "test"), ("tls.key", "test")));
        await authority.EnsureAsync(Token);
        Assert.True(rotations.TryRead(out _), "no rotation notice after the data was overwritten");
        var third = SignsWithTheStoredCa(authority);
        Assert.NotEqual(second, third);
        Assert.Equal(1, _store.Count(SecretWriteOutcome.Updated));

        Assert.Contains("Will regenerate CA reason=CA secret not found", _log.Messages);
        Assert.Contains("Will regenerate CA reason=Missing data in CA secret.", _log.Messages);
        Assert.Equal(2, authority.Status.CaRotationsObserved); // the first load is not a rotation
        Assert.Empty(_log.At(LogLevel.Error));
    }

    [Fact]
    public async Task AU1_WhileRunning_WatchEventsAloneRecreateAndRegenerate()
    {
        using var authority = Authority();
        var rotations = authority.WatchRotation();
        var run = authority.RunAsync(Token);

        Assert.True(await Eventually.TrueAsync(() => authority.Certificate is not null));
        var first = StoredCa().Thumbprint;

        // No clock advance: the watch's Deleted and Modified events drive the checks.
        await _store.DeleteAsync(Key, Token);
        await rotations.ReadAsync(Token).AsTask().Promptly();
        Assert.True(await Eventually.TrueAsync(() => _store.Peek(Key) is not null));
        var second = StoredCa().Thumbprint;
        Assert.NotEqual(first, second);

        _store.Put(Key, Fixtures.Data(("tls.crt", "test"), ("tls.key", "test")));
        await rotations.ReadAsync(Token).AsTask().Promptly();
        Assert.True(await Eventually.TrueAsync(() => authority.Certificate?.Thumbprint != second));
        SignsWithTheStoredCa(authority);

        await _stop.CancelAsync();
        await run.Promptly(); // returns on cancellation
        Assert.Equal(0, _store.OpenWatches);
    }

    [Theory]
    [InlineData("", "name", "SecretNamespace must be set")]
    [InlineData("ns", "", "SecretName must be set")]
    public async Task RunRequiresNamespaceAndName(string ns, string name, string message)
    {
        using var authority = new DynamicAuthority(_store, new DynamicAuthorityOptions { Secret = new SecretKey(ns, name) }, _time);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => authority.RunAsync(Token));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task AU2_TwoHundredAuthoritiesStartTogether_ExactlyOneCreates_AllConvergeAndSign()
    {
        const int count = 200;
        // Every authority's first read sees no secret, so all of them generate a CA and race to create it.
        _store.AfterCall = new GetBarrier(count).AfterAsync;
        var authorities = Enumerable.Range(0, count).Select(_ => Authority()).ToArray();
        try
        {
            // Each one's first check, all at once (RunAsync would add a check per watch event to each: the same
            // race at twice the CPU; the 12 file-store authorities in DynamicComponentTests run for real).
            await Task.WhenAll(authorities.Select(a => Task.Run(() => a.EnsureAsync(Token)))).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, _store.Count(SecretWriteOutcome.Created));
            Assert.Equal(count - 1, _store.Count(SecretWriteOutcome.AlreadyExists));
            using var ca = StoredCa();
            Assert.All(authorities, a => Assert.Equal(ca.Thumbprint, a.Certificate?.Thumbprint));

            // Every authority signs (one leaf key will do: Sign certifies the request's public key); every leaf names
            // the stored CA's key, and authority #0's (the reference's check) verifies against it.
            using var leafKey = CertificateMaker.NewKey();
            var caKeyId = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
            for (var i = 0; i < count; i++)
            {
                using var leaf = authorities[i].Sign(Fixtures.LeafRequest(leafKey, "example.com"), LeafLife);
                Assert.Equal(caKeyId, leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
                Assert.True(i > 0 || Fixtures.Chains(leaf, ca, Now));
            }
            Assert.Equal(1, _log.CountContaining("Created new root CA Secret"));
            Assert.Empty(_log.At(LogLevel.Error));
        }
        finally
        {
            foreach (var authority in authorities)
            {
                authority.Dispose();
            }
        }
    }

    [Fact]
    public async Task ARotationKeepsThePreviousCaInCaCrtUntilItExpires()
    {
        using var authority = Authority();
        var rotations = authority.WatchRotation();
        await authority.EnsureAsync(Token);
        rotations.TryRead(out _);
        var created = _store.Peek(Key)!;
        Assert.Equal(created.Text("tls.crt"), created.Text("ca.crt"));
        using var oldCa = StoredCa();

        // One second past the renewal moment: less than a third of the CA's life left.
        var life = oldCa.NotAfter() - oldCa.NotBefore();
        _time.SetUtcNow(oldCa.NotAfter() - life / 3 + TimeSpan.FromSeconds(1));
        using var leafKey = CertificateMaker.NewKey();
        using var oldLeaf = authority.Sign(Fixtures.LeafRequest(leafKey, "example.com"), LeafLife); // served until the pod reacts

        await authority.EnsureAsync(Token);

        Assert.True(rotations.TryRead(out _), "no rotation notice");
        Assert.Contains("Will regenerate CA reason=CA certificate is nearing expiry.", _log.Messages);
        var rotated = _store.Peek(Key)!;
        using var newCa = StoredCa();
        Assert.NotEqual(oldCa.Thumbprint, newCa.Thumbprint);
        Assert.Equal(newCa.Thumbprint, authority.Certificate!.Thumbprint);
        // tls.crt is the new CA alone; ca.crt is the new CA followed by the previous one.
        Assert.Equal([newCa.Thumbprint], Fixtures.Bundle(rotated.Text("tls.crt")).Select(c => c.Thumbprint));
        var trust = Fixtures.Bundle(rotated.Text("ca.crt"));
        Assert.Equal([newCa.Thumbprint, oldCa.Thumbprint], trust.Select(c => c.Thumbprint));
        Assert.StartsWith(rotated.Text("tls.crt"), rotated.Text("ca.crt"), StringComparison.Ordinal);
        Assert.Null(CaSecretData.RegenerationReason(rotated.Data, Now));

        // A scraper trusting ca.crt accepts the leaf signed before the rotation and the one signed after it.
        using var newLeaf = authority.Sign(Fixtures.LeafRequest(leafKey, "example.com"), LeafLife);
        Assert.True(Fixtures.Chains(oldLeaf, trust, Now), "the leaf of the previous CA does not verify against ca.crt");
        Assert.True(Fixtures.Chains(newLeaf, trust, Now), "the leaf of the new CA does not verify against ca.crt");
        Assert.False(Fixtures.Chains(newLeaf, oldCa, Now)); // (the check can fail)

        // Until the previous CA expires, checks leave ca.crt alone.
        _time.SetUtcNow(oldCa.NotAfter() - TimeSpan.FromSeconds(1));
        await authority.EnsureAsync(Token);
        Assert.Equal(rotated.Version, _store.Peek(Key)!.Version);

        // Once it has expired, ca.crt goes back to the current CA alone, without a rotation.
        _time.SetUtcNow(oldCa.NotAfter() + TimeSpan.FromSeconds(1));
        await authority.EnsureAsync(Token);
        var trimmed = _store.Peek(Key)!;
        Assert.Equal(trimmed.Text("tls.crt"), trimmed.Text("ca.crt"));
        Assert.Equal(rotated.Text("tls.crt"), trimmed.Text("tls.crt"));
        Assert.Equal(rotated.Text("tls.key"), trimmed.Text("tls.key"));
        Assert.False(rotations.TryRead(out _), "trimming ca.crt is not a rotation");
        Assert.Contains(_log.Messages, m => m.StartsWith("Removed the expired previous CA from ca.crt", StringComparison.Ordinal));
        Assert.Equal(1, authority.Status.CaRotationsObserved);
        Assert.Empty(_log.At(LogLevel.Error));
    }

    [Fact]
    public async Task AnExpiredCaIsReplacedWithoutKeepingIt()
    {
        using var authority = Authority();
        await authority.EnsureAsync(Token);
        using var oldCa = StoredCa();

        _time.SetUtcNow(oldCa.NotAfter() + TimeSpan.FromMinutes(1));
        await authority.EnsureAsync(Token);

        var stored = _store.Peek(Key)!;
        Assert.Equal(stored.Text("tls.crt"), stored.Text("ca.crt"));
        Assert.NotEqual(oldCa.Thumbprint, authority.Certificate!.Thumbprint);
    }

    [Fact]
    public async Task LostUpdateRace_TheLoserGetsAConflictAndAdoptsTheWinnersCa_WithoutAnError()
    {
        var logA = new ListLogger();
        var logB = new ListLogger();
        using var a = Authority(log: logA);
        using var b = Authority(log: logB);
        var rotationsA = a.WatchRotation();
        var rotationsB = b.WatchRotation();
        await a.EnsureAsync(Token);
        await b.EnsureAsync(Token);
        rotationsA.TryRead(out _);
        rotationsB.TryRead(out _);
        using var oldCa = StoredCa();
        _time.SetUtcNow(oldCa.NotAfter() - (oldCa.NotAfter() - oldCa.NotBefore()) / 3 + TimeSpan.FromSeconds(1));

        // Both read the same version; the first to try its update waits until the other's has gone through.
        var updates = 0;
        _store.BeforeCall = async (call, cancellationToken) =>
        {
            if (call == StoreCall.Update && Interlocked.Increment(ref updates) == 1)
            {
                await Eventually.TrueAsync(() => _store.Count(SecretWriteOutcome.Updated) == 1);
            }
        };
        await Task.WhenAll(a.EnsureAsync(Token), b.EnsureAsync(Token)).Promptly();

        Assert.Equal(1, _store.Count(SecretWriteOutcome.Updated));
        Assert.Equal(1, _store.Count(SecretWriteOutcome.Conflict));
        using var newCa = StoredCa();
        Assert.NotEqual(oldCa.Thumbprint, newCa.Thumbprint);
        Assert.Equal(newCa.Thumbprint, a.Certificate!.Thumbprint);
        Assert.Equal(newCa.Thumbprint, b.Certificate!.Thumbprint);
        Assert.True(rotationsA.TryRead(out _));
        Assert.True(rotationsB.TryRead(out _));
        Assert.Empty(logA.At(LogLevel.Error));
        Assert.Empty(logB.At(LogLevel.Error));
        Assert.Equal(0, a.Status.StoreErrors + b.Status.StoreErrors);
        Assert.Equal([newCa.Thumbprint, oldCa.Thumbprint], Fixtures.Bundle(_store.Peek(Key)!.Text("ca.crt")).Select(c => c.Thumbprint));
    }

    [Fact]
    public async Task AStoreFailureIsCountedAndLogged_AndTheNextCheckSucceeds()
    {
        using var authority = Authority();
        _store.FailNext(1);

        await authority.EnsureAsync(Token); // does not throw

        Assert.Null(authority.Certificate);
        Assert.Equal(1, authority.Status.StoreErrors);
        Assert.Contains("error ensuring CA: in-memory store: injected failure of Get", _log.At(LogLevel.Error));

        await authority.EnsureAsync(Token);
        Assert.NotNull(authority.Certificate);
        Assert.Equal(1, authority.Status.StoreErrors);
    }

    [Fact]
    public async Task AFailedCreateIsRetriedOnTheNextCheck()
    {
        using var authority = Authority();
        var failed = 0;
        _store.BeforeCall = (call, _) => call == StoreCall.Create && Interlocked.Increment(ref failed) == 1
            ? throw new SecretStoreException("create failed")
            : Task.CompletedTask;

        await authority.EnsureAsync(Token);
        Assert.Null(authority.Certificate);
        Assert.Null(_store.Peek(Key));
        Assert.Equal(1, authority.Status.StoreErrors);

        await authority.EnsureAsync(Token);
        Assert.Equal(StoredCa().Thumbprint, authority.Certificate?.Thumbprint);
    }

    [Fact]
    public async Task WhileRunning_StoreFailuresAreRetriedEveryCheckInterval()
    {
        using var authority = Authority();
        _store.FailNext(3);
        var run = authority.RunAsync(Token);

        // The start (watch and first poll) fails twice, the next poll once more, then one succeeds.
        Assert.True(await Eventually.AdvanceUntilAsync(
            _time, new DynamicAuthorityOptions { Secret = Key }.CheckInterval, () => authority.Certificate is not null, progress: () => authority.Status.StoreErrors));
        Assert.Equal(3, authority.Status.StoreErrors);
        Assert.Equal(3, _log.At(LogLevel.Error).Count());

        await _stop.CancelAsync();
        await run.Promptly();
    }

    [Fact]
    public async Task AnUnexpectedErrorInACheckEndsRun_NotJustTheLoopThatHitIt()
    {
        using var authority = Authority();
        var reads = 0;
        _store.BeforeCall = (call, _) => call == StoreCall.Get && Interlocked.Increment(ref reads) == 1
            ? throw new InvalidOperationException("not a store failure")
            : Task.CompletedTask;

        var run = authority.RunAsync(Token);

        // The watch's check or the poll's hit it; the other must not carry on alone, silently.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.Promptly());
        Assert.Equal("not a store failure", error.Message);
        Assert.Equal(0, _store.OpenWatches);
    }

    [Fact]
    public async Task AnOperatorSeededRsaCaIsAdoptedAsIsAndSigns()
    {
        var seeded = Fixtures.SharedRsaCa;
        _store.Put(Key, seeded.SecretData());
        using var authority = Authority();

        await authority.EnsureAsync(Token);

        Assert.Equal(seeded.Load().Thumbprint, authority.Certificate!.Thumbprint);
        Assert.Equal(0, _store.Count(SecretWriteOutcome.Updated));
        using var key = CertificateMaker.NewKey();
        using var leaf = authority.Sign(Fixtures.LeafRequest(key, "example.com"), LeafLife);
        Assert.Equal("1.2.840.113549.1.1.12", leaf.SignatureAlgorithm.Value); // sha384WithRSAEncryption
        Assert.True(Fixtures.Chains(leaf, seeded.Load(), Now));
    }

    [Fact]
    public async Task TheCaProfile()
    {
        using var authority = Authority();
        await authority.EnsureAsync(Token);
        var stored = _store.Peek(Key)!;
        using var ca = StoredCa();

        Assert.Equal("CN=test-common-name", ca.Subject);
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single() is { CertificateAuthority: true, HasPathLengthConstraint: false });
        Assert.Equal(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign,
            ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Empty(ca.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Single(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.Equal("1.2.840.10045.4.3.3", ca.SignatureAlgorithm.Value); // ecdsa-with-SHA384
        Assert.Equal(384, ca.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(Now - TimeSpan.FromMinutes(5), ca.NotBefore()); // backdated, unlike cert-manager
        Assert.Equal(Now + TimeSpan.FromDays(365), ca.NotAfter());
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", stored.Text("tls.key"), StringComparison.Ordinal); // PKCS#8
        Assert.Equal("true", stored.Annotations["cert-manager.io/allow-direct-injection"]);
        Assert.Equal(ca.NotAfter().ToUnixTimeSeconds(), authority.Status.CaNotAfterUnixSeconds);
    }
}
