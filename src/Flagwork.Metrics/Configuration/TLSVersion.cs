namespace Flagwork.Metrics;

/// <summary>The minimum TLS versions cert-manager accepts, by its names (<c>--metrics-tls-min-version</c>).</summary>
public enum TLSVersion
{
    VersionTLS10,
    VersionTLS11,
    VersionTLS12,
    VersionTLS13,
}

/// <summary>Names of <see cref="TLSVersion"/> without reflection (Native AOT).</summary>
public static class TLSVersionNames
{
    public static string? Name(TLSVersion? version) => version switch
    {
        TLSVersion.VersionTLS10 => "VersionTLS10",
        TLSVersion.VersionTLS11 => "VersionTLS11",
        TLSVersion.VersionTLS12 => "VersionTLS12",
        TLSVersion.VersionTLS13 => "VersionTLS13",
        _ => null,
    };
}
