using Flagwork.CommandLine;
using Flagwork.Metrics;

namespace Flagwork.Benchmarks.Flags;

/// <summary>The flags scenario's input: a cert-manager-like metrics command line, as a Helm chart would render it.</summary>
public static class FlagArgv
{
    /// <summary>
    /// Nine flag occurrences (twelve argv entries) of seven of the nine metrics flags, in both pflag forms,
    /// <c>--name=value</c> and <c>--name value</c>: the listen address, the TLS floor, the cipher-suite list given twice,
    /// and dynamic TLS with its DNS-name list given twice and a Go duration. The two filesystem flags are left out: with
    /// dynamic TLS on they would trip V1.
    /// </summary>
    public static readonly string[] Args =
    [
        "--metrics-listen-address=0.0.0.0:9402",
        "--metrics-tls-min-version=VersionTLS12",
        "--metrics-tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "--metrics-tls-cipher-suites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "--metrics-dynamic-serving-ca-secret-namespace", "cert-manager",
        "--metrics-dynamic-serving-ca-secret-name=cert-manager-metrics-ca",
        "--metrics-dynamic-serving-dns-names=cert-manager-metrics,cert-manager-metrics.cert-manager",
        "--metrics-dynamic-serving-dns-names", "cert-manager-metrics.cert-manager.svc",
        "--metrics-dynamic-serving-leaf-duration=24h",
    ];

    /// <summary>The same occurrences with every <c>--name=value</c> split into <c>--name value</c>, for parsers that
    /// accept only that form.</summary>
    public static readonly string[] SpaceSeparatedArgs = [.. Args.SelectMany(a =>
        a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=', StringComparison.Ordinal) is var i and > 0 ? new[] { a[..i], a[(i + 1)..] } : [a])];

    /// <summary>
    /// What ConsoleAppFramework and M.E.Configuration.CommandLine end up binding from <see cref="Args"/>: every flag in
    /// the <c>--name value</c> form and each list flag once, with its last occurrence's value (they keep only the last).
    /// Flagwork's reference row parses this, to compare like with like; it is not a target row.
    /// </summary>
    public static readonly string[] LastOccurrenceArgs =
    [
        "--metrics-listen-address", "0.0.0.0:9402",
        "--metrics-tls-min-version", "VersionTLS12",
        "--metrics-tls-cipher-suites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "--metrics-dynamic-serving-ca-secret-namespace", "cert-manager",
        "--metrics-dynamic-serving-ca-secret-name", "cert-manager-metrics-ca",
        "--metrics-dynamic-serving-dns-names", "cert-manager-metrics.cert-manager.svc",
        "--metrics-dynamic-serving-leaf-duration", "24h",
    ];

    /// <summary>No environment: every peer sees only the command line.</summary>
    public static readonly LoadSettings Settings = new() { Environment = DictionaryEnvironment.Empty };

    /// <summary>A one-line rendering of the bound model, to check that every peer produced the same thing.</summary>
    public static string Describe(MetricsComponentConfig c) =>
        $"listen={c.MetricsListenAddress} min={c.MetricsTLSConfig.MinTLSVersion} ciphers=[{string.Join(',', c.MetricsTLSConfig.CipherSuites)}] " +
        $"cert={c.MetricsTLSConfig.Filesystem.CertFile} key={c.MetricsTLSConfig.Filesystem.KeyFile} " +
        $"ns={c.MetricsTLSConfig.Dynamic.SecretNamespace} name={c.MetricsTLSConfig.Dynamic.SecretName} " +
        $"dns=[{string.Join(',', c.MetricsTLSConfig.Dynamic.DnsNames)}] leaf={c.MetricsTLSConfig.Dynamic.LeafDuration}";
}
