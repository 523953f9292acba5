namespace Flagwork.Tls.Static;

/// <summary>Settings of <see cref="FileCertificateSource"/>.</summary>
public sealed class FileCertificateSourceOptions
{
    public required string CertificatePath { get; init; }

    public required string PrivateKeyPath { get; init; }

    /// <summary>How often the files are re-read even without a file-system event (cert-manager: 10 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Consecutive failed polls after which the source gives up. cert-manager counts failures over the whole process
    /// lifetime; we reset the count on every success, so a pod that has rotated a hundred times is not one bad write
    /// away from exiting.
    /// </summary>
    public int MaxConsecutiveFailures { get; init; } = 12;
}
