using Flagwork.CommandLine;
using Flagwork.Metrics.Server;
using YamlDotNet.RepresentationModel;

namespace Component.Tests.Deploy;

/// <summary>
/// samples/deploy agrees with itself and with the component: the names, namespaces, ports and secret references that
/// the Deployment, the ConfigMap's config file, the RBAC objects and the PodMonitor each spell out are the same, and
/// the config file and flags load through the component's own loader without an error.
/// </summary>
public sealed class ManifestTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly IReadOnlyList<Manifest> _all = Manifests.LoadAll();

    public void Dispose() => _directory.Dispose();

    private Manifest Deployment => _all.Single("Deployment");

    private YamlMappingNode PodSpec => Deployment.Root.Map("spec").Map("template").Map("spec");

    private YamlMappingNode Container => Assert.Single(PodSpec.Mappings("containers"));

    private IReadOnlyList<string> ContainerArgs => Container.Scalars("args");

    private YamlMappingNode PodMonitorEndpoint => Assert.Single(_all.Single("PodMonitor").Root.Map("spec").Mappings("podMetricsEndpoints"));

    /// <summary>The ConfigMap's config file, written to a temp file as the pod would see it mounted.</summary>
    private string ConfigFile()
    {
        var configMap = _all.Single("ConfigMap");
        var data = configMap.Root.StringMap("data");
        var (key, text) = Assert.Single(data);
        Assert.Equal("config.yaml", key);
        return _directory.File(key, text);
    }

    /// <summary>The config file alone, as the loader reads it with no flags and no environment.</summary>
    private ComponentConfiguration FileConfiguration()
    {
        var result = Loading.LoadFile(ConfigFile());
        Assert.True(result.Succeeded, Loading.Describe(result.Errors));
        return result.Value;
    }

    /// <summary>What the container runs with: its args, with <c>--config</c> pointing at the temp copy of the file.</summary>
    private LoadResult<ComponentConfiguration> EffectiveLoad()
    {
        var file = ConfigFile();
        var args = new List<string>();
        var sawConfig = false;
        for (var i = 0; i < ContainerArgs.Count; i++)
        {
            var arg = ContainerArgs[i];
            if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                args.Add("--config=" + file);
                sawConfig = true;
            }
            else if (arg == "--config")
            {
                args.Add(arg);
                args.Add(file);
                i++;
                sawConfig = true;
            }
            else
            {
                args.Add(arg);
            }
        }
        Assert.True(sawConfig, $"the container's args do not name a --config file: {string.Join(' ', ContainerArgs)}");
        return Loading.Load(args);
    }

    private ComponentConfiguration Effective()
    {
        var result = EffectiveLoad();
        Assert.True(result.Succeeded, Loading.Describe(result.Errors));
        Assert.Equal(CommandAction.Run, result.Action);
        return result.Value;
    }

    [Fact]
    public void EveryManifestParses_AndTheKustomizationListsEveryOtherFile()
    {
        Assert.Contains("rbac.yaml", Manifests.Files);
        foreach (var manifest in _all)
        {
            Assert.False(string.IsNullOrEmpty(manifest.Root.OptionalScalar("apiVersion")), $"{manifest} has no apiVersion");
            Assert.False(string.IsNullOrEmpty(manifest.Root.OptionalScalar("kind")), $"{manifest} has no kind");
        }

        var kustomization = Assert.Single(Manifests.Load("kustomization.yaml"));
        Assert.Equal("Kustomization", kustomization.Kind);
        var resources = kustomization.Root.Scalars("resources");
        Assert.Equal(resources.Distinct().Count(), resources.Count);
        Assert.Equal(
            Manifests.Files.Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal),
            resources.Order(StringComparer.Ordinal));

        var kinds = _all.Where(m => m.File != "kustomization.yaml").Select(m => m.Kind).Order(StringComparer.Ordinal);
        Assert.Equal(["ConfigMap", "Deployment", "PodMonitor", "Role", "RoleBinding", "ServiceAccount"], kinds);
    }

    [Fact]
    public void EveryObject_LivesInTheNamespaceOfTheCaSecret()
    {
        var secretNamespace = FileConfiguration().MetricsTLSConfig.Dynamic.SecretNamespace;
        Assert.Equal("cert-manager", secretNamespace);
        foreach (var manifest in _all.Where(m => m.Kind != "Kustomization"))
        {
            Assert.True(manifest.Namespace == secretNamespace, $"{manifest} is in namespace \"{manifest.Namespace}\", not {secretNamespace}");
        }
        // The PodMonitor finds pods and reads the CA secret in its own namespace: no namespaceSelector sends it elsewhere.
        Assert.Null(_all.Single("PodMonitor").Root.Map("spec").OptionalMap("namespaceSelector"));
    }

    [Fact]
    public void TheConfigMapsConfigFile_Loads_AndSelectsDynamicTlsWithTheSampleSecret()
    {
        var result = OptionsLoader.Load<ComponentConfiguration>(["--config", ConfigFile()], new LoadSettings { Environment = DictionaryEnvironment.Empty });

        Assert.True(result.Succeeded, Loading.Describe(result.Errors));
        var tls = result.Value.MetricsTLSConfig;
        Assert.Equal("", tls.Filesystem.CertFile);
        Assert.Equal("", tls.Filesystem.KeyFile);
        Assert.Equal("cert-manager", tls.Dynamic.SecretNamespace);
        Assert.Equal("cert-manager-metrics-ca", tls.Dynamic.SecretName);
        Assert.Equal(["cert-manager-metrics"], tls.Dynamic.DnsNames);
    }

    [Fact]
    public void TheContainerArgs_LoadWithoutErrors_AndAgreeWithTheConfigFile()
    {
        var file = FileConfiguration();
        var effective = Effective();

        Assert.Equal(file.MetricsTLSConfig.Dynamic.SecretNamespace, effective.MetricsTLSConfig.Dynamic.SecretNamespace);
        Assert.Equal(file.MetricsTLSConfig.Dynamic.SecretName, effective.MetricsTLSConfig.Dynamic.SecretName);
        Assert.Equal(file.MetricsTLSConfig.Dynamic.DnsNames, effective.MetricsTLSConfig.Dynamic.DnsNames);
        Assert.Equal(file.MetricsListenAddress, effective.MetricsListenAddress);
        // In a pod the CA lives in the Kubernetes Secret (in-cluster configuration), so nothing points at a kubeconfig.
        Assert.Equal("", effective.KubeConfig);
    }

    [Fact]
    public void TheDeployment_MountsTheConfigMapWhereItsConfigFlagPoints()
    {
        var configFlag = Assert.Single(ContainerArgs, a => a.StartsWith("--config=", StringComparison.Ordinal))["--config=".Length..];
        var mount = Assert.Single(Container.Mappings("volumeMounts"), m => configFlag.StartsWith(m.Scalar("mountPath").TrimEnd('/') + "/", StringComparison.Ordinal));
        var volume = Assert.Single(PodSpec.Mappings("volumes"), v => v.Scalar("name") == mount.Scalar("name"));
        var configMap = _all.Single("ConfigMap");

        Assert.Equal(configMap.Name, volume.Map("configMap").Scalar("name"));
        var keyInMount = configFlag[(mount.Scalar("mountPath").TrimEnd('/').Length + 1)..];
        Assert.Contains(keyInMount, configMap.Root.StringMap("data").Keys);
        Assert.Equal("true", mount.OptionalScalar("readOnly"));
    }

    [Fact]
    public void TheDeployment_RunsAsTheServiceAccountTheRoleBindingBinds()
    {
        var account = _all.Single("ServiceAccount");
        var binding = _all.Single("RoleBinding");
        var role = _all.Single("Role");

        Assert.Equal("component", PodSpec.Scalar("serviceAccountName"));
        Assert.Equal(account.Name, PodSpec.Scalar("serviceAccountName"));
        var subject = Assert.Single(binding.Root.Mappings("subjects"));
        Assert.Equal("ServiceAccount", subject.Scalar("kind"));
        Assert.Equal(PodSpec.Scalar("serviceAccountName"), subject.Scalar("name"));
        Assert.Equal(Deployment.Namespace, subject.Scalar("namespace"));
        Assert.Equal("Role", binding.Root.Map("roleRef").Scalar("kind"));
        Assert.Equal(role.Name, binding.Root.Map("roleRef").Scalar("name"));
        // The component talks to the API server with the pod's token.
        Assert.NotEqual("false", PodSpec.OptionalScalar("automountServiceAccountToken"));
        Assert.NotEqual("false", account.Root.OptionalScalar("automountServiceAccountToken"));
    }

    [Fact]
    public void TheRole_NamesTheConfiguredSecret()
    {
        var secretName = Effective().MetricsTLSConfig.Dynamic.SecretName;
        Assert.Equal(FileConfiguration().MetricsTLSConfig.Dynamic.SecretName, secretName);
        Assert.Contains($"--metrics-dynamic-serving-ca-secret-name={secretName}", ContainerArgs);
        Assert.Contains($"--metrics-dynamic-serving-ca-secret-namespace={Deployment.Namespace}", ContainerArgs);

        var rules = _all.Single("Role").Root.Mappings("rules").ToList();
        var byName = rules.Where(r => r.Children.ContainsKey(new YamlScalarNode("resourceNames"))).ToList();
        Assert.NotEmpty(byName);
        Assert.All(byName, rule => Assert.Equal([secretName], rule.Scalars("resourceNames")));
        Assert.Contains(byName, rule => rule.Scalars("verbs").Contains("get") && rule.Scalars("verbs").Contains("update"));
    }

    [Fact]
    public void ThePodMonitor_SelectsTheDeploymentsPods()
    {
        var podLabels = Deployment.Root.Map("spec").Map("template").Map("metadata").StringMap("labels");
        var deploymentSelector = Deployment.Root.Map("spec").Map("selector").StringMap("matchLabels");
        var monitorSelector = _all.Single("PodMonitor").Root.Map("spec").Map("selector");

        Assert.Equal("component", podLabels["app.kubernetes.io/name"]);
        Assert.Null(monitorSelector.OptionalMap("matchExpressions"));
        var matchLabels = monitorSelector.StringMap("matchLabels");
        Assert.NotEmpty(matchLabels);
        foreach (var (selector, labels) in new[] { ("PodMonitor", matchLabels), ("Deployment", deploymentSelector) })
        {
            foreach (var (key, value) in labels)
            {
                Assert.True(podLabels.TryGetValue(key, out var actual) && actual == value,
                    $"the {selector} selects {key}={value}, but the pod template's labels are {string.Join(", ", podLabels)}");
            }
        }
        // jobLabel names a label the pods carry, so Prometheus' job label is the component's name.
        Assert.Contains(_all.Single("PodMonitor").Root.Map("spec").Scalar("jobLabel"), podLabels.Keys);
    }

    [Fact]
    public void ThePodMonitor_ScrapesANamedContainerPortOverHttps()
    {
        var portName = PodMonitorEndpoint.Scalar("port");

        Assert.Equal("http-metrics", portName);
        Assert.Single(Container.Mappings("ports"), p => p.OptionalScalar("name") == portName);
        Assert.Equal("https", PodMonitorEndpoint.Scalar("scheme"));
        Assert.Equal("/metrics", PodMonitorEndpoint.OptionalScalar("path") ?? "/metrics");
    }

    [Fact]
    public void ThePodMonitor_TrustsCaCrtOfTheConfiguredSecret_AndChecksOneOfTheDnsNames()
    {
        var dynamic = Effective().MetricsTLSConfig.Dynamic;
        var tls = PodMonitorEndpoint.Map("tlsConfig");
        var secret = tls.Map("ca").Map("secret");

        Assert.Equal(dynamic.SecretName, secret.Scalar("name"));
        // ca.crt holds the previous CA too while the CA rotates; tls.crt does not (DESIGN.md, "Dynamic TLS").
        Assert.Equal("ca.crt", secret.Scalar("key"));
        Assert.Equal(_all.Single("PodMonitor").Namespace, dynamic.SecretNamespace);
        Assert.Contains(tls.Scalar("serverName"), dynamic.DnsNames);
    }

    [Fact]
    public void TheContainerPort_IsThePortOfTheDefaultListenAddress_AndOfTheConfiguredOne()
    {
        var defaultPort = ListenAddress.Parse(new ComponentConfiguration().MetricsListenAddress).Port;
        var port = Assert.Single(Container.Mappings("ports"), p => p.OptionalScalar("name") == "http-metrics");

        Assert.Equal(9402, defaultPort);
        Assert.Equal(defaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture), port.Scalar("containerPort"));
        Assert.Equal("TCP", port.OptionalScalar("protocol") ?? "TCP");
        var effective = ListenAddress.Parse(Effective().MetricsListenAddress);
        Assert.Equal(defaultPort, effective.Port);
        // Reachable from outside the pod: every interface, not a loopback.
        Assert.Contains(effective.Kind, new[] { ListenAddressKind.AnyInterface, ListenAddressKind.Address });
        Assert.True(effective.Address is null || effective.Address.Equals(System.Net.IPAddress.Any) || effective.Address.Equals(System.Net.IPAddress.IPv6Any),
            $"the component listens on {effective}, which the kubelet and Prometheus cannot reach");
    }

    [Fact]
    public void TheReadinessProbe_AsksReadyzOverHttpsOnTheMetricsPort()
    {
        var probe = Container.Map("readinessProbe").Map("httpGet");

        Assert.Equal("/readyz", probe.Scalar("path"));
        Assert.Equal("HTTPS", probe.Scalar("scheme"));
        Assert.Equal(PodMonitorEndpoint.Scalar("port"), probe.Scalar("port"));
    }

    [Fact]
    public void TheDeployment_RunsTwoReplicasAsNonRootOnAReadOnlyRootFileSystem()
    {
        Assert.Equal("2", Deployment.Root.Map("spec").Scalar("replicas"));
        Assert.Equal("flagwork/component:dev", Container.Scalar("image"));
        Assert.Equal("true", PodSpec.Map("securityContext").Scalar("runAsNonRoot"));
        var security = Container.Map("securityContext");
        Assert.Equal("true", security.Scalar("readOnlyRootFilesystem"));
        Assert.Equal("false", security.Scalar("allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], security.Map("capabilities").Scalars("drop"));
    }

    [Fact]
    public void NoManifest_TurnsOffCertificateVerification()
    {
        foreach (var manifest in _all)
        {
            Assert.DoesNotContain(Manifests.AllKeys(manifest.Root), key => key.Contains("insecure", StringComparison.OrdinalIgnoreCase));
        }
        foreach (var file in Manifests.Files)
        {
            var text = File.ReadAllText(Path.Combine(Manifests.Directory, file));
            // Comments may say not to; no line may set it.
            Assert.DoesNotContain(
                text.Split('\n').Select(l => l.Split('#')[0]),
                line => line.Contains("insecureSkipVerify", StringComparison.OrdinalIgnoreCase));
        }
    }
}
