using Flagwork.Binding;

namespace Flagwork.Metrics.Tests;

/// <summary>Checks beyond the reference: DNS names, the secret's namespace and name, the listen address.</summary>
public class FormatValidationTests
{
    private static string[] Validate(MetricsComponentConfig config)
    {
        var errors = new ConfigErrors();
        MetricsComponentConfig.Validate(config, new BindingContext(errors, new ValueSources(MetricsComponentConfig.ValueCount)));
        return TestLoad.Messages(errors);
    }

    private static MetricsComponentConfig Dynamic(string ns = "cert-manager", string name = "ca", params string[] dnsNames) => new()
    {
        MetricsTLSConfig = { Dynamic = { SecretNamespace = ns, SecretName = name, DnsNames = [.. dnsNames] } },
    };

    [Theory]
    [InlineData("example.com")]
    [InlineData("cert-manager-metrics")]
    [InlineData("*.example.com")]
    [InlineData("a.b.c.d")]
    public void ValidDnsNamesPass(string name) => Assert.Empty(Validate(Dynamic(dnsNames: name)));

    [Theory]
    [InlineData("Bad_Name")]
    [InlineData("-leading.example")]
    [InlineData("a.*.example")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("trailing-.example")]
    public void InvalidDnsNamesAreReportedWithTheirIndex(string name)
    {
        var error = Assert.Single(Validate(Dynamic(dnsNames: ["ok.example", name])));
        Assert.StartsWith("metricsTLSConfig.dynamic.dnsNames[1]: Invalid value: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cert-Manager")]
    [InlineData("cert.manager")]
    [InlineData("a-very-long-namespace-name-that-goes-on-and-on-past-sixty-three-characters")]
    public void SecretNamespaceMustBeADnsLabel(string ns) =>
        Assert.StartsWith("metricsTLSConfig.dynamic.secretNamespace: Invalid value: ", Assert.Single(Validate(Dynamic(ns: ns, dnsNames: "a"))), StringComparison.Ordinal);

    [Theory]
    [InlineData("CA")]
    [InlineData("my_ca")]
    [InlineData("ca.")]
    public void SecretNameMustBeADnsSubdomain(string name) =>
        Assert.StartsWith("metricsTLSConfig.dynamic.secretName: Invalid value: ", Assert.Single(Validate(Dynamic(name: name, dnsNames: "a"))), StringComparison.Ordinal);

    [Theory]
    [InlineData("0.0.0.0:9402")]
    [InlineData("127.0.0.1:0")]
    [InlineData("[::]:9402")]
    [InlineData("[::1]:9402")]
    [InlineData(":9402")]
    [InlineData("localhost:9402")]
    public void ListenAddressesThatAreHostPortPass(string address) =>
        Assert.Empty(Validate(new MetricsComponentConfig { MetricsListenAddress = address }));

    [Theory]
    [InlineData("9402")]
    [InlineData("0.0.0.0")]
    [InlineData("::1:9402")]
    [InlineData("localhost:http")]
    [InlineData("localhost:70000")]
    public void ListenAddressesThatAreNotHostPortFail(string address) =>
        Assert.StartsWith("metricsListenAddress: Invalid value: ", Assert.Single(Validate(new MetricsComponentConfig { MetricsListenAddress = address })), StringComparison.Ordinal);
}
