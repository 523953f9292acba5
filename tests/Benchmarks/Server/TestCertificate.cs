using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Benchmarks.Server;

/// <summary>
/// The floor app's fixed certificate: a P-384 CA and a P-384 leaf for <c>localhost</c> (the key type and chain shape of
/// the component's dynamic TLS), written as PEM files; the CA is the scraper's trust anchor.
/// </summary>
public sealed record TestCertificate(string CertificateFile, string KeyFile, X509Certificate2Collection Trust)
{
    public static TestCertificate Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var caRequest = new CertificateRequest("CN=floor-ca", caKey, HashAlgorithmName.SHA384);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(365));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA384);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var leaf = leafRequest.Create(ca, now.AddMinutes(-5), now.AddDays(7), [1, 2, 3, 4, 5, 6, 7, 8]);

        var certificateFile = Path.Combine(directory, "tls.crt");
        var keyFile = Path.Combine(directory, "tls.key");
        File.WriteAllText(certificateFile, leaf.ExportCertificatePem() + "\n");
        File.WriteAllText(keyFile, leafKey.ExportPkcs8PrivateKeyPem() + "\n");
        return new TestCertificate(certificateFile, keyFile, [X509CertificateLoader.LoadCertificate(ca.RawData)]);
    }
}
