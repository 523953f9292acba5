namespace Flagwork.Metrics.Tests;

/// <summary>
/// Ports of cert-manager's TestFlagsAndConfigFile (reference §7.3, FC1–FC8 and FW1) on a controller-shaped model,
/// and the suggested metrics cases FC-M1–FC-M8 with our documented decisions.
/// </summary>
public class FlagsAndConfigFileTests
{
    private const string Header = "apiVersion: controller.config.cert-manager.io/v1alpha1\nkind: ControllerConfiguration\n";

    private static void AssertDefaultsExcept(ControllerConfiguration actual, Action<ControllerConfiguration> changes)
    {
        var expected = new ControllerConfiguration();
        changes(expected);
        Assert.Equal(Print(expected), Print(actual));
    }

    private static string Print(ControllerConfiguration value)
    {
        var writer = new Binding.ConfigWriter();
        ControllerConfiguration.WriteConfig(value, writer);
        return writer.ToString();
    }

    [Fact]
    public void FC1_FlagOnlyGivesDefaultsPlusTheFlag()
    {
        var result = TestLoad.Load<ControllerConfiguration>(["--kubeconfig=valid"]);
        Assert.Empty(result.Errors);
        AssertDefaultsExcept(result.Value, c => c.KubeConfig = "valid");
    }

    [Fact]
    public void FC2_FlagBeatsFile()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(Header + "kubeConfig: \"<invalid>\"\n", "--kubeconfig=valid");
        Assert.Empty(result.Errors);
        AssertDefaultsExcept(result.Value, c => c.KubeConfig = "valid");
    }

    [Fact]
    public void FC3_RelativePathInFileResolvesAgainstTheFilesDirectory()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(Header + "kubeConfig: valid\n");
        Assert.Empty(result.Errors);
        AssertDefaultsExcept(result.Value, c => c.KubeConfig = Path.Combine(load.Folder, "valid"));
    }

    [Fact]
    public void FC4_EmptyObjectInFileIsExactlyTheDefaults()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(Header + "ingressShimConfig: {}\n");
        Assert.Empty(result.Errors);
        AssertDefaultsExcept(result.Value, _ => { });
    }

    [Fact]
    public void FC5_ScalarWhereAnObjectBelongsIsAnError()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(Header + "ingressShimConfig: nil\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ingressShimConfig", error.Path);
        Assert.Contains("expected a mapping of keys, found a string", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("config.yaml:3:20", error.Source.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FC6_FileAndFlagMergeFieldByField()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(Header + "ingressShimConfig:\n  defaultIssuerName: aaaa\n", "--default-issuer-kind=bbbb");
        Assert.Empty(result.Errors);
        AssertDefaultsExcept(result.Value, c =>
        {
            c.IngressShimConfig.DefaultIssuerName = "aaaa";
            c.IngressShimConfig.DefaultIssuerKind = "bbbb";
        });
    }

    [Fact]
    public void FC7_NestedObjectFromFileIsApplied()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(Header + "logging:\n  verbosity: 2\n  format: text\n");
        Assert.Empty(result.Errors);
        AssertDefaultsExcept(result.Value, c => c.Logging.Verbosity = 2);
    }

    [Fact]
    public void FC8_ListFlagWithAnEmptyFileValue()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(Header + "ingressShimConfig: {}\n",
            "--extra-certificate-annotations", "venafi.cert-manager.io/custom-fields");
        Assert.Empty(result.Errors);
        Assert.Equal(["venafi.cert-manager.io/custom-fields"], result.Value.ExtraCertificateAnnotations);
    }

    [Fact]
    public void FW1_FlagValuesAreNotPathResolved()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(
            Header + "metricsTLSConfig:\n  filesystem:\n    certFile: aaaa\n", "--metrics-tls-private-key-file=bbbb");
        Assert.Empty(result.Errors);
        Assert.Equal(Path.Combine(load.Folder, "aaaa"), result.Value.MetricsTLSConfig.Filesystem.CertFile);
        Assert.Equal("bbbb", result.Value.MetricsTLSConfig.Filesystem.KeyFile);
    }

    [Fact]
    public void FCM1_FlagOnlyDynamicSetupIsValid()
    {
        var result = TestLoad.Load<ControllerConfiguration>(
        [
            "--metrics-dynamic-serving-ca-secret-namespace=cert-manager",
            "--metrics-dynamic-serving-ca-secret-name=cert-manager-metrics-ca",
            "--metrics-dynamic-serving-dns-names=a,b",
        ]);
        Assert.Empty(result.Errors);
        Assert.Equal(["a", "b"], result.Value.MetricsTLSConfig.Dynamic.DnsNames);
    }

    [Fact]
    public void FCM2_RepeatedListFlagsAppend()
    {
        var result = TestLoad.Load<ControllerConfiguration>(
            ["--metrics-dynamic-serving-dns-names=a", "--metrics-dynamic-serving-dns-names=b,c"]);
        Assert.Equal(["a", "b", "c"], result.Value.MetricsTLSConfig.Dynamic.DnsNames);
    }

    [Fact]
    public void FCM3_ListValuesAreNotTrimmed()
    {
        var result = TestLoad.Load<ControllerConfiguration>(["--metrics-dynamic-serving-dns-names=a, b"]);
        Assert.Equal(["a", " b"], result.Value.MetricsTLSConfig.Dynamic.DnsNames);
    }

    [Fact]
    public void FCM4_FilesystemInFileAndDynamicByFlagIsTheBothModesError()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(
            Header + "metricsTLSConfig:\n  filesystem:\n    certFile: /tls.crt\n    keyFile: /tls.key\n",
            "--metrics-dynamic-serving-dns-names=x");
        var error = Assert.Single(result.Errors).ToString();
        Assert.StartsWith("metricsTLSConfig: Invalid value:", error, StringComparison.Ordinal);
        Assert.Contains("cannot specify both filesystem based and dynamic TLS configuration", error, StringComparison.Ordinal);
        Assert.Contains("filesystem from " + Path.Combine(load.Folder, "config.yaml") + ":5:15", error, StringComparison.Ordinal);
        Assert.Contains("dynamic from --metrics-dynamic-serving-dns-names", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FCM5_DynamicWithoutDnsNamesInFileGivesTheReferenceMessageAndItsSource()
    {
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(
            Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: ns\n    secretName: n\n");
        var error = Assert.Single(result.Errors).ToString();
        Assert.StartsWith(
            "metricsTLSConfig.dynamic.dnsNames: Required value: must be specified when using dynamic TLS config (from ",
            error, StringComparison.Ordinal);
        Assert.EndsWith("config.yaml:5:22)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FCM6_ListFlagReplacesTheFilesList()
    {
        // Deliberate difference: cert-manager appends ([a, b]); a flag given for a list replaces the file's list.
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(
            Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: ns\n    secretName: n\n    dnsNames: [a]\n",
            "--metrics-dynamic-serving-dns-names=b");
        Assert.Empty(result.Errors);
        Assert.Equal(["b"], result.Value.MetricsTLSConfig.Dynamic.DnsNames);
    }

    [Fact]
    public void FCM7_LeafDurationFromFile()
    {
        using var load = new TestLoad();
        var withDuration = load.LoadYaml<ControllerConfiguration>(Header + "metricsTLSConfig:\n  dynamic:\n    leafDuration: \"24h\"\n");
        Assert.Empty(withDuration.Errors);
        Assert.Equal(TimeSpan.FromHours(24), withDuration.Value.MetricsTLSConfig.Dynamic.LeafDuration);

        var without = load.LoadYaml<ControllerConfiguration>(Header + "metricsTLSConfig:\n  dynamic: {}\n");
        Assert.Equal(TimeSpan.FromHours(168), without.Value.MetricsTLSConfig.Dynamic.LeafDuration);

        // Deliberate difference: cert-manager reads a bare number as nanoseconds; we reject it and ask for a unit.
        var bare = load.LoadYaml<ControllerConfiguration>(Header + "metricsTLSConfig:\n  dynamic:\n    leafDuration: 86400000000000\n");
        var error = Assert.Single(bare.Errors);
        Assert.Equal("metricsTLSConfig.dynamic.leafDuration", error.Path);
        Assert.Contains("a duration needs a unit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FCM8_RelativeCertFileInFileIsResolved()
    {
        // Deliberate difference: the controller leaves it relative; like the webhook and cainjector, we resolve it.
        using var load = new TestLoad();
        var result = load.LoadYaml<ControllerConfiguration>(
            Header + "metricsTLSConfig:\n  filesystem:\n    certFile: tls/tls.crt\n    keyFile: /abs/tls.key\n");
        Assert.Empty(result.Errors);
        Assert.Equal(Path.Combine(load.Folder, "tls", "tls.crt"), result.Value.MetricsTLSConfig.Filesystem.CertFile);
        Assert.Equal("/abs/tls.key", result.Value.MetricsTLSConfig.Filesystem.KeyFile);
    }
}
