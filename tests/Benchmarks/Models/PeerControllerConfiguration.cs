using System.ComponentModel.DataAnnotations;
using Flagwork.Metrics;
using Flagwork.Text;
using Microsoft.Extensions.Options;

namespace Flagwork.Benchmarks.Models;

// The config-file scenario's peer model: the shape of ControllerConfiguration as plain classes that YamlDotNet and
// ConfigurationBinder fill, validated with DataAnnotations (Microsoft.Extensions.Options' DataAnnotationValidateOptions,
// which is what ValidateDataAnnotations() runs, following [ValidateObjectMembers] into nested sections). The rules are
// Flagwork's: the same format checks (they call the same Flagwork.Text functions, so the difference measured is the
// framework, not the checking), [Required], and cert-manager's V1–V6 as IValidatableObject. Durations are strings:
// neither YamlDotNet nor ConfigurationBinder reads Go durations ("168h"), so validation parses them.

public sealed class PeerControllerConfiguration : IValidatableObject
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    [HostPortFormat]
    public string MetricsListenAddress { get; set; } = "0.0.0.0:9402";

    [ValidateObjectMembers]
    public PeerMetricsTLSConfig MetricsTLSConfig { get; set; } = new();

    [HostPortFormat]
    public string HealthzListenAddress { get; set; } = "0.0.0.0:9403";

    [DnsLabelFormat]
    public string ClusterResourceNamespace { get; set; } = "kube-system";

    [DnsLabelFormat]
    public string Namespace { get; set; } = "";

    public double KubernetesAPIQPS { get; set; } = 20;

    public int KubernetesAPIBurst { get; set; } = 50;

    public int MaxConcurrentChallenges { get; set; } = 60;

    public int NumberOfConcurrentWorkers { get; set; } = 5;

    public bool EnableCertificateOwnerRef { get; set; }

    public List<string> Controllers { get; set; } = ["*"];

    public List<string> CopiedAnnotationPrefixes { get; set; } = [];

    [ValidateObjectMembers]
    public PeerLoggingConfig Logging { get; set; } = new();

    [ValidateObjectMembers]
    public PeerLeaderElectionConfig LeaderElectionConfig { get; set; } = new();

    [ValidateObjectMembers]
    public PeerIngressShimConfig IngressShimConfig { get; set; } = new();

    [ValidateObjectMembers]
    public PeerAcmeHttp01Config AcmeHTTP01Config { get; set; } = new();

    [ValidateObjectMembers]
    public PeerAcmeDns01Config AcmeDNS01Config { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiVersion.Length > 0 && ApiVersion != "bench.flagwork.dev/v1alpha1")
        {
            yield return new ValidationResult("must be \"bench.flagwork.dev/v1alpha1\"", [nameof(ApiVersion)]);
        }
        if (Kind.Length > 0 && Kind != "ControllerConfiguration")
        {
            yield return new ValidationResult("must be \"ControllerConfiguration\"", [nameof(Kind)]);
        }
    }
}

public sealed class PeerMetricsTLSConfig : IValidatableObject
{
    public List<string> CipherSuites { get; set; } = [];

    public TLSVersion? MinTLSVersion { get; set; }

    [ValidateObjectMembers]
    public PeerFilesystemServingConfig Filesystem { get; set; } = new();

    [ValidateObjectMembers]
    public PeerDynamicServingConfig Dynamic { get; set; } = new();

    /// <summary>cert-manager's V1–V6: V1 alone when both modes are set, else the chosen mode's required members.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var filesystem = Filesystem.CertFile.Length > 0 || Filesystem.KeyFile.Length > 0;
        var dynamic = Dynamic.SecretNamespace.Length > 0 || Dynamic.SecretName.Length > 0 || Dynamic.DnsNames.Count > 0;
        if (filesystem && dynamic)
        {
            yield return new ValidationResult("cannot specify both filesystem based and dynamic TLS configuration");
            yield break;
        }
        if (filesystem)
        {
            if (Filesystem.KeyFile.Length == 0)
            {
                yield return new ValidationResult("must be specified when using filesystem based TLS config", ["filesystem.keyFile"]);
            }
            if (Filesystem.CertFile.Length == 0)
            {
                yield return new ValidationResult("must be specified when using filesystem based TLS config", ["filesystem.certFile"]);
            }
        }
        if (dynamic)
        {
            if (Dynamic.SecretNamespace.Length == 0)
            {
                yield return new ValidationResult("must be specified when using dynamic TLS config", ["dynamic.secretNamespace"]);
            }
            if (Dynamic.SecretName.Length == 0)
            {
                yield return new ValidationResult("must be specified when using dynamic TLS config", ["dynamic.secretName"]);
            }
            if (Dynamic.DnsNames.Count == 0)
            {
                yield return new ValidationResult("must be specified when using dynamic TLS config", ["dynamic.dnsNames"]);
            }
        }
    }
}

public sealed class PeerFilesystemServingConfig
{
    public string CertFile { get; set; } = "";

    public string KeyFile { get; set; } = "";
}

public sealed class PeerDynamicServingConfig
{
    [DnsLabelFormat]
    public string SecretNamespace { get; set; } = "";

    [DnsSubdomainFormat]
    public string SecretName { get; set; } = "";

    [DnsNamesFormat]
    public List<string> DnsNames { get; set; } = [];

    [GoDurationFormat]
    public string LeafDuration { get; set; } = "168h";
}

public sealed class PeerLoggingConfig
{
    public LogFormat Format { get; set; } = LogFormat.Text;

    public int Verbosity { get; set; } = 2;

    [GoDurationFormat]
    public string FlushFrequency { get; set; } = "5s";
}

public sealed class PeerLeaderElectionConfig
{
    public bool Enabled { get; set; } = true;

    [DnsLabelFormat]
    public string Namespace { get; set; } = "kube-system";

    [GoDurationFormat]
    public string LeaseDuration { get; set; } = "60s";

    [GoDurationFormat]
    public string RenewDeadline { get; set; } = "40s";

    [GoDurationFormat]
    public string RetryPeriod { get; set; } = "15s";
}

public sealed class PeerIngressShimConfig
{
    [DnsSubdomainFormat]
    public string DefaultIssuerName { get; set; } = "";

    public string DefaultIssuerKind { get; set; } = "Issuer";

    public string DefaultIssuerGroup { get; set; } = "cert-manager.io";

    public List<string> DefaultAutoCertificateAnnotations { get; set; } = ["kubernetes.io/tls-acme"];
}

public sealed class PeerAcmeHttp01Config
{
    [Required]
    public string SolverImage { get; set; } = "quay.io/jetstack/cert-manager-acmesolver:v1.19.0";

    public string SolverResourceRequestCPU { get; set; } = "10m";

    public string SolverResourceRequestMemory { get; set; } = "64Mi";

    public string SolverResourceLimitsCPU { get; set; } = "100m";

    public string SolverResourceLimitsMemory { get; set; } = "64Mi";

    public bool SolverRunAsNonRoot { get; set; } = true;

    public List<string> SolverNameservers { get; set; } = [];
}

public sealed class PeerAcmeDns01Config
{
    public List<string> RecursiveNameservers { get; set; } = [];

    public bool RecursiveNameserversOnly { get; set; }

    [GoDurationFormat]
    public string CheckRetryPeriod { get; set; } = "10s";
}

/// <summary>Validates a peer model the way <c>ValidateDataAnnotations()</c> does, collecting every failure.</summary>
public static class PeerValidation
{
    private static readonly DataAnnotationValidateOptions<PeerControllerConfiguration> s_validator = new(Options.DefaultName);

    public static ValidateOptionsResult Validate(PeerControllerConfiguration configuration) =>
        s_validator.Validate(Options.DefaultName, configuration);
}

// Format attributes: the checks of Flagwork's [HostPort], [DnsLabel], [DnsSubdomain], [DnsName(AllowWildcard = true)],
// calling the same functions. Empty values are left to [Required] and the group rules, as in Flagwork.

[AttributeUsage(AttributeTargets.Property)]
public sealed class HostPortFormatAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        HostPort.Check(value as string ?? "") is { } error ? new ValidationResult(error, [validationContext.MemberName!]) : ValidationResult.Success;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class DnsLabelFormatAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string { Length: > 0 } text && DnsNames.CheckLabel(text) is { } error
            ? new ValidationResult(error, [validationContext.MemberName!])
            : ValidationResult.Success;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class DnsSubdomainFormatAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string { Length: > 0 } text && DnsNames.CheckSubdomain(text) is { } error
            ? new ValidationResult(error, [validationContext.MemberName!])
            : ValidationResult.Success;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class DnsNamesFormatAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is List<string> names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (DnsNames.CheckDnsName(names[i], allowWildcard: true) is { } error)
                {
                    return new ValidationResult(error, [$"{validationContext.MemberName}[{i}]"]);
                }
            }
        }
        return ValidationResult.Success;
    }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class GoDurationFormatAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text && !GoDuration.TryParse(text, out _, out var error)
            ? new ValidationResult(error, [validationContext.MemberName!])
            : ValidationResult.Success;
}
