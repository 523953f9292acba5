namespace Flagwork.Metrics;

/// <summary>Static TLS: a PEM certificate (with its chain) and private key, watched and reloaded on change.</summary>
[Options]
public sealed partial class FilesystemServingConfig
{
    private const string RequiredForFilesystem = "must be specified when using filesystem based TLS config";

    [Flag("metrics-tls-cert-file")]
    [Description("path to the file containing the TLS certificate to serve with")]
    [FilePath, RequiredTogether("filesystem", Message = RequiredForFilesystem)]
    public string CertFile { get; set; } = "";

    [Flag("metrics-tls-private-key-file")]
    [Description("path to the file containing the TLS private key to serve with")]
    [FilePath, RequiredTogether("filesystem", Message = RequiredForFilesystem)]
    public string KeyFile { get; set; } = "";

    /// <summary>cert-manager's <c>FilesystemConfigProvided()</c>: selects static TLS.</summary>
    public bool IsProvided => CertFile.Length > 0 || KeyFile.Length > 0;
}
