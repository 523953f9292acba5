using Flagwork;
using Flagwork.Metrics;

namespace Component;

/// <summary>The sample component's configuration file and flags, declared the way any component author would.</summary>
[Options(EnvPrefix = "COMPONENT", ApiVersion = "component.flagwork.dev/v1alpha1", Kind = "ComponentConfiguration")]
[Description("Configuration of the Flagwork sample component.")]
public sealed partial class ComponentConfiguration
{
    [Flag("metrics-listen-address")]
    [Description("The host and port that the metrics endpoint should listen on.")]
    [HostPort]
    public string MetricsListenAddress { get; set; } = "0.0.0.0:9402";

    public MetricsTLSConfig MetricsTLSConfig { get; set; } = new();

    [Flag("secrets-dir")]
    [Description("Directory of the file secret store, used for the dynamic CA when not running in Kubernetes")]
    [FilePath]
    public string SecretsDir { get; set; } = ".flagwork/secrets";

    [Key("kubeConfig"), Flag("kubeconfig")]
    [Description("Path to a kubeconfig; when set (or when running in a cluster) the dynamic CA is kept in a Kubernetes Secret")]
    [FilePath]
    public string KubeConfig { get; set; } = "";
}
