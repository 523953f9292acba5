using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// The leaf profile (reference §5.2 <c>Sign</c> and §5.3), with our difference: NotBefore backdated 5 minutes, but never
/// before the CA's NotBefore; NotAfter clamped to the CA's.
/// </summary>
public sealed class SignProfileTests : IDisposable
{
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LeafLife = TimeSpan.FromDays(7);

    private readonly FakeTimeProvider _time = Fixtures.Clock();
    private readonly InMemorySecretStore _store = new();
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private async Task<DynamicAuthority> LoadedAuthorityAsync(CaPem? seeded = null)
    {
        if (seeded is not null)
        {
            _store.Put(Fixtures.Key, seeded.SecretData());
        }
        var authority = new DynamicAuthority(_store, Fixtures.AuthorityOptions(), _time);
        await authority.EnsureAsync(_stop.Token);
        Assert.NotNull(authority.Certificate);
        return authority;
    }

    private static X509Certificate2 SignLeaf(DynamicAuthority authority, TimeSpan lifetime)
    {
        using var key = CertificateMaker.NewKey();
        return authority.Sign(Fixtures.LeafRequest(key, "example.com"), lifetime);
    }

    [Fact]
    public async Task NotBeforeIsBackdatedFiveMinutes_NotAfterIsTheLifetimeFromNow()
    {
        using var authority = await LoadedAuthorityAsync();
        _time.Advance(TimeSpan.FromHours(1));

        using var leaf = SignLeaf(authority, LeafLife);

        Assert.Equal(Now - Backdate, leaf.NotBefore());
        Assert.Equal(Now + LeafLife, leaf.NotAfter());
    }

    [Fact]
    public async Task NotBeforeIsNeverBeforeTheCasNotBefore()
    {
        // A CA made a minute ago without backdating (another replica, cert-manager itself, or a clock ahead of ours).
        var ca = Fixtures.Ca(Now.AddMinutes(-1), Now.AddDays(365));
        using var authority = await LoadedAuthorityAsync(ca);

        using var leaf = SignLeaf(authority, LeafLife);

        Assert.Equal(Now.AddMinutes(-1), leaf.NotBefore());
        Assert.True(Fixtures.Chains(leaf, ca.Load(), Now));
    }

    [Fact]
    public async Task NotAfterIsClampedToTheCas()
    {
        // Two days left of four: not yet due for renewal, but shorter than a leaf's life.
        var ca = Fixtures.Ca(Now.AddDays(-2), Now.AddDays(2));
        using var authority = await LoadedAuthorityAsync(ca);

        using var leaf = SignLeaf(authority, LeafLife);

        Assert.Equal(Now.AddDays(2), leaf.NotAfter());
        Assert.True(Fixtures.Chains(leaf, ca.Load(), Now));
    }

    [Fact]
    public async Task ACaWithoutASubjectKeyIdentifierStillSigns_ItsLeavesNameNoIssuerKey()
    {
        // cert-manager uses an operator-seeded CA as is; Go names the issuer key only when the CA has one.
        var ca = Fixtures.Ca(Now.AddDays(-1), Now.AddDays(30), subjectKeyIdentifier: false);
        using var authority = await LoadedAuthorityAsync(ca);

        using var leaf = SignLeaf(authority, LeafLife);

        Assert.Empty(leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        Assert.True(Fixtures.Chains(leaf, ca.Load(), Now));
    }

    [Fact]
    public async Task LeavesNameTheIssuingKey()
    {
        using var authority = await LoadedAuthorityAsync();

        using var leaf = SignLeaf(authority, LeafLife);

        var caKeyId = authority.Certificate!.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        var aki = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        Assert.Equal(caKeyId, aki.KeyIdentifier!.Value.ToArray());
        Assert.Null(aki.SerialNumber);
    }

    [Fact]
    public async Task TheCallersRequestIsLeftAsItWasGiven_AStaleAuthorityKeyIdentifierIsReplaced()
    {
        using var authority = await LoadedAuthorityAsync();
        using var key = CertificateMaker.NewKey();
        var request = Fixtures.LeafRequest(key, "example.com");
        var stale = X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(new byte[] { 1, 2, 3 });
        request.CertificateExtensions.Add(stale);
        var before = request.CertificateExtensions.Select(e => Convert.ToHexString(e.RawData)).ToArray();

        using var leaf = authority.Sign(request, LeafLife);

        Assert.Equal(before, request.CertificateExtensions.Select(e => Convert.ToHexString(e.RawData)).ToArray());
        var caKeyId = authority.Certificate!.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
        var aki = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        Assert.Equal(caKeyId, aki.KeyIdentifier!.Value.ToArray());
        Assert.Equal(request.CertificateExtensions.Count, leaf.Extensions.Count);
    }

    [Fact]
    public async Task SigningWithAnExpiredCaFails()
    {
        using var authority = await LoadedAuthorityAsync();
        _time.Advance(TimeSpan.FromDays(366)); // no check ran meanwhile

        var error = Assert.Throws<InvalidOperationException>(() => SignLeaf(authority, LeafLife));
        Assert.Equal("internal error: CA certificate has expired, try again later", error.Message);
    }

    [Fact]
    public async Task TheServedLeaf_P384_ExactSans_ServerAuth_NotACa_ChainsToTheCa()
    {
        string[] names = ["example.com", "metrics.example.com"];
        using var authority = new DynamicAuthority(_store, Fixtures.AuthorityOptions(), _time);
        var source = new DynamicSource(authority, new DynamicSourceOptions { DnsNames = names }, _time);
        var run = source.RunAsync(_stop.Token);

        Assert.True(await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromSeconds(1), () => source.Current is not null));
        var leaf = source.Current!.Certificate;

        Assert.True(leaf.HasPrivateKey);
        using (var key = leaf.GetECDsaPublicKey())
        {
            Assert.Equal(384, key!.KeySize);
        }
        using (var privateKey = leaf.GetECDsaPrivateKey())
        {
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", privateKey!.ExportPkcs8PrivateKeyPem(), StringComparison.Ordinal);
        }
        Assert.Equal(string.Empty, leaf.Subject);
        Assert.Equal(names, leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Empty(leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses());
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal("1.2.840.10045.4.3.3", leaf.SignatureAlgorithm.Value); // signed by the P-384 CA with SHA-384
        var ca = authority.Certificate!;
        // Signed at the CA's creation or a retry later: backdated 5 minutes, which is not before the CA's NotBefore.
        Assert.True(leaf.NotBefore() >= ca.NotBefore());
        Assert.Equal(Backdate + LeafLife, leaf.NotAfter() - leaf.NotBefore());
        Assert.True(Fixtures.Chains(leaf, ca, Now));
        Assert.Equal(ca.Thumbprint, X509Certificate2.CreateFromPem(_store.Peek(Fixtures.Key)!.Text("ca.crt")).Thumbprint);

        await _stop.CancelAsync();
        await run.Promptly();
    }

    [Fact]
    public void EachLeafGetsAFreshKeyAndSerial()
    {
        using var a = CertificateMaker.NewKey();
        using var b = CertificateMaker.NewKey();
        Assert.NotEqual(a.ExportSubjectPublicKeyInfo(), b.ExportSubjectPublicKeyInfo());
        var serial = CertificateMaker.NewSerial();
        Assert.Equal(16, serial.Length);
        Assert.InRange(serial[0], 0x01, 0x7F); // positive, no leading zero octet
    }
}
