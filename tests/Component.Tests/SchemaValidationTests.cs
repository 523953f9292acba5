namespace Component.Tests;

/// <summary>
/// Structurally bad config files: the JSON Schema (what an editor checks while typing) rejects each one, and the
/// component itself reports at least one error for it too, so the two never disagree on a file.
/// </summary>
public sealed class SchemaValidationTests : IDisposable
{
    private const string Header = "apiVersion: component.flagwork.dev/v1alpha1\nkind: ComponentConfiguration\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Name, then the YAML body (after apiVersion and kind unless the case is about them).</summary>
    public static TheoryData<string, string> BadConfigs => new()
    {
        { "unknown top-level key", Header + "metricsPort: 9402\n" },
        { "unknown nested key", Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: ca\n    dnsName: [metrics]\n" },
        { "dnsNames is a string", Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: ca\n    dnsNames: cert-manager-metrics\n" },
        { "leafDuration is a number", Header + "metricsTLSConfig:\n  dynamic:\n    leafDuration: 24\n" },
        { "leafDuration in days", Header + "metricsTLSConfig:\n  dynamic:\n    leafDuration: 7d\n" },
        { "minTLSVersion by another name", Header + "metricsTLSConfig:\n  minTLSVersion: TLS1.2\n" },
        { "filesystem and dynamic both set", Header + "metricsTLSConfig:\n  filesystem:\n    certFile: /tls/tls.crt\n    keyFile: /tls/tls.key\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: ca\n    dnsNames: [metrics]\n" },
        { "dynamic with secretName only", Header + "metricsTLSConfig:\n  dynamic:\n    secretName: cert-manager-metrics-ca\n" },
        { "certFile without keyFile", Header + "metricsTLSConfig:\n  filesystem:\n    certFile: /tls/tls.crt\n" },
        { "apiVersion wrong", "apiVersion: component.flagwork.dev/v1\nkind: ComponentConfiguration\n" },
        { "kind wrong", "apiVersion: component.flagwork.dev/v1alpha1\nkind: ControllerConfiguration\n" },
        { "secretNamespace not a DNS label", Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: Not_A_Label\n    secretName: ca\n    dnsNames: [metrics]\n" },
        { "metricsTLSConfig is the word nil", Header + "metricsTLSConfig: nil\n" },
        { "secretName is a number", Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: 123\n    dnsNames: [metrics]\n" },
        { "cipherSuites is a mapping", Header + "metricsTLSConfig:\n  cipherSuites:\n    TLS_AES_128_GCM_SHA256: true\n" },
        { "invalid DNS name in the list", Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: ca\n    dnsNames: [ok.example, \"Bad_Name\"]\n" },
        { "listen address without a host part", Header + "metricsListenAddress: \"9402\"\n" },
        { "top level is a list", "- apiVersion: component.flagwork.dev/v1alpha1\n" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void SchemaRejects(string name, string yaml)
    {
        var results = ConfigSchema.Evaluate(YamlJson.Convert(yaml));
        Assert.False(results.IsValid, $"the schema accepted \"{name}\":\n{yaml}");
    }

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void ComponentAlsoRejects(string name, string yaml)
    {
        var result = Loading.LoadFile(_directory.File("config.yaml", yaml));
        Assert.False(result.Succeeded, $"the component accepted \"{name}\", which the schema rejects:\n{yaml}");
    }

    [Theory]
    [MemberData(nameof(ExampleTests.Examples), MemberType = typeof(ExampleTests))]
    public void BothAcceptEveryExample(string fileName)
    {
        var path = Repository.Example(fileName);
        var text = File.ReadAllText(path);
        var schema = ConfigSchema.Evaluate(ConfigSchema.Instance(text, Path.GetExtension(path)));
        var component = Loading.LoadFile(_directory.File(fileName, text));
        Assert.True(schema.IsValid, ConfigSchema.Describe(schema));
        Assert.True(component.Succeeded, Loading.Describe(component.Errors));
    }

    /// <summary>The converter the schema tests rely on: plain scalars resolve by the YAML 1.2 core schema.</summary>
    [Theory]
    [InlineData("a: 24", "{\"a\":24}")]
    [InlineData("a: \"24\"", "{\"a\":\"24\"}")]
    [InlineData("a: 24h", "{\"a\":\"24h\"}")]
    [InlineData("a: 1.5e3", "{\"a\":1500}")]
    [InlineData("a: 0x1F", "{\"a\":31}")]
    [InlineData("a: true", "{\"a\":true}")]
    [InlineData("a: yes", "{\"a\":\"yes\"}")]
    [InlineData("a: nil", "{\"a\":\"nil\"}")]
    [InlineData("a: ~", "{\"a\":null}")]
    [InlineData("a:", "{\"a\":null}")]
    [InlineData("a: !!str 12", "{\"a\":\"12\"}")]
    [InlineData("a: [x, 'y', 3]", "{\"a\":[\"x\",\"y\",3]}")]
    [InlineData("a: {b: {c: null}}", "{\"a\":{\"b\":{\"c\":null}}}")]
    public void YamlConvertsToJsonByTheCoreSchema(string yaml, string json)
    {
        var converted = YamlJson.Convert(yaml)!;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json), converted), converted.ToJsonString());
    }
}
