using Flagwork.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flagwork.Metrics.Tests;

/// <summary><c>Microsoft.Extensions.Configuration</c> binding through the generated code and validation on start.</summary>
public class ConfigurationBinderTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddOptionsBindBindsThroughGeneratedCode()
    {
        var configuration = Configuration(
            ("metricsTLSConfig:dynamic:secretNamespace", "cert-manager"),
            ("metricsTLSConfig:dynamic:secretName", "ca"),
            ("metricsTLSConfig:dynamic:dnsNames:0", "a.example"),
            ("metricsTLSConfig:dynamic:dnsNames:1", "b.example"),
            ("metricsTLSConfig:dynamic:leafDuration", "24h"),
            ("METRICSTLSCONFIG:minTLSVersion", "versiontls13"));
        using var services = new ServiceCollection()
            .AddOptions<MetricsTLSConfig>().Bind(configuration.GetSection("metricsTLSConfig")).ValidateOnStart().Services
            .BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<MetricsTLSConfig>>().Value;
        Assert.Equal("cert-manager", options.Dynamic.SecretNamespace);
        Assert.Equal(["a.example", "b.example"], options.Dynamic.DnsNames);
        Assert.Equal(TimeSpan.FromHours(24), options.Dynamic.LeafDuration);
        Assert.Equal(TLSVersion.VersionTLS13, options.MinTLSVersion);
    }

    [Fact]
    public void ValidationErrorsNameTheSectionPathAndTheKey()
    {
        var configuration = Configuration(
            ("metricsTLSConfig:dynamic:secretName", "ca"),
            ("metricsTLSConfig:dynamic:leafDuration", "7d"));
        using var services = new ServiceCollection()
            .AddOptions<MetricsTLSConfig>().Bind(configuration.GetSection("metricsTLSConfig")).ValidateOnStart().Services
            .BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MetricsTLSConfig>>().Value);
        Assert.Contains(exception.Failures, f => f.StartsWith("metricsTLSConfig.dynamic.leafDuration: Invalid value: \"7d\"", StringComparison.Ordinal)
                                                 && f.EndsWith("(from configuration key metricsTLSConfig:dynamic:leafDuration)", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("metricsTLSConfig.dynamic.secretNamespace: Required value: must be specified when using dynamic TLS config", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("metricsTLSConfig.dynamic.dnsNames: Required value:", StringComparison.Ordinal));
    }

    [Fact]
    public void AStringValueForAListIsReadAsCsv()
    {
        var options = ConfigurationBinding.Get<MetricsTLSConfig>(Configuration(
            ("dynamic:secretNamespace", "ns"), ("dynamic:secretName", "n"), ("dynamic:dnsNames", "a.example,b.example")));
        Assert.Equal(["a.example", "b.example"], options.Dynamic.DnsNames);
    }

    [Fact]
    public void GetThrowsWithEveryError()
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationBinding.Get<MetricsTLSConfig>(Configuration(
            ("filesystem:certFile", "/a"), ("minTLSVersion", "TLS1.2"))));
        Assert.Equal(2, exception.Errors.Count);
    }
}
