using Flagwork.Metrics;
using Flagwork.Text;

namespace Flagwork.Benchmarks.Flags;

/// <summary>
/// What every peer does after its parser: fill the same model Flagwork fills (<see cref="MetricsComponentConfig"/>) and
/// validate it by hand with Flagwork's rules: host:port, DNS label, subdomain and names (the same Flagwork.Text functions,
/// so the checking costs the same), and cert-manager's V1–V6. Errors are collected as text with their config path.
/// Peers whose parser hands back each occurrence's text split it with <see cref="SplitAll"/>: on commas, without CSV
/// quoting (cheaper than pflag's rules, so the peers are not charged for them).
/// </summary>
public static class PeerFlagModel
{
    public static MetricsComponentConfig Build(
        string listenAddress,
        List<string> cipherSuites,
        TLSVersion? minTLSVersion,
        string? certFile,
        string? keyFile,
        string? secretNamespace,
        string? secretName,
        List<string> dnsNames,
        TimeSpan leafDuration,
        List<string> errors)
    {
        var config = new MetricsComponentConfig { MetricsListenAddress = listenAddress };
        var tls = config.MetricsTLSConfig;
        tls.CipherSuites = cipherSuites;
        tls.MinTLSVersion = minTLSVersion;
        tls.Filesystem.CertFile = certFile ?? "";
        tls.Filesystem.KeyFile = keyFile ?? "";
        tls.Dynamic.SecretNamespace = secretNamespace ?? "";
        tls.Dynamic.SecretName = secretName ?? "";
        tls.Dynamic.DnsNames = dnsNames;
        tls.Dynamic.LeafDuration = leafDuration;
        Validate(config, errors);
        return config;
    }

    /// <summary>Parses a Go duration for the peers whose parsers cannot (<c>TimeSpan.Parse</c> does not read "24h").</summary>
    public static TimeSpan ParseDuration(string? text, TimeSpan fallback, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (GoDuration.TryParse(text, out var value, out var error))
        {
            return value;
        }
        errors.Add($"metricsTLSConfig.dynamic.leafDuration: Invalid value: \"{text}\": {error}");
        return fallback;
    }

    public static void Validate(MetricsComponentConfig config, List<string> errors)
    {
        if (HostPort.Check(config.MetricsListenAddress) is { } listenError)
        {
            errors.Add("metricsListenAddress: " + listenError);
        }
        var tls = config.MetricsTLSConfig;
        var dynamic = tls.Dynamic;
        if (dynamic.SecretNamespace.Length > 0 && DnsNames.CheckLabel(dynamic.SecretNamespace) is { } nsError)
        {
            errors.Add("metricsTLSConfig.dynamic.secretNamespace: " + nsError);
        }
        if (dynamic.SecretName.Length > 0 && DnsNames.CheckSubdomain(dynamic.SecretName) is { } nameError)
        {
            errors.Add("metricsTLSConfig.dynamic.secretName: " + nameError);
        }
        for (var i = 0; i < dynamic.DnsNames.Count; i++)
        {
            if (DnsNames.CheckDnsName(dynamic.DnsNames[i], allowWildcard: true) is { } dnsError)
            {
                errors.Add($"metricsTLSConfig.dynamic.dnsNames[{i}]: {dnsError}");
            }
        }

        // V1 short-circuits; otherwise V2–V3 for filesystem, V4–V6 for dynamic.
        var filesystemSet = tls.Filesystem.IsProvided;
        var dynamicSet = dynamic.IsProvided;
        if (filesystemSet && dynamicSet)
        {
            errors.Add("metricsTLSConfig: cannot specify both filesystem based and dynamic TLS configuration");
            return;
        }
        if (filesystemSet)
        {
            if (tls.Filesystem.KeyFile.Length == 0)
            {
                errors.Add("metricsTLSConfig.filesystem.keyFile: Required value: must be specified when using filesystem based TLS config");
            }
            if (tls.Filesystem.CertFile.Length == 0)
            {
                errors.Add("metricsTLSConfig.filesystem.certFile: Required value: must be specified when using filesystem based TLS config");
            }
        }
        if (dynamicSet)
        {
            if (dynamic.SecretNamespace.Length == 0)
            {
                errors.Add("metricsTLSConfig.dynamic.secretNamespace: Required value: must be specified when using dynamic TLS config");
            }
            if (dynamic.SecretName.Length == 0)
            {
                errors.Add("metricsTLSConfig.dynamic.secretName: Required value: must be specified when using dynamic TLS config");
            }
            if (dynamic.DnsNames.Count == 0)
            {
                errors.Add("metricsTLSConfig.dynamic.dnsNames: Required value: must be specified when using dynamic TLS config");
            }
        }
    }

    /// <summary>The elements of a list flag's occurrences: each occurrence split on commas, occurrences appended.</summary>
    public static List<string> SplitAll(IEnumerable<string>? occurrences)
    {
        var values = new List<string>();
        if (occurrences is null)
        {
            return values;
        }
        foreach (var occurrence in occurrences)
        {
            if (occurrence.Length > 0)
            {
                values.AddRange(occurrence.Split(','));
            }
        }
        return values;
    }
}
