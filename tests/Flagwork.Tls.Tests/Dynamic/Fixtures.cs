using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Secrets;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>A CA as PEM text, as a secret would hold it.</summary>
public sealed record CaPem(string Certificate, string PrivateKey)
{
    public X509Certificate2 Load() => X509Certificate2.CreateFromPem(Certificate);

    /// <summary>The secret data cert-manager writes: <c>ca.crt</c> byte-identical to <c>tls.crt</c>.</summary>
    public Dictionary<string, byte[]> SecretData() => Fixtures.Data(
        (CaSecretData.Certificate, Certificate), (CaSecretData.PrivateKey, PrivateKey), (CaSecretData.CaBundle, Certificate));
}

/// <summary>Clocks, fixture CAs, secret data and chain checks shared by the dynamic TLS tests.</summary>
public static class Fixtures
{
    public static readonly SecretKey Key = new("test-namespace", "test-secret");

    /// <summary>A fake clock at the current time, whole seconds (X.509 times have no fractions, so a certificate made
    /// "now" then has exactly NotBefore = now).</summary>
    public static FakeTimeProvider Clock()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
    }

    public static DynamicAuthorityOptions AuthorityOptions(SecretKey? key = null) => new()
    {
        Secret = key ?? Key,
        CommonName = "test-common-name",
        CaDuration = TimeSpan.FromDays(365),
    };

    /// <summary>The reference's fixture CA: P-384, PKCS#8, IsCA, CN cert-manager-webhook-ca, with the given validity.</summary>
    /// <param name="subjectKeyIdentifier">False for a CA made by a tool that adds none (Go, cert-manager and .NET's
    /// <see cref="CertificateMaker"/> add one; a hand-made openssl CA may not).</param>
    public static CaPem Ca(
        DateTimeOffset notBefore, DateTimeOffset notAfter, bool isCa = true, string commonName = "cert-manager-webhook-ca", bool subjectKeyIdentifier = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA384);
        AddCaExtensions(request, isCa, subjectKeyIdentifier);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return new CaPem(certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>An operator-seeded RSA CA valid from a day ago for 30 days, made once: RSA key generation is slow.</summary>
    public static CaPem SharedRsaCa => LazyRsaCa.Value;

    private static readonly Lazy<CaPem> LazyRsaCa = new(() => RsaCa(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));

    /// <summary>An operator-seeded RSA CA (cert-manager uses whatever it finds, whatever the key type).</summary>
    public static CaPem RsaCa(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=operator-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(request, isCa: true);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return new CaPem(certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem());
    }

    public static Dictionary<string, byte[]> Data(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => Encoding.UTF8.GetBytes(e.Value), StringComparer.Ordinal);

    public static string Text(this StoredSecret secret, string dataKey) => Encoding.UTF8.GetString(secret.Get(dataKey) ?? []);

    /// <summary>The certificates of a PEM bundle (<c>ca.crt</c>), in order.</summary>
    public static X509Certificate2Collection Bundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    /// <summary>A leaf request like the serving source's, for a key of any curve.</summary>
    public static CertificateRequest LeafRequest(ECDsa key, params string[] dnsNames) => CertificateMaker.LeafRequest(key, dnsNames);

    /// <summary>Whether <paramref name="leaf"/> chains, for server authentication at <paramref name="at"/>, to one of
    /// <paramref name="roots"/> trusted alone (no system roots, no revocation, no network).</summary>
    public static bool Chains(X509Certificate2 leaf, X509Certificate2Collection roots, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        return chain.Build(leaf);
    }

    public static bool Chains(X509Certificate2 leaf, X509Certificate2 root, DateTimeOffset at) => Chains(leaf, new X509Certificate2Collection(root), at);

    public static DateTimeOffset NotBefore(this X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime());

    public static DateTimeOffset NotAfter(this X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime());

    /// <summary>Waits (bounded) for a task that should finish promptly; fails the test instead of hanging it.</summary>
    public static Task<T> Promptly<T>(this Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(10));

    public static Task Promptly(this Task task) => task.WaitAsync(TimeSpan.FromSeconds(10));

    private static void AddCaExtensions(CertificateRequest request, bool isCa, bool subjectKeyIdentifier = true)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, critical: true));
        var usages = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(isCa ? usages | X509KeyUsageFlags.KeyCertSign : usages, critical: true));
        if (subjectKeyIdentifier)
        {
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        }
    }
}
