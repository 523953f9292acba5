using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Tls.Dynamic;

/// <summary>Key and certificate profiles of the dynamic CA and its leaves (reference §5.1 and §5.3).</summary>
public static class CertificateMaker
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>A fresh ECDSA P-384 key.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP384);

    /// <summary>
    /// A self-signed CA: subject CN only, IsCA, key usage DigitalSignature | KeyEncipherment | CertSign, a subject key
    /// identifier, ECDSA-SHA384. NotBefore is backdated by <paramref name="backdate"/> to tolerate clock skew.
    /// </summary>
    public static X509Certificate2 CreateAuthority(ECDsa key, string commonName, DateTimeOffset now, TimeSpan lifetime, TimeSpan backdate)
    {
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now - backdate, now + lifetime, NewSerial());
    }

    /// <summary>
    /// A leaf request: no subject, SANs exactly <paramref name="dnsNames"/>, DigitalSignature | KeyEncipherment,
    /// ServerAuth, not a CA.
    /// </summary>
    public static CertificateRequest LeafRequest(ECDsa key, IReadOnlyList<string> dnsNames)
    {
        var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA384);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }
        // A certificate with an empty subject must mark its SANs critical (RFC 5280 §4.2.1.6).
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuth)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }

    /// <summary>16 random bytes with the top bit cleared: a positive serial within RFC 5280's 20 octets.</summary>
    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        if (serial[0] == 0)
        {
            serial[0] = 0x01; // keep it 16 octets long: a leading zero octet would be stripped
        }
        return serial;
    }
}
