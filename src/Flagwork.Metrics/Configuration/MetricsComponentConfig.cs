namespace Flagwork.Metrics;

/// <summary>The metrics part of a component's configuration file: where to listen and how to secure it.</summary>
[Options(EnvPrefix = "COMPONENT")]
public sealed partial class MetricsComponentConfig
{
    [Flag("metrics-listen-address")]
    [Description("The host and port that the metrics endpoint should listen on.")]
    [HostPort]
    public string MetricsListenAddress { get; set; } = "0.0.0.0:9402";

    public MetricsTLSConfig MetricsTLSConfig { get; set; } = new();
}
