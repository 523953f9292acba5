using Flagwork.Metrics;

namespace Component.Tests;

/// <summary>The example config files under <c>samples/Component/examples/</c>: each loads cleanly and validates against the schema.</summary>
public sealed class ExampleTests
{
    private const string SchemaComment = "# yaml-language-server: $schema=../../../schema/component.schema.json";

    internal static readonly string[] ExampleFiles =
        ["plain.yaml", "static-tls.yaml", "dynamic-tls.yaml", "dynamic-tls.json", "full.yaml"];

    public static TheoryData<string> Examples => new(ExampleFiles);

    [Fact]
    public void EveryExampleFileIsListed()
    {
        var onDisk = Directory.EnumerateFiles(Repository.ExamplesDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(ExampleFiles.Order(StringComparer.Ordinal), onDisk);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void LoadsWithoutErrors(string fileName)
    {
        var result = Loading.LoadFile(Repository.Example(fileName));
        Assert.True(result.Succeeded, Loading.Describe(result.Errors));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void ValidatesAgainstTheSchema(string fileName)
    {
        var path = Repository.Example(fileName);
        var results = ConfigSchema.Evaluate(ConfigSchema.Instance(File.ReadAllText(path), Path.GetExtension(path)));
        Assert.True(results.IsValid, ConfigSchema.Describe(results));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void YamlExamplesPointTheirEditorAtTheSchema(string fileName)
    {
        if (Path.GetExtension(fileName) != ".yaml")
        {
            return;
        }
        var firstLine = File.ReadLines(Repository.Example(fileName)).First();
        Assert.Equal(SchemaComment, firstLine);
        // The relative path in the comment must lead to the checked-in schema.
        Assert.True(File.Exists(Path.Combine(Repository.ExamplesDirectory, "../../../schema/component.schema.json")));
    }

    [Fact]
    public void PlainExampleServesPlainHttp()
    {
        var tls = Loaded("plain.yaml").MetricsTLSConfig;
        Assert.Equal("", tls.Filesystem.CertFile);
        Assert.Equal("", tls.Dynamic.SecretName);
    }

    [Fact]
    public void StaticExampleReadsCertificateFiles()
    {
        var config = Loaded("static-tls.yaml");
        Assert.Equal("/etc/component/metrics-tls/tls.crt", config.MetricsTLSConfig.Filesystem.CertFile);
        Assert.Equal("/etc/component/metrics-tls/tls.key", config.MetricsTLSConfig.Filesystem.KeyFile);
        Assert.Equal(TLSVersion.VersionTLS12, config.MetricsTLSConfig.MinTLSVersion);
    }

    [Theory]
    [InlineData("dynamic-tls.yaml")]
    [InlineData("dynamic-tls.json")]
    public void DynamicExamplesUseCertManagersSecret(string fileName)
    {
        var dynamic = Loaded(fileName).MetricsTLSConfig.Dynamic;
        Assert.Equal("cert-manager", dynamic.SecretNamespace);
        Assert.Equal("cert-manager-metrics-ca", dynamic.SecretName);
        Assert.Equal(["cert-manager-metrics"], dynamic.DnsNames);
        Assert.Equal(TimeSpan.FromHours(24), dynamic.LeafDuration);
    }

    [Fact]
    public void FullExampleSetsEveryKeyOfTheSchema()
    {
        var instance = ConfigSchema.Instance(File.ReadAllText(Repository.Example("full.yaml")), ".yaml");
        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repository.Schema("component.schema.json")))!;
        Assert.Equal(KeyPaths(schema, ""), KeyPaths(instance!, "", fromSchema: false));

        var config = Loaded("full.yaml");
        Assert.Equal("[::]:9402", config.MetricsListenAddress);
        Assert.Equal(4, config.MetricsTLSConfig.CipherSuites.Count);
        Assert.Equal(3, config.MetricsTLSConfig.Dynamic.DnsNames.Count);
        Assert.Equal(TimeSpan.FromHours(168), config.MetricsTLSConfig.Dynamic.LeafDuration);
        // A relative path in a file is taken from the file's directory.
        Assert.Equal(Path.Combine(Repository.ExamplesDirectory, ".flagwork", "secrets"), config.SecretsDir);
    }

    private static ComponentConfiguration Loaded(string fileName)
    {
        var result = Loading.LoadFile(Repository.Example(fileName));
        Assert.True(result.Succeeded, Loading.Describe(result.Errors));
        return result.Value;
    }

    /// <summary>Every key path (<c>metricsTLSConfig.dynamic.dnsNames</c>) of a schema's properties or of an instance's mappings.</summary>
    private static SortedSet<string> KeyPaths(System.Text.Json.Nodes.JsonNode node, string prefix, bool fromSchema = true)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var members = fromSchema ? node["properties"] as System.Text.Json.Nodes.JsonObject : node as System.Text.Json.Nodes.JsonObject;
        if (members is null)
        {
            return paths;
        }
        foreach (var (key, child) in members)
        {
            var path = prefix.Length == 0 ? key : prefix + "." + key;
            paths.Add(path);
            if (child is not null)
            {
                paths.UnionWith(KeyPaths(child, path, fromSchema));
            }
        }
        return paths;
    }
}
