using Flagwork.Metrics;

namespace Flagwork.Benchmarks.Models;

/// <summary>
/// The config-file scenario's Flagwork model: a cert-manager-controller-like configuration. The flagship
/// <see cref="MetricsTLSConfig"/> (from Flagwork.Metrics, its values as in samples/Component/examples/full.yaml) plus 30
/// more keys of every supported kind, with format and required checks. <see cref="PeerControllerConfiguration"/> is the
/// same shape for the peers.
/// </summary>
[Options(EnvPrefix = "BENCH", ApiVersion = "bench.flagwork.dev/v1alpha1", Kind = "ControllerConfiguration")]
public sealed partial class ControllerConfiguration
{
    [Flag("metrics-listen-address"), HostPort]
    public string MetricsListenAddress { get; set; } = "0.0.0.0:9402";

    public MetricsTLSConfig MetricsTLSConfig { get; set; } = new();

    [Flag("healthz-listen-address"), HostPort]
    public string HealthzListenAddress { get; set; } = "0.0.0.0:9403";

    [Flag("cluster-resource-namespace"), DnsLabel]
    public string ClusterResourceNamespace { get; set; } = "kube-system";

    [Flag("namespace"), DnsLabel]
    public string Namespace { get; set; } = "";

    [Key("kubernetesAPIQPS"), Flag("kube-api-qps")]
    public double KubernetesAPIQPS { get; set; } = 20;

    [Key("kubernetesAPIBurst"), Flag("kube-api-burst")]
    public int KubernetesAPIBurst { get; set; } = 50;

    [Flag("max-concurrent-challenges")]
    public int MaxConcurrentChallenges { get; set; } = 60;

    [Flag("concurrent-workers")]
    public int NumberOfConcurrentWorkers { get; set; } = 5;

    [Flag("enable-certificate-owner-ref")]
    public bool EnableCertificateOwnerRef { get; set; }

    [Flag("controllers")]
    public List<string> Controllers { get; set; } = ["*"];

    [Flag("copied-annotation-prefixes")]
    public List<string> CopiedAnnotationPrefixes { get; set; } = [];

    public LoggingConfig Logging { get; set; } = new();

    public LeaderElectionConfig LeaderElectionConfig { get; set; } = new();

    public IngressShimConfig IngressShimConfig { get; set; } = new();

    [Key("acmeHTTP01Config")]
    public AcmeHttp01Config AcmeHTTP01Config { get; set; } = new();

    [Key("acmeDNS01Config")]
    public AcmeDns01Config AcmeDNS01Config { get; set; } = new();
}

public enum LogFormat
{
    Text,
    Json,
}

[Options]
public sealed partial class LoggingConfig
{
    [Flag("logging-format")]
    public LogFormat Format { get; set; } = LogFormat.Text;

    [Flag("v")]
    public int Verbosity { get; set; } = 2;

    [Flag("log-flush-frequency")]
    public TimeSpan FlushFrequency { get; set; } = TimeSpan.FromSeconds(5);
}

[Options]
public sealed partial class LeaderElectionConfig
{
    [Flag("leader-elect")]
    public bool Enabled { get; set; } = true;

    [Flag("leader-election-namespace"), DnsLabel]
    public string Namespace { get; set; } = "kube-system";

    [Flag("leader-election-lease-duration")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    [Flag("leader-election-renew-deadline")]
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(40);

    [Flag("leader-election-retry-period")]
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(15);
}

[Options]
public sealed partial class IngressShimConfig
{
    [Flag("default-issuer-name"), DnsSubdomain]
    public string DefaultIssuerName { get; set; } = "";

    [Flag("default-issuer-kind")]
    public string DefaultIssuerKind { get; set; } = "Issuer";

    [Flag("default-issuer-group")]
    public string DefaultIssuerGroup { get; set; } = "cert-manager.io";

    [Flag("auto-certificate-annotations")]
    public List<string> DefaultAutoCertificateAnnotations { get; set; } = ["kubernetes.io/tls-acme"];
}

[Options]
public sealed partial class AcmeHttp01Config
{
    [Flag("acme-http01-solver-image"), Required]
    public string SolverImage { get; set; } = "quay.io/jetstack/cert-manager-acmesolver:v1.19.0";

    [Key("solverResourceRequestCPU"), Flag("acme-http01-solver-resource-request-cpu")]
    public string SolverResourceRequestCPU { get; set; } = "10m";

    [Flag("acme-http01-solver-resource-request-memory")]
    public string SolverResourceRequestMemory { get; set; } = "64Mi";

    [Key("solverResourceLimitsCPU"), Flag("acme-http01-solver-resource-limits-cpu")]
    public string SolverResourceLimitsCPU { get; set; } = "100m";

    [Flag("acme-http01-solver-resource-limits-memory")]
    public string SolverResourceLimitsMemory { get; set; } = "64Mi";

    [Flag("acme-http01-solver-run-as-non-root")]
    public bool SolverRunAsNonRoot { get; set; } = true;

    [Flag("acme-http01-solver-nameservers")]
    public List<string> SolverNameservers { get; set; } = [];
}

[Options]
public sealed partial class AcmeDns01Config
{
    [Flag("dns01-recursive-nameservers")]
    public List<string> RecursiveNameservers { get; set; } = [];

    [Flag("dns01-recursive-nameservers-only")]
    public bool RecursiveNameserversOnly { get; set; }

    [Flag("dns01-check-retry-period")]
    public TimeSpan CheckRetryPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
