namespace Flagwork.Metrics.Tests;

/// <summary>Reference §7.4: the defaulted empty configuration, compared with a golden text.</summary>
public class DefaultsTests
{
    [Fact]
    public void DefaultsMatchTheGoldenConfiguration()
    {
        var writer = new Binding.ConfigWriter();
        MetricsComponentConfig.WriteConfig(new MetricsComponentConfig(), writer);
        Assert.Equal(
            """
            metricsListenAddress: 0.0.0.0:9402
            metricsTLSConfig:
              cipherSuites: []
              minTLSVersion: ""
              filesystem:
                certFile: ""
                keyFile: ""
              dynamic:
                secretNamespace: ""
                secretName: ""
                dnsNames: []
                leafDuration: 168h0m0s

            """.ReplaceLineEndings("\n"),
            writer.ToString());
    }

    [Fact]
    public void LoadingNothingGivesTheDefaultsAndAValidConfig()
    {
        var result = TestLoad.Load<MetricsComponentConfig>([]);
        Assert.Empty(result.Errors);
        Assert.Equal("0.0.0.0:9402", result.Value.MetricsListenAddress);
        Assert.Equal(TimeSpan.FromHours(168), result.Value.MetricsTLSConfig.Dynamic.LeafDuration);
    }

    [Fact]
    public void SchemaCarriesTheDefaults()
    {
        Assert.Contains("\"default\": \"0.0.0.0:9402\"", MetricsComponentConfig.JsonSchema, StringComparison.Ordinal);
        Assert.Contains("\"default\": \"168h0m0s\"", MetricsComponentConfig.JsonSchema, StringComparison.Ordinal);
    }
}
