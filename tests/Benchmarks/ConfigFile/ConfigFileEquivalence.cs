using Flagwork.Benchmarks.Models;
using Flagwork.Text;

namespace Flagwork.Benchmarks.ConfigFile;

/// <summary>Renders both models the same way, so a run can show that every contender read the same values.</summary>
public static class ConfigFileEquivalence
{
    public static string Describe(ControllerConfiguration c) => string.Join(" ",
        c.MetricsListenAddress, c.MetricsTLSConfig.MinTLSVersion, List(c.MetricsTLSConfig.CipherSuites),
        c.MetricsTLSConfig.Filesystem.CertFile, c.MetricsTLSConfig.Filesystem.KeyFile,
        c.MetricsTLSConfig.Dynamic.SecretNamespace, c.MetricsTLSConfig.Dynamic.SecretName, List(c.MetricsTLSConfig.Dynamic.DnsNames),
        GoDuration.Format(c.MetricsTLSConfig.Dynamic.LeafDuration),
        c.HealthzListenAddress, c.ClusterResourceNamespace, c.Namespace, c.KubernetesAPIQPS, c.KubernetesAPIBurst,
        c.MaxConcurrentChallenges, c.NumberOfConcurrentWorkers, c.EnableCertificateOwnerRef, List(c.Controllers), List(c.CopiedAnnotationPrefixes),
        c.Logging.Format, c.Logging.Verbosity, GoDuration.Format(c.Logging.FlushFrequency),
        c.LeaderElectionConfig.Enabled, c.LeaderElectionConfig.Namespace, GoDuration.Format(c.LeaderElectionConfig.LeaseDuration),
        GoDuration.Format(c.LeaderElectionConfig.RenewDeadline), GoDuration.Format(c.LeaderElectionConfig.RetryPeriod),
        c.IngressShimConfig.DefaultIssuerName, c.IngressShimConfig.DefaultIssuerKind, c.IngressShimConfig.DefaultIssuerGroup,
        List(c.IngressShimConfig.DefaultAutoCertificateAnnotations),
        c.AcmeHTTP01Config.SolverImage, c.AcmeHTTP01Config.SolverResourceRequestCPU, c.AcmeHTTP01Config.SolverResourceRequestMemory,
        c.AcmeHTTP01Config.SolverResourceLimitsCPU, c.AcmeHTTP01Config.SolverResourceLimitsMemory, c.AcmeHTTP01Config.SolverRunAsNonRoot,
        List(c.AcmeHTTP01Config.SolverNameservers),
        List(c.AcmeDNS01Config.RecursiveNameservers), c.AcmeDNS01Config.RecursiveNameserversOnly, GoDuration.Format(c.AcmeDNS01Config.CheckRetryPeriod));

    public static string Describe(PeerControllerConfiguration c) => string.Join(" ",
        c.MetricsListenAddress, c.MetricsTLSConfig.MinTLSVersion, List(c.MetricsTLSConfig.CipherSuites),
        c.MetricsTLSConfig.Filesystem.CertFile, c.MetricsTLSConfig.Filesystem.KeyFile,
        c.MetricsTLSConfig.Dynamic.SecretNamespace, c.MetricsTLSConfig.Dynamic.SecretName, List(c.MetricsTLSConfig.Dynamic.DnsNames),
        Duration(c.MetricsTLSConfig.Dynamic.LeafDuration),
        c.HealthzListenAddress, c.ClusterResourceNamespace, c.Namespace, c.KubernetesAPIQPS, c.KubernetesAPIBurst,
        c.MaxConcurrentChallenges, c.NumberOfConcurrentWorkers, c.EnableCertificateOwnerRef, List(c.Controllers), List(c.CopiedAnnotationPrefixes),
        c.Logging.Format, c.Logging.Verbosity, Duration(c.Logging.FlushFrequency),
        c.LeaderElectionConfig.Enabled, c.LeaderElectionConfig.Namespace, Duration(c.LeaderElectionConfig.LeaseDuration),
        Duration(c.LeaderElectionConfig.RenewDeadline), Duration(c.LeaderElectionConfig.RetryPeriod),
        c.IngressShimConfig.DefaultIssuerName, c.IngressShimConfig.DefaultIssuerKind, c.IngressShimConfig.DefaultIssuerGroup,
        List(c.IngressShimConfig.DefaultAutoCertificateAnnotations),
        c.AcmeHTTP01Config.SolverImage, c.AcmeHTTP01Config.SolverResourceRequestCPU, c.AcmeHTTP01Config.SolverResourceRequestMemory,
        c.AcmeHTTP01Config.SolverResourceLimitsCPU, c.AcmeHTTP01Config.SolverResourceLimitsMemory, c.AcmeHTTP01Config.SolverRunAsNonRoot,
        List(c.AcmeHTTP01Config.SolverNameservers),
        List(c.AcmeDNS01Config.RecursiveNameservers), c.AcmeDNS01Config.RecursiveNameserversOnly, Duration(c.AcmeDNS01Config.CheckRetryPeriod));

    private static string List(List<string> values) => "[" + string.Join(",", values) + "]";

    private static string Duration(string text) => GoDuration.TryParse(text, out var value, out _) ? GoDuration.Format(value) : "bad:" + text;
}
