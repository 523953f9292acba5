using Flagwork.Binding;

namespace Flagwork.Metrics.Tests;

/// <summary>
/// Ports of cert-manager's TestValidateTLSConfig (reference §7.1, VT1–VT9). The path is empty there, so fields are
/// relative; errors are compared order-insensitively, by path and message.
/// </summary>
public class ValidateTLSConfigTests
{
    private const string Both = "cannot specify both filesystem based and dynamic TLS configuration";
    private const string FilesystemRequired = "Required value: must be specified when using filesystem based TLS config";
    private const string DynamicRequired = "Required value: must be specified when using dynamic TLS config";

    private static List<(string Path, string Message)> Validate(MetricsTLSConfig config)
    {
        var errors = new ConfigErrors();
        MetricsTLSConfig.Validate(config, new BindingContext(errors, new ValueSources(MetricsTLSConfig.ValueCount)));
        return errors.Select(e => (e.Path, e.Message)).ToList();
    }

    [Fact]
    public void VT1_EmptyConfigIsValid() => Assert.Empty(Validate(new MetricsTLSConfig()));

    [Fact]
    public void VT2_FilesystemAndDynamicTogetherIsExactlyOneInvalidErrorAtTheRoot()
    {
        var errors = Validate(new MetricsTLSConfig
        {
            Filesystem = { CertFile = "/test.crt", KeyFile = "/test.key" },
            Dynamic = { SecretNamespace = "cert-manager", SecretName = "test", DnsNames = ["example.com"] },
        });

        var error = Assert.Single(errors);
        Assert.Equal("", error.Path);
        Assert.StartsWith("Invalid value: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(Both, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VT3_FilesystemCertAndKeyIsValid() =>
        Assert.Empty(Validate(new MetricsTLSConfig { Filesystem = { CertFile = "/test.crt", KeyFile = "/test.key" } }));

    [Fact]
    public void VT4_FilesystemCertOnlyRequiresKeyFile() =>
        Assert.Equal([("filesystem.keyFile", FilesystemRequired)], Validate(new MetricsTLSConfig { Filesystem = { CertFile = "/test.crt" } }));

    [Fact]
    public void VT5_FilesystemKeyOnlyRequiresCertFile() =>
        Assert.Equal([("filesystem.certFile", FilesystemRequired)], Validate(new MetricsTLSConfig { Filesystem = { KeyFile = "/test.key" } }));

    [Fact]
    public void VT6_DynamicNamespaceNameAndDnsNamesIsValid() =>
        Assert.Empty(Validate(new MetricsTLSConfig { Dynamic = { SecretNamespace = "cert-manager", SecretName = "test", DnsNames = ["example.com"] } }));

    [Fact]
    public void VT7_DynamicWithoutNamespaceRequiresSecretNamespace() =>
        Assert.Equal([("dynamic.secretNamespace", DynamicRequired)],
            Validate(new MetricsTLSConfig { Dynamic = { SecretName = "test", DnsNames = ["example.com"] } }));

    [Fact]
    public void VT8_DynamicWithoutNameRequiresSecretName() =>
        Assert.Equal([("dynamic.secretName", DynamicRequired)],
            Validate(new MetricsTLSConfig { Dynamic = { SecretNamespace = "cert-manager", DnsNames = ["example.com"] } }));

    [Fact]
    public void VT9_DynamicWithoutDnsNamesRequiresDnsNames() =>
        Assert.Equal([("dynamic.dnsNames", DynamicRequired)],
            Validate(new MetricsTLSConfig { Dynamic = { SecretNamespace = "cert-manager", SecretName = "test" } }));

    [Fact]
    public void LeafDurationAloneDoesNotSwitchDynamicOn() =>
        Assert.Empty(Validate(new MetricsTLSConfig { Dynamic = { LeafDuration = TimeSpan.FromHours(1) } }));

    [Fact]
    public void CipherSuitesAndMinVersionDoNotSwitchTlsOn() =>
        Assert.Empty(Validate(new MetricsTLSConfig { CipherSuites = ["TLS_AES_128_GCM_SHA256"], MinTLSVersion = TLSVersion.VersionTLS13 }));

    [Fact]
    public void BothPartsOfAGroupMissingAreBothReported() =>
        Assert.Equal(
            [("dynamic.secretNamespace", DynamicRequired), ("dynamic.secretName", DynamicRequired)],
            Validate(new MetricsTLSConfig { Dynamic = { DnsNames = ["example.com"] } }));

    [Fact]
    public void ControllerInvalidMetricsTlsConfig_IsExactlyOneInvalidErrorAtMetricsTLSConfig()
    {
        // reference §7.2 "with invalid metrics tls config": an otherwise valid controller config with both modes set.
        using var load = new TestLoad();
        var result = TestLoad.Load<ControllerConfiguration>(
        [
            "--logging-format=text", "--default-issuer-kind=Issuer",
            "--metrics-tls-cert-file=/test.crt", "--metrics-tls-private-key-file=/test.key",
            "--metrics-dynamic-serving-ca-secret-namespace=cert-manager", "--metrics-dynamic-serving-ca-secret-name=test",
            "--metrics-dynamic-serving-dns-names=example.com",
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("metricsTLSConfig", error.Path);
        Assert.Contains("Invalid value:", error.Message, StringComparison.Ordinal);
        Assert.Contains(Both, error.Message, StringComparison.Ordinal);
        Assert.Contains("filesystem from --metrics-tls-cert-file", error.Message, StringComparison.Ordinal);
        Assert.Contains("dynamic from --metrics-dynamic-serving-ca-secret-namespace", error.Message, StringComparison.Ordinal);
    }
}
