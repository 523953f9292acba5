namespace Flagwork.Tls.Certificates;

/// <summary>
/// Supplies the serving certificate. <see cref="Current"/> is read on every TLS handshake and never blocks; it is null
/// until the first certificate is loaded, and then handshakes fail rather than fall back to plaintext.
/// </summary>
public interface ICertificateSource
{
    /// <summary>The certificate new connections get, or null before the first one is loaded.</summary>
    CertificateSnapshot? Current { get; }

    /// <summary>Watches for changes until cancelled. Returns on cancellation; throws
    /// <see cref="CertificateSourceException"/> when the source gives up.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A certificate source gave up (too many consecutive failures, the authority stopped).</summary>
public sealed class CertificateSourceException(string message, Exception? inner = null) : Exception(message, inner);
