using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;

namespace Flagwork.Tls.Dynamic;

/// <summary>What the dynamic serving source needs from a CA: to run, to sign, and to say when the CA changed.</summary>
public interface ICertificateAuthority
{
    /// <summary>Keeps the CA current until cancelled; returns on cancellation, throws when it cannot go on.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Signs a leaf valid for <paramref name="lifetime"/>, clamped to the CA. Throws
    /// <see cref="CertificateNotAvailableException"/> before a CA is loaded.</summary>
    X509Certificate2 Sign(CertificateRequest request, TimeSpan lifetime);

    /// <summary>A reader that receives a signal each time the CA in use changes (buffer 1: signals coalesce).</summary>
    ChannelReader<bool> WatchRotation();

    void StopWatchingRotation(ChannelReader<bool> reader);
}

/// <summary>No CA is loaded yet (cert-manager's <c>ErrCertificateNotAvailable</c>).</summary>
public sealed class CertificateNotAvailableException() : Exception("certificate not available");
