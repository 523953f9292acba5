using Flagwork.CommandLine;

namespace Component.Tests;

/// <summary>
/// The sample component's command line, as scripts see it (DESIGN.md, "The sample component's command line"):
/// exit codes, what goes to stdout and stderr, and the shape of error lines.
/// </summary>
public sealed class CommandLineContractTests : IDisposable
{
    private const string Header = "apiVersion: component.flagwork.dev/v1alpha1\nkind: ComponentConfiguration\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private Task<ProcessResult> Run(params string[] args) => ComponentProcess.RunAsync(_directory.Path, null, args);

    [Fact]
    public async Task HelpListsEveryFlagWithItsEnvironmentVariable()
    {
        var result = await Run("--help");

        Assert.True(result.ExitCode == OptionsCommand.ExitOk, result.ToString());
        Assert.Equal("", result.Stderr);
        var lines = result.Stdout.Split('\n');
        foreach (var flag in ComponentConfiguration.Flags)
        {
            var line = lines.SingleOrDefault(l => l.Contains($"--{flag.Name} ", StringComparison.Ordinal));
            Assert.True(line is not null, $"--help has no line for --{flag.Name}:\n{result.Stdout}");
            Assert.Contains($"[${flag.EnvironmentVariable}]", line, StringComparison.Ordinal);
        }
        foreach (var builtIn in new[] { "--config", "--help", "--print-config", "--print-config-schema" })
        {
            Assert.Contains(builtIn + " ", result.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("[$COMPONENT_CONFIG]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(default \"0.0.0.0:9402\")", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(default 168h0m0s)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintConfigPrintsTheDefaultsAsYamlThatReadsBack()
    {
        var result = await Run("--print-config");

        Assert.True(result.ExitCode == OptionsCommand.ExitOk, result.ToString());
        var lines = result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Assert.Contains("metricsListenAddress: 0.0.0.0:9402", lines);
        Assert.Contains(lines, l => l.Trim() == "leafDuration: 168h0m0s");

        // The output is itself a config file: the component reads it back unchanged. (That the schema accepts it too
        // is KnownBugTests.PrintedDefaultsValidateAgainstTheSchema.)
        var reloaded = Loading.LoadFile(_directory.File("printed.yaml", result.Stdout));
        Assert.True(reloaded.Succeeded, Loading.Describe(reloaded.Errors));
        Assert.Equal("0.0.0.0:9402", reloaded.Value.MetricsListenAddress);
        Assert.Equal(TimeSpan.FromHours(168), reloaded.Value.MetricsTLSConfig.Dynamic.LeafDuration);
    }

    [Fact]
    public async Task PrintConfigShowsTheMergedSources()
    {
        var config = _directory.File("config.yaml", Header + "metricsTLSConfig:\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: cert-manager-metrics-ca\n    dnsNames: [cert-manager-metrics]\n");
        var result = await ComponentProcess.RunAsync(_directory.Path,
            new Dictionary<string, string> { ["COMPONENT_METRICS_DYNAMIC_SERVING_LEAF_DURATION"] = "24h" },
            "--config", config, "--metrics-listen-address=127.0.0.1:9402", "--print-config");

        Assert.True(result.ExitCode == OptionsCommand.ExitOk, result.ToString());
        Assert.Contains("metricsListenAddress: 127.0.0.1:9402\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("secretNamespace: cert-manager\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("leafDuration: 24h0m0s\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintConfigSchemaPrintsTheCheckedInSchema()
    {
        var result = await Run("--print-config-schema");

        Assert.True(result.ExitCode == OptionsCommand.ExitOk, result.ToString());
        var checkedIn = File.ReadAllText(Repository.Schema("component.schema.json"));
        Assert.Equal(SchemaFileTests.Normalise(checkedIn), SchemaFileTests.Normalise(result.Stdout));
    }

    [Fact]
    public async Task ABadFlagExitsTwoWithOneErrorLineAndNoStackTrace()
    {
        var result = await Run("--metrics-listen-adress=127.0.0.1:9402");

        Assert.True(result.ExitCode == OptionsCommand.ExitConfigurationError, result.ToString());
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.Equal("error: unknown flag: --metrics-listen-adress (did you mean --metrics-listen-address?)", line);
        HasNoStackTrace(result);
    }

    [Fact]
    public async Task EveryErrorOfAConfigFileIsPrintedOnItsOwnLine()
    {
        var config = _directory.File("config.yaml", Header
            + "metricsListenAdress: 0.0.0.0:9402\n"
            + "metricsTLSConfig:\n"
            + "  dynamic:\n"
            + "    secretNamespace: cert-manager\n"
            + "    secretName: cert-manager-metrics-ca\n"
            + "    dnsNames: cert-manager-metrics\n"
            + "    leafDuration: 7d\n");

        var result = await Run("--config", config, "--print-config");

        Assert.True(result.ExitCode == OptionsCommand.ExitConfigurationError, result.ToString());
        Assert.Equal("", result.Stdout);
        var lines = result.StderrLines;
        Assert.True(lines.Length == 3, result.ToString());
        Assert.All(lines, line => Assert.StartsWith("error: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("metricsListenAdress: unknown field; did you mean \"metricsListenAddress\"?", StringComparison.Ordinal) && l.Contains("config.yaml:3:1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("metricsTLSConfig.dynamic.dnsNames: Invalid type", StringComparison.Ordinal) && l.Contains("config.yaml:8:15", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("metricsTLSConfig.dynamic.leafDuration: Invalid value: \"7d\"", StringComparison.Ordinal) && l.Contains("config.yaml:9:19", StringComparison.Ordinal));
        HasNoStackTrace(result);
    }

    [Fact]
    public async Task AnEnvironmentVariableIsNamedAsTheSourceOfItsError()
    {
        var result = await ComponentProcess.RunAsync(_directory.Path,
            new Dictionary<string, string> { ["COMPONENT_METRICS_TLS_MIN_VERSION"] = "TLS1.3" });

        Assert.True(result.ExitCode == OptionsCommand.ExitConfigurationError, result.ToString());
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: metricsTLSConfig.minTLSVersion: Invalid value: \"TLS1.3\": ", line, StringComparison.Ordinal);
        Assert.EndsWith("(from $COMPONENT_METRICS_TLS_MIN_VERSION)", line, StringComparison.Ordinal);
        HasNoStackTrace(result);
    }

    private static void HasNoStackTrace(ProcessResult result)
    {
        Assert.DoesNotContain(result.StderrLines, l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }
}
