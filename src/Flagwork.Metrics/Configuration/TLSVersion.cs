namespace Flagwork.Metrics;

/// <summary>The minimum TLS versions cert-manager accepts, by its names (<c>--metrics-tls-min-version</c>).</summary>
public enum TLSVersion
{
    VersionTLS10,
    VersionTLS11,
    VersionTLS12,
    VersionTLS13,
}
