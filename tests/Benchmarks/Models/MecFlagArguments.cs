using Flagwork.Metrics;

namespace Flagwork.Benchmarks.Models;

/// <summary>
/// The flags scenario's target for Microsoft.Extensions.Configuration.CommandLine + ConfigurationBinder: the command-line
/// provider maps each flag (by switch mapping) to one key, and the binder fills these properties. Lists and durations
/// are text: the binder reads neither pflag CSV nor Go durations, so the caller splits and parses them.
/// </summary>
public sealed class MecFlagArguments
{
    public string MetricsListenAddress { get; set; } = "0.0.0.0:9402";

    public string CipherSuites { get; set; } = "";

    public TLSVersion? MinTLSVersion { get; set; }

    public string CertFile { get; set; } = "";

    public string KeyFile { get; set; } = "";

    public string SecretNamespace { get; set; } = "";

    public string SecretName { get; set; } = "";

    public string DnsNames { get; set; } = "";

    public string LeafDuration { get; set; } = "168h";

    /// <summary>Flag to key, as <c>AddCommandLine(args, switchMappings)</c> takes it.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--metrics-listen-address"] = nameof(MetricsListenAddress),
        ["--metrics-tls-cipher-suites"] = nameof(CipherSuites),
        ["--metrics-tls-min-version"] = nameof(MinTLSVersion),
        ["--metrics-tls-cert-file"] = nameof(CertFile),
        ["--metrics-tls-private-key-file"] = nameof(KeyFile),
        ["--metrics-dynamic-serving-ca-secret-namespace"] = nameof(SecretNamespace),
        ["--metrics-dynamic-serving-ca-secret-name"] = nameof(SecretName),
        ["--metrics-dynamic-serving-dns-names"] = nameof(DnsNames),
        ["--metrics-dynamic-serving-leaf-duration"] = nameof(LeafDuration),
    };
}
