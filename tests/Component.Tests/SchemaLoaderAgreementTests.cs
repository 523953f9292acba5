using Flagwork.Binding;

namespace Component.Tests;

/// <summary>
/// Where the JSON Schema and the loader must agree (each case was once a bug: found, pinned here, then fixed).
/// </summary>
public sealed class SchemaLoaderAgreementTests : IDisposable
{
    private const string Header = "apiVersion: component.flagwork.dev/v1alpha1\nkind: ComponentConfiguration\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void PrintedDefaultsValidateAgainstTheSchema()
    {
        var writer = new ConfigWriter();
        ComponentConfiguration.WriteConfig(new ComponentConfiguration(), writer);
        var results = ConfigSchema.Evaluate(YamlJson.Convert(writer.ToString()));
        Assert.True(results.IsValid, writer + "\n" + ConfigSchema.Describe(results));
    }

    [Fact]
    public void SchemaAcceptsAnEmptySecretNameAsUnset()
    {
        var yaml = Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: \"\"\n    secretName: \"\"\n";
        Assert.True(Loading.LoadFile(_directory.File("config.yaml", yaml)).Succeeded);
        var results = ConfigSchema.Evaluate(YamlJson.Convert(yaml));
        Assert.True(results.IsValid, ConfigSchema.Describe(results));
    }

    [Fact]
    public void EmptyListenAddressIsRejectedLikeTheSchemaDoes()
    {
        var yaml = Header + "metricsListenAddress: \"\"\n";
        Assert.False(ConfigSchema.Evaluate(YamlJson.Convert(yaml)).IsValid);
        var result = Loading.LoadFile(_directory.File("config.yaml", yaml));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("metricsListenAddress: ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("versiontls12")]
    [InlineData("VERSIONTLS13")]
    public void TlsVersionNamesAreCaseInsensitiveToTheLoaderAndCanonicalInTheSchema(string name)
    {
        // A documented choice: enum names bind case-insensitively (flags, env, files); the schema, which editors use to
        // complete values, lists the canonical spelling only, so it is stricter here and never looser.
        var yaml = Header + "metricsTLSConfig:\n  minTLSVersion: " + name + "\n";
        Assert.False(ConfigSchema.Evaluate(YamlJson.Convert(yaml)).IsValid);
        Assert.True(Loading.LoadFile(_directory.File("config.yaml", yaml)).Succeeded);
        Assert.True(Loading.Load(["--metrics-tls-min-version=" + name]).Succeeded);
    }

    [Fact]
    public void ABadListElementDoesNotAlsoReportTheListAsMissing()
    {
        var yaml = Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: ca\n    dnsNames: [metrics, null]\n";
        var result = Loading.LoadFile(_directory.File("config.yaml", yaml));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("metricsTLSConfig.dynamic.dnsNames[1]: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AConfigFileNamedByTheEnvironmentSaysSo()
    {
        var result = Loading.Load([], new Dictionary<string, string> { ["COMPONENT_CONFIG"] = "/nonexistent/component.yaml" });
        var error = Assert.Single(result.Errors);
        Assert.Contains("$COMPONENT_CONFIG", error.ToString(), StringComparison.Ordinal);
    }
}
