using Flagwork.Tls.Certificates;
using Flagwork.Tls.Dynamic;
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
    public const string CaNotAfter = "flagwork_tls_ca_not_after_timestamp_seconds";
    public const string CaRotations = "flagwork_tls_ca_rotations_total";
    public const string LeavesIssued = "flagwork_tls_leaf_certificates_issued_total";
    public const string SigningErrors = "flagwork_tls_signing_errors_total";
    public const string StoreErrors = "flagwork_tls_secret_store_errors_total";

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

    /// <summary>Counters of the dynamic CA and its serving source.</summary>
    public static void Register(CollectorRegistry registry, DynamicTlsStatus status)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var caNotAfter = factory.CreateGauge(CaNotAfter, "NotAfter of the CA that signs the serving certificates, in Unix seconds (0 before one is loaded).");
        var rotations = factory.CreateCounter(CaRotations, "CA rotations this replica has observed (the CA in the secret changed after the first load).");
        var issued = factory.CreateCounter(LeavesIssued, "Serving certificates issued by this replica.");
        var signing = factory.CreateCounter(SigningErrors, "Failed attempts to issue a serving certificate.");
        var store = factory.CreateCounter(StoreErrors, "Failed reads or writes of the CA secret.");
        registry.AddBeforeCollectCallback(() =>
        {
            caNotAfter.Set(status.CaNotAfterUnixSeconds);
            rotations.IncTo(status.CaRotationsObserved);
            issued.IncTo(status.LeavesIssued);
            signing.IncTo(status.SigningErrors);
            store.IncTo(status.StoreErrors);
        });
    }
}
