using Flagwork.Metrics;

namespace Flagwork.Metrics.Tests;

/// <summary>
/// A test model shaped like cert-manager's controller configuration (the parts its start_test.go cases use), so
/// FC1–FC8 port case by case: kubeConfig is a file path, ingressShimConfig and logging are nested objects.
/// </summary>
[Options(EnvPrefix = "CONTROLLER", ApiVersion = "controller.config.cert-manager.io/v1alpha1", Kind = "ControllerConfiguration")]
public sealed partial class ControllerConfiguration
{
    [Key("kubeConfig"), Flag("kubeconfig"), FilePath]
    [Description("Paths to a kubeconfig. Only required if out-of-cluster.")]
    public string KubeConfig { get; set; } = "";

    [Flag("metrics-listen-address"), HostPort]
    [Description("The host and port that the metrics endpoint should listen on.")]
    public string MetricsListenAddress { get; set; } = "0.0.0.0:9402";

    public MetricsTLSConfig MetricsTLSConfig { get; set; } = new();

    public IngressShimConfig IngressShimConfig { get; set; } = new();

    public LoggingConfiguration Logging { get; set; } = new();

    [Flag("extra-certificate-annotations")]
    [Description("Extra annotation to be added by the ingress-shim controller to certificate object")]
    public List<string> ExtraCertificateAnnotations { get; set; } = [];
}

[Options]
public sealed partial class IngressShimConfig
{
    [Flag("default-issuer-name")]
    [Description("Name of the Issuer to use when the tls is requested but issuer name is not specified on the ingress resource.")]
    public string DefaultIssuerName { get; set; } = "";

    [Flag("default-issuer-kind")]
    [Description("Kind of the Issuer to use when the tls is requested but issuer kind is not specified on the ingress resource.")]
    public string DefaultIssuerKind { get; set; } = "Issuer";
}

[Options]
public sealed partial class LoggingConfiguration
{
    [Flag("v")]
    [Description("number for the log level verbosity")]
    public int Verbosity { get; set; }

    [Flag("logging-format")]
    [Description("Sets the log format.")]
    public string Format { get; set; } = "text";
}
