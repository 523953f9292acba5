using Prometheus;

namespace Component;

/// <summary>The component's own metrics, so a scrape carries content beyond the runtime's (cert-manager's clock gauge).</summary>
internal static class ComponentMetrics
{
    public static void Register(CollectorRegistry registry, TimeProvider time)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        var clock = factory.CreateGauge("component_clock_time_seconds",
            "The clock time given in seconds (from 1970/01/01 UTC).");
        var scrapes = factory.CreateCounter("component_scrapes_total", "Times the metrics of this component were collected.");
        registry.AddBeforeCollectCallback(() =>
        {
            clock.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            scrapes.Inc();
        });
    }
}
