using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Tls.Certificates;

/// <summary>
/// One loaded serving certificate: the leaf with its private key, its chain, and the <see cref="SslStreamCertificateContext"/>
/// built once for it. Immutable: a source publishes a new snapshot instead of changing one, and every new TLS connection
/// takes whichever snapshot is current when it starts.
/// </summary>
public sealed class CertificateSnapshot
{
    private CertificateSnapshot(X509Certificate2 certificate, X509Certificate2Collection chain, SslStreamCertificateContext context, string origin)
    {
        Certificate = certificate;
        Chain = chain;
        Context = context;
        Origin = origin;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Intermediates (and optionally the root) sent after the leaf.</summary>
    public X509Certificate2Collection Chain { get; }

    public SslStreamCertificateContext Context { get; }

    /// <summary>Where it came from, for logs: a file path or a secret name. Never key material.</summary>
    public string Origin { get; }

    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());

    public string Thumbprint => Certificate.Thumbprint;

    /// <summary>Builds the snapshot; <paramref name="certificate"/> must carry its private key.</summary>
    public static CertificateSnapshot Create(X509Certificate2 certificate, X509Certificate2Collection chain, string origin)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("the serving certificate has no private key", nameof(certificate));
        }
        // offline: the chain is what we were given; never fetch intermediates from the network on a handshake path.
        var context = SslStreamCertificateContext.Create(certificate, chain, offline: true);
        return new CertificateSnapshot(certificate, chain, context, origin);
    }
}
