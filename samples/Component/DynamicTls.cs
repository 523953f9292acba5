#if !NO_KUBERNETES
using Flagwork.Kubernetes;
using k8s;
#endif
using Flagwork.Metrics;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Secrets;
using Microsoft.Extensions.Logging;

namespace Component;

/// <summary>
/// Builds the dynamic-TLS source: the CA lives in the Kubernetes Secret when running in a cluster or given
/// <c>--kubeconfig</c>, otherwise in the file store under <c>--secrets-dir</c>.
/// </summary>
internal static class DynamicTls
{
    public const string ManagedBy = "flagwork-component";

    public static DynamicSource Create(ComponentConfiguration configuration, DynamicServingConfig dynamic, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Component");
        var store = CreateStore(configuration, loggers);
        var secret = new SecretKey(dynamic.SecretNamespace, dynamic.SecretName);
        logger.LogInformation("dynamic TLS: the CA is kept in secret {Secret} of the {Store}", secret, store.Description);
        if (store is FileSecretStore)
        {
            var caFile = Path.Combine(Path.GetFullPath(configuration.SecretsDir), secret.Namespace, secret.Name, "current", "ca.crt");
            var port = Flagwork.Metrics.Server.ListenAddress.Parse(configuration.MetricsListenAddress).Port;
            var dnsName = dynamic.DnsNames.FirstOrDefault() ?? "localhost";
            logger.LogInformation("the CA is in {CaFile}; to scrape: curl --cacert {CaFile} --resolve {DnsName}:{Port}:127.0.0.1 https://{DnsName}:{Port}/metrics",
                caFile, caFile, dnsName, port, dnsName, port);
        }
        var authority = new DynamicAuthority(store, new DynamicAuthorityOptions
        {
            Secret = secret,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = ManagedBy },
        }, logger: loggers.CreateLogger("Flagwork.Tls.DynamicAuthority"));
        return new DynamicSource(authority, new DynamicSourceOptions { DnsNames = dynamic.DnsNames, LeafDuration = dynamic.LeafDuration },
            logger: loggers.CreateLogger("Flagwork.Tls.DynamicSource"));
    }

    private static ISecretStore CreateStore(ComponentConfiguration configuration, ILoggerFactory loggers)
    {
#if NO_KUBERNETES
        if (configuration.KubeConfig.Length > 0 || Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null)
        {
            throw new InvalidOperationException("this Native AOT build has no Kubernetes secret store; use the JIT build in a cluster, or --secrets-dir");
        }
        return new FileSecretStore(configuration.SecretsDir, logger: loggers.CreateLogger("Flagwork.Tls.FileSecretStore"));
#else
        var options = new KubernetesSecretStoreOptions { Logger = loggers.CreateLogger("Flagwork.Kubernetes") };
        if (configuration.KubeConfig.Length > 0)
        {
            return KubernetesSecretStore.FromKubeconfig(configuration.KubeConfig, options: options);
        }
        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesSecretStore.InCluster(options);
        }
        return new FileSecretStore(configuration.SecretsDir, logger: loggers.CreateLogger("Flagwork.Tls.FileSecretStore"));
#endif
    }
}
