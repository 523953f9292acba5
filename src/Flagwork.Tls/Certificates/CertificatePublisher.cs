namespace Flagwork.Tls.Certificates;

/// <summary>
/// The one place snapshots are swapped: a single reference written atomically, read without locks. Every certificate
/// source (static files, dynamic CA) publishes through one of these; the listener reads <see cref="Current"/>.
/// </summary>
public sealed class CertificatePublisher
{
    private CertificateSnapshot? _current;

    public CertificateSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Raised after a new snapshot is visible to new connections.</summary>
    public event Action<CertificateSnapshot>? Published;

    public void Publish(CertificateSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        Published?.Invoke(snapshot);
    }
}
