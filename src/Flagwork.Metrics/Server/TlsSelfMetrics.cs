using Flagwork.Tls.Certificates;
using Flagwork.Tls.Static;
using Prometheus;

namespace Flagwork.Metrics.Server;

/// <summary>
/// The listener's own metrics about its serving certificate, on the same registry as everything else. Values are read
/// from the source when Prometheus scrapes, so they are never stale.
/// </summary>
public static class TlsSelfMetrics
{
    public const string NotBefore = "flagwork_tls_certificate_not_before_timestamp_seconds";
    public const string NotAfter = "flagwork_tls_certificate_not_after_timestamp_seconds";
    public const string Reloads = "flagwork_tls_certificate_reloads_total";
    public const string ConsecutiveFailures = "flagwork_tls_certificate_reload_consecutive_failures";

    /// <summary>Certificate validity gauges for any source.</summary>
    public static void Register(CollectorRegistry registry, ICertificateSource source)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var notBefore = factory.CreateGauge(NotBefore, "NotBefore of the certificate the metrics endpoint serves, in Unix seconds (0 before one is loaded).");
        var notAfter = factory.CreateGauge(NotAfter, "NotAfter of the certificate the metrics endpoint serves, in Unix seconds (0 before one is loaded).");
        registry.AddBeforeCollectCallback(() =>
        {
            var current = source.Current;
            notBefore.Set(current is null ? 0 : current.NotBefore.ToUnixTimeSeconds());
            notAfter.Set(current is null ? 0 : current.NotAfter.ToUnixTimeSeconds());
        });
    }

    /// <summary>Reload counters of the static file source.</summary>
    public static void Register(CollectorRegistry registry, CertificateReloadStatus status)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var reloads = factory.CreateCounter(Reloads, "Attempts to load changed certificate files, by result.", "result");
        var consecutive = factory.CreateGauge(ConsecutiveFailures, "Failed certificate reloads in a row; the source gives up at its limit (12 by default).");
        var success = reloads.WithLabels("success");
        var failure = reloads.WithLabels("failure");
        registry.AddBeforeCollectCallback(() =>
        {
            success.IncTo(status.Successes);
            failure.IncTo(status.Failures);
            consecutive.Set(status.ConsecutiveFailures);
        });
    }
}
