using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Flagwork.Tls.Dynamic;

/// <summary>
/// The CA secret's data keys and the checks on them, in cert-manager's order and with its reason strings
/// (<c>caRequiresRegeneration</c>). One deliberate difference: <c>ca.crt</c> may carry, after the current CA, the
/// previous CA until it expires; a <c>ca.crt</c> equal to <c>tls.crt</c> (cert-manager's own secrets) is valid too.
/// </summary>
public static class CaSecretData
{
    public const string Certificate = "tls.crt";
    public const string PrivateKey = "tls.key";
    public const string CaBundle = "ca.crt";

    public const string MissingData = "Missing data in CA secret.";
    public const string DifferentData = "Different data in ca.crt and tls.crt.";
    public const string FailedToParse = "Failed to parse data in CA secret.";
    public const string InternalParseError = "Internal error parsing x509 certificate.";
    public const string NotACa = "Stored certificate is not marked as a CA.";
    public const string NearingExpiry = "CA certificate is nearing expiry.";

    /// <summary>Null when the stored CA is good to use; otherwise the reason it must be regenerated.</summary>
    public static string? RegenerationReason(IReadOnlyDictionary<string, byte[]>? data, DateTimeOffset now)
    {
        if (data is null)
        {
            return MissingData;
        }
        if (!TryGet(data, CaBundle, out var bundle) || !TryGet(data, PrivateKey, out var key) || !TryGet(data, Certificate, out var certificate))
        {
            return MissingData;
        }
        if (!bundle.AsSpan().StartsWith(certificate) || !IsCertificatesOnly(bundle.AsSpan(certificate.Length)))
        {
            return DifferentData;
        }
        X509Certificate2 parsed;
        try
        {
            parsed = LoadPair(certificate, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidDataException)
        {
            return FailedToParse;
        }
        using (parsed)
        {
            var constraints = parsed.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
            {
                return NotACa;
            }
            var notBefore = new DateTimeOffset(parsed.NotBefore.ToUniversalTime());
            var notAfter = new DateTimeOffset(parsed.NotAfter.ToUniversalTime());
            return notAfter - now < (notAfter - notBefore) / 3 ? NearingExpiry : null;
        }
    }

    /// <summary>Loads the CA certificate with its private key (RSA or ECDSA, any PEM key format).</summary>
    public static X509Certificate2 LoadPair(byte[] certificatePem, byte[] keyPem)
    {
        var certificateText = Encoding.UTF8.GetString(certificatePem);
        var keyText = Encoding.UTF8.GetString(keyPem);
        return X509Certificate2.CreateFromPem(certificateText, keyText);
    }

    /// <summary>The certificates after the current CA in <c>ca.crt</c> (previous CAs kept for trust continuity).</summary>
    public static X509Certificate2Collection PreviousAuthorities(IReadOnlyDictionary<string, byte[]> data)
    {
        var previous = new X509Certificate2Collection();
        if (TryGet(data, CaBundle, out var bundle) && TryGet(data, Certificate, out var certificate) && bundle.AsSpan().StartsWith(certificate))
        {
            var rest = Encoding.UTF8.GetString(bundle.AsSpan(certificate.Length));
            if (rest.Trim().Length > 0)
            {
                previous.ImportFromPem(rest);
            }
        }
        return previous;
    }

    /// <summary>PEM text of a certificate, ending in a newline so bundles concatenate cleanly.</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    private static bool IsCertificatesOnly(ReadOnlySpan<byte> rest)
    {
        var text = Encoding.UTF8.GetString(rest).Trim();
        if (text.Length == 0)
        {
            return true;
        }
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(text);
            return collection.Count > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool TryGet(IReadOnlyDictionary<string, byte[]> data, string key, out byte[] value) =>
        data.TryGetValue(key, out value!) && value is { Length: > 0 };
}
