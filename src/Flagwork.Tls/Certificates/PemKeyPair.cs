using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Flagwork.Tls.Certificates;

/// <summary>
/// Parses a PEM certificate (leaf first, then any chain) and a PEM private key — PKCS#1 (<c>RSA PRIVATE KEY</c>),
/// PKCS#8 (<c>PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>), RSA or ECDSA — into a snapshot, checking that they match.
/// Error messages say what is wrong and never include key material.
/// </summary>
public static class PemKeyPair
{
    public static CertificateSnapshot Load(ReadOnlySpan<byte> certificatePem, ReadOnlySpan<byte> keyPem, string origin)
    {
        var certificateText = Decode(certificatePem, "certificate");
        var keyText = Decode(keyPem, "private key");

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(certificateText);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InvalidDataException("the certificate file is not valid PEM: " + e.Message, e);
        }
        if (certificates.Count == 0)
        {
            throw new InvalidDataException("the certificate file holds no CERTIFICATE block");
        }

        X509Certificate2 leaf;
        try
        {
            leaf = LeafWithKey(certificates[0], keyText);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InvalidDataException("the private key could not be read or does not match the certificate: " + e.Message, e);
        }

        var chain = new X509Certificate2Collection();
        for (var i = 1; i < certificates.Count; i++)
        {
            chain.Add(certificates[i]);
        }
        certificates[0].Dispose();
        return CertificateSnapshot.Create(leaf, chain, origin);
    }

    private static X509Certificate2 LeafWithKey(X509Certificate2 certificate, string keyText)
    {
        var algorithm = certificate.GetKeyAlgorithm();
        switch (algorithm)
        {
            case "1.2.840.113549.1.1.1": // RSA
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(keyText);
                return certificate.CopyWithPrivateKey(rsa);
            }
            case "1.2.840.10045.2.1": // id-ecPublicKey
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(keyText);
                return certificate.CopyWithPrivateKey(ecdsa);
            }
            default:
                throw new InvalidDataException($"the certificate's key algorithm {algorithm} is not supported; use RSA or ECDSA");
        }
    }

    private static string Decode(ReadOnlySpan<byte> pem, string what)
    {
        if (pem.IsEmpty)
        {
            throw new InvalidDataException($"the {what} file is empty");
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(pem);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"the {what} file is not PEM text", e);
        }
    }
}
