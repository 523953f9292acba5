using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Tls.Tests.Support;

/// <summary>Self-signed certificates as PEM text, made fresh per test (the reference's fixture: CN example.com,
/// subject serialNumber, valid 10 minutes).</summary>
public static class TestCertificates
{
    public enum KeyFormat
    {
        RsaPkcs8,
        RsaPkcs1,
        EcdsaSec1,
        EcdsaPkcs8,
    }

    public sealed record Pem(string Certificate, string PrivateKey, string Thumbprint);

    public static Pem Create(string serial, KeyFormat format = KeyFormat.RsaPkcs8, string commonName = "example.com", TimeSpan? lifetime = null)
    {
        var subject = new X500DistinguishedName($"CN={commonName}, SERIALNUMBER={serial}");
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + (lifetime ?? TimeSpan.FromMinutes(10));
        if (format is KeyFormat.RsaPkcs8 or KeyFormat.RsaPkcs1)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            AddServerExtensions(request, commonName);
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-1), notAfter);
            var key = format == KeyFormat.RsaPkcs1 ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem();
            return new Pem(certificate.ExportCertificatePem(), key, certificate.Thumbprint);
        }
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecRequest = new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256);
        AddServerExtensions(ecRequest, commonName);
        using var ecCertificate = ecRequest.CreateSelfSigned(now.AddMinutes(-1), notAfter);
        var ecKey = format == KeyFormat.EcdsaSec1 ? ecdsa.ExportECPrivateKeyPem() : ecdsa.ExportPkcs8PrivateKeyPem();
        return new Pem(ecCertificate.ExportCertificatePem(), ecKey, ecCertificate.Thumbprint);
    }

    /// <summary>The serialNumber attribute of a certificate's subject.</summary>
    public static string? SubjectSerial(X509Certificate2 certificate) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Select(rdn => (rdn.GetSingleElementType().Value, rdn.GetSingleElementValue()))
            .FirstOrDefault(p => p.Value == "2.5.4.5").Item2;

    private static void AddServerExtensions(CertificateRequest request, string dnsName)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
    }
}
