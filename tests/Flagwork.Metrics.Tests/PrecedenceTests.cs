using Flagwork.CommandLine;

namespace Flagwork.Metrics.Tests;

/// <summary>flag &gt; environment variable &gt; config file &gt; default, field by field, with every value's source recorded.</summary>
public class PrecedenceTests
{
    private const string Yaml = """
        name: from-file
        count: 10
        tags: [file-a, file-b]
        timeout: "5m"
        """;

    [Fact]
    public void EachFieldTakesItsHighestSource()
    {
        using var load = new TestLoad();
        var config = load.Write("c.yaml", Yaml);
        var result = TestLoad.Load<KitchenSinkOptions>(
            ["--config", config, "--name=from-flag"],
            new Dictionary<string, string> { ["SINK_NAME"] = "from-env", ["SINK_COUNT"] = "20" });

        Assert.Empty(result.Errors);
        Assert.Equal("from-flag", result.Value.Name);
        Assert.Equal(20, result.Value.Count);
        Assert.Equal(TimeSpan.FromMinutes(5), result.Value.Timeout);
        Assert.Equal(0.5, result.Value.Ratio);

        Assert.Equal("--name", result.Sources[0].ToString());
        Assert.Equal("$SINK_COUNT", result.Sources[3].ToString());
        Assert.Equal(config + ":4:10", result.Sources[6].ToString());
        Assert.True(result.Sources[5].IsDefault);
    }

    [Fact]
    public void ListFromEnvironmentReplacesTheFilesList()
    {
        using var load = new TestLoad();
        var config = load.Write("c.yaml", Yaml);
        var result = TestLoad.Load<KitchenSinkOptions>(["--config", config], new Dictionary<string, string> { ["SINK_TAGS"] = "e1,e2" });
        Assert.Equal(["e1", "e2"], result.Value.Tags);
    }

    [Fact]
    public void ListFlagReplacesTheEnvironmentsListThenAppends()
    {
        var result = TestLoad.Load<KitchenSinkOptions>(["--tags=f1", "--tags=f2"], new Dictionary<string, string> { ["SINK_TAGS"] = "e1" });
        Assert.Equal(["f1", "f2"], result.Value.Tags);
    }

    [Fact]
    public void EnvironmentValuesParseLikeFlagsAndNameTheVariableInErrors()
    {
        var result = TestLoad.Load<KitchenSinkOptions>([], new Dictionary<string, string> { ["SINK_TIMEOUT"] = "soon" });
        var error = Assert.Single(result.Errors).ToString();
        Assert.StartsWith("timeout: Invalid value: \"soon\": ", error, StringComparison.Ordinal);
        Assert.EndsWith("(from $SINK_TIMEOUT)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigFileCanComeFromTheEnvironment()
    {
        using var load = new TestLoad();
        var config = load.Write("c.yaml", "name: via-env-config\n");
        var result = TestLoad.Load<KitchenSinkOptions>([], new Dictionary<string, string> { ["SINK_CONFIG"] = config });
        Assert.Equal("via-env-config", result.Value.Name);
        Assert.Equal(config, result.ConfigFile);
    }

    [Fact]
    public void JsonConfigFilesBindTheSameWay()
    {
        using var load = new TestLoad();
        var config = load.Write("c.json", """{ "name": "j", "tags": ["a"], "timeout": "1h", "color": "blue", "verbose": true }""");
        var result = TestLoad.Load<KitchenSinkOptions>(["--config", config]);
        Assert.Empty(result.Errors);
        Assert.Equal(("j", Color.Blue, true), (result.Value.Name, result.Value.Color, result.Value.Verbose));
        Assert.Equal(TimeSpan.FromHours(1), result.Value.Timeout);
    }

    [Fact]
    public void FileErrorsCarryFileLineColumnAndPath()
    {
        using var load = new TestLoad();
        var config = load.Write("c.yaml", "name: ok\ncount: many\ntags: just-one\ncolour: red\n");
        var errors = TestLoad.Messages(TestLoad.Load<KitchenSinkOptions>(["--config", config]).Errors);
        Assert.Equal(3, errors.Length);
        Assert.Equal($"count: Invalid type: expected a number, found a string (from {config}:2:8)", errors[0]);
        Assert.Equal($"tags: Invalid type: expected a list of strings, found a string (from {config}:3:7)", errors[1]);
        Assert.StartsWith($"colour: unknown field; did you mean \"color\"?", errors[2], StringComparison.Ordinal);
        Assert.EndsWith($"(from {config}:4:1)", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void PrintConfigRedactsSensitiveValues()
    {
        var result = TestLoad.Load<KitchenSinkOptions>(["--token=s3cr3t"]);
        var writer = new Binding.ConfigWriter();
        KitchenSinkOptions.WriteConfig(result.Value, writer);
        Assert.DoesNotContain("s3cr3t", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("token: <redacted>\n", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PrintedConfigReadsBackToTheSameConfig()
    {
        using var load = new TestLoad();
        var first = TestLoad.Load<ControllerConfiguration>(
        [
            "--metrics-dynamic-serving-ca-secret-namespace=cert-manager", "--metrics-dynamic-serving-ca-secret-name=ca",
            "--metrics-dynamic-serving-dns-names=a.example,*.b.example", "--metrics-dynamic-serving-leaf-duration=36h",
            "--metrics-tls-min-version=versiontls13", "--kubeconfig=/k", "--v=4", "--default-issuer-name=: tricky # name", "--extra-certificate-annotations=\"a,b\",\" lead\",true",
        ]);
        Assert.Empty(first.Errors);
        var printed = Print(first.Value);
        var second = load.LoadYaml<ControllerConfiguration>(printed);
        Assert.Empty(second.Errors);
        Assert.Equal(printed, Print(second.Value));
    }

    private static string Print(ControllerConfiguration value)
    {
        var writer = new Binding.ConfigWriter();
        ControllerConfiguration.WriteConfig(value, writer);
        return writer.ToString();
    }
}
