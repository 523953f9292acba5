using BenchmarkDotNet.Attributes;
using Flagwork.Benchmarks.Models;
using Flagwork.Benchmarks.SourceGenBinder;
using Flagwork.CommandLine;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Flagwork.Benchmarks.ConfigFile;

/// <summary>
/// Scenario 2: read <c>controller-config.yaml</c> from disk (every iteration, for every contender), bind it and validate
/// it. Flagwork: <c>OptionsLoader.Load&lt;ControllerConfiguration&gt;(["--config", path])</c> (strict: unknown keys,
/// wrong types and bare-number durations are errors with file:line:column). Peers fill
/// <see cref="PeerControllerConfiguration"/> and validate it with DataAnnotations (<see cref="PeerValidation"/>).
/// </summary>
[MemoryDiagnoser]
public class ConfigFileBenchmarks
{
    private readonly string _path;
    private readonly string[] _args;

    /// <summary>Built once, as an application would: building a YamlDotNet deserializer costs more than using it.</summary>
    private readonly IDeserializer _yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public ConfigFileBenchmarks()
    {
        _path = ConfigFilePath;
        _args = ["--config", _path];
    }

    /// <summary>The YAML file copied beside the benchmark assembly.</summary>
    public static string ConfigFilePath => Path.Combine(AppContext.BaseDirectory, "ConfigFile", "controller-config.yaml");

    [Benchmark(Baseline = true, Description = "Flagwork")]
    public ControllerConfiguration Flagwork()
    {
        var result = OptionsLoader.Load<ControllerConfiguration>(_args, Flags.FlagArgv.Settings);
        return result.Succeeded ? result.Value : throw new InvalidOperationException(result.Errors.ToString());
    }

    [Benchmark(Description = "YamlDotNet deserializer + DataAnnotations")]
    public PeerControllerConfiguration YamlDotNet()
    {
        var configuration = _yaml.Deserialize<PeerControllerConfiguration>(File.ReadAllText(_path));
        return Validated(configuration);
    }

    [Benchmark(Description = "NetEscapades.Configuration.Yaml + binder (reflection) + DataAnnotations")]
    public PeerControllerConfiguration ConfigurationReflectionBinder()
    {
        var root = new ConfigurationBuilder().AddYamlFile(_path, optional: false, reloadOnChange: false).Build();
        try
        {
            return Validated(root.Get<PeerControllerConfiguration>() ?? new PeerControllerConfiguration());
        }
        finally
        {
            (root as IDisposable)?.Dispose();
        }
    }

    [Benchmark(Description = "NetEscapades.Configuration.Yaml + binder (source-generated) + DataAnnotations")]
    public PeerControllerConfiguration ConfigurationSourceGeneratedBinder()
    {
        var root = new ConfigurationBuilder().AddYamlFile(_path, optional: false, reloadOnChange: false).Build();
        try
        {
            return Validated(SourceGeneratedBinding.BindControllerConfiguration(root));
        }
        finally
        {
            (root as IDisposable)?.Dispose();
        }
    }

    private static PeerControllerConfiguration Validated(PeerControllerConfiguration configuration)
    {
        var result = PeerValidation.Validate(configuration);
        return result.Failed ? throw new InvalidOperationException(result.FailureMessage) : configuration;
    }
}
