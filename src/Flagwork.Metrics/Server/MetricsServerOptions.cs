using Flagwork.Tls;
using Flagwork.Tls.Certificates;
using Prometheus;

namespace Flagwork.Metrics.Server;

/// <summary>What the metrics listener serves and how. Timeouts and limits default to cert-manager's.</summary>
public sealed class MetricsServerOptions
{
    public required ListenAddress Address { get; init; }

    /// <summary>The registry <c>/metrics</c> exposes; the caller owns what is registered in it.</summary>
    public required CollectorRegistry Registry { get; init; }

    /// <summary>Null serves plain HTTP; otherwise every connection is TLS with the source's current certificate.</summary>
    public ICertificateSource? CertificateSource { get; init; }

    public TlsPolicy TlsPolicy { get; init; } = TlsPolicy.Default;

    /// <summary>Time to read a request's headers, and to keep an idle connection (Go's IdleTimeout falls back to it).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(8);

    public int MaxHeaderBytes { get; init; } = 1 << 20;

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
