using System.CommandLine;
using BenchmarkDotNet.Attributes;
using CommandLine;
using ConsoleAppFramework;
using Flagwork.Benchmarks.Models;
using Flagwork.Benchmarks.SourceGenBinder;
using Flagwork.CommandLine;
using Flagwork.Metrics;
using Microsoft.Extensions.Configuration;

namespace Flagwork.Benchmarks.Flags;

/// <summary>
/// Scenario 1: parse and validate <see cref="FlagArgv.Args"/> into <see cref="MetricsComponentConfig"/>. Flagwork does it
/// through <see cref="OptionsLoader.Load{T}"/> (generated flag table, pflag semantics, validation, value sources); each
/// peer parses with its library and then fills and validates the same model by hand (<see cref="PeerFlagModel"/>).
/// </summary>
[MemoryDiagnoser]
public class FlagsBenchmarks : IDisposable
{
    private readonly string[] _args = FlagArgv.Args;
    private readonly string[] _spaceArgs = FlagArgv.SpaceSeparatedArgs;
    private readonly string[] _lastOccurrenceArgs = FlagArgv.LastOccurrenceArgs;
    private readonly SystemCommandLinePeer _prebuilt = new();
    private readonly Parser _commandLineParser = new(settings =>
    {
        settings.AllowMultiInstance = true;
        settings.CaseInsensitiveEnumValues = true;
        settings.HelpWriter = null;
    });

    [Benchmark(Baseline = true, Description = "Flagwork")]
    public MetricsComponentConfig Flagwork()
    {
        var result = OptionsLoader.Load<MetricsComponentConfig>(_args, FlagArgv.Settings);
        return result.Succeeded ? result.Value : throw new InvalidOperationException(result.Errors.ToString());
    }

    /// <summary>Not a peer: Flagwork on the input ConsoleAppFramework effectively binds, to compare like with like.</summary>
    [Benchmark(Description = "Flagwork reference: ConsoleAppFramework's effective input (each list once, --name value)")]
    public MetricsComponentConfig FlagworkLastOccurrences()
    {
        var result = OptionsLoader.Load<MetricsComponentConfig>(_lastOccurrenceArgs, FlagArgv.Settings);
        return result.Succeeded ? result.Value : throw new InvalidOperationException(result.Errors.ToString());
    }

    [Benchmark(Description = "System.CommandLine (command built once)")]
    public MetricsComponentConfig SystemCommandLine() => _prebuilt.Parse(_args);

    [Benchmark(Description = "System.CommandLine (command built per parse)")]
    public MetricsComponentConfig SystemCommandLineBuildAndParse() => new SystemCommandLinePeer().Parse(_args);

    [Benchmark(Description = "ConsoleAppFramework")]
    public MetricsComponentConfig ConsoleAppFrameworkPeer() => ConsoleAppFrameworkFlags.Parse(_spaceArgs);

    [Benchmark(Description = "CommandLineParser")]
    public MetricsComponentConfig CommandLineParserPeer()
    {
        var parsed = _commandLineParser.ParseArguments<CommandLineParserOptions>(_args);
        if (parsed is not Parsed<CommandLineParserOptions> { Value: var o })
        {
            throw new InvalidOperationException(string.Join("; ", ((NotParsed<CommandLineParserOptions>)parsed).Errors));
        }
        var errors = new List<string>();
        var config = PeerFlagModel.Build(o.MetricsListenAddress, [.. o.CipherSuites], o.MinTLSVersion, o.CertFile, o.KeyFile,
            o.SecretNamespace, o.SecretName, [.. o.DnsNames], PeerFlagModel.ParseDuration(o.LeafDuration, TimeSpan.FromHours(168), errors), errors);
        return errors.Count == 0 ? config : throw new InvalidOperationException(string.Join("; ", errors));
    }

    [Benchmark(Description = "M.E.Configuration.CommandLine + binder (reflection)")]
    public MetricsComponentConfig ConfigurationReflectionBinder()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(_args, MecFlagArguments.SwitchMappings).Build();
        return FromMec(configuration.Get<MecFlagArguments>() ?? new MecFlagArguments());
    }

    [Benchmark(Description = "M.E.Configuration.CommandLine + binder (source-generated)")]
    public MetricsComponentConfig ConfigurationSourceGeneratedBinder()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(_args, MecFlagArguments.SwitchMappings).Build();
        return FromMec(SourceGeneratedBinding.BindFlags(configuration));
    }

    public void Dispose()
    {
        _commandLineParser.Dispose();
        GC.SuppressFinalize(this);
    }

    private static MetricsComponentConfig FromMec(MecFlagArguments a)
    {
        var errors = new List<string>();
        var config = PeerFlagModel.Build(a.MetricsListenAddress, PeerFlagModel.SplitAll([a.CipherSuites]), a.MinTLSVersion, a.CertFile, a.KeyFile,
            a.SecretNamespace, a.SecretName, PeerFlagModel.SplitAll([a.DnsNames]), PeerFlagModel.ParseDuration(a.LeafDuration, TimeSpan.FromHours(168), errors), errors);
        return errors.Count == 0 ? config : throw new InvalidOperationException(string.Join("; ", errors));
    }
}

/// <summary>System.CommandLine 2.0: one option per flag; list options collect every occurrence.</summary>
public sealed class SystemCommandLinePeer
{
    private readonly Option<string> _listen = new("--metrics-listen-address") { DefaultValueFactory = _ => "0.0.0.0:9402" };
    private readonly Option<string[]> _cipherSuites = new("--metrics-tls-cipher-suites");
    private readonly Option<TLSVersion?> _minVersion = new("--metrics-tls-min-version");
    private readonly Option<string> _certFile = new("--metrics-tls-cert-file");
    private readonly Option<string> _keyFile = new("--metrics-tls-private-key-file");
    private readonly Option<string> _namespace = new("--metrics-dynamic-serving-ca-secret-namespace");
    private readonly Option<string> _name = new("--metrics-dynamic-serving-ca-secret-name");
    private readonly Option<string[]> _dnsNames = new("--metrics-dynamic-serving-dns-names");
    private readonly Option<TimeSpan> _leafDuration = new("--metrics-dynamic-serving-leaf-duration")
    {
        DefaultValueFactory = _ => TimeSpan.FromHours(168),
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Text.GoDuration.TryParse(text, out var value, out var error))
            {
                return value;
            }
            result.AddError(error!);
            return default;
        },
    };

    private readonly RootCommand _root;

    public SystemCommandLinePeer()
    {
        _root = new RootCommand("component")
        {
            _listen, _cipherSuites, _minVersion, _certFile, _keyFile, _namespace, _name, _dnsNames, _leafDuration,
        };
    }

    public MetricsComponentConfig Parse(string[] args)
    {
        var result = _root.Parse(args);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }
        var errors = new List<string>();
        var config = PeerFlagModel.Build(
            result.GetValue(_listen)!,
            PeerFlagModel.SplitAll(result.GetValue(_cipherSuites)),
            result.GetValue(_minVersion),
            result.GetValue(_certFile),
            result.GetValue(_keyFile),
            result.GetValue(_namespace),
            result.GetValue(_name),
            PeerFlagModel.SplitAll(result.GetValue(_dnsNames)),
            result.GetValue(_leafDuration),
            errors);
        return errors.Count == 0 ? config : throw new InvalidOperationException(string.Join("; ", errors));
    }
}

/// <summary>CommandLineParser 2.9: attributes on a POCO; lists split on ',' by the parser; repeats allowed by AllowMultiInstance.</summary>
public sealed class CommandLineParserOptions
{
    [Option("metrics-listen-address", Default = "0.0.0.0:9402")]
    public string MetricsListenAddress { get; set; } = "";

    [Option("metrics-tls-cipher-suites", Separator = ',')]
    public IEnumerable<string> CipherSuites { get; set; } = [];

    [Option("metrics-tls-min-version")]
    public TLSVersion? MinTLSVersion { get; set; }

    [Option("metrics-tls-cert-file")]
    public string? CertFile { get; set; }

    [Option("metrics-tls-private-key-file")]
    public string? KeyFile { get; set; }

    [Option("metrics-dynamic-serving-ca-secret-namespace")]
    public string? SecretNamespace { get; set; }

    [Option("metrics-dynamic-serving-ca-secret-name")]
    public string? SecretName { get; set; }

    [Option("metrics-dynamic-serving-dns-names", Separator = ',')]
    public IEnumerable<string> DnsNames { get; set; } = [];

    [Option("metrics-dynamic-serving-leaf-duration", Default = "168h")]
    public string LeafDuration { get; set; } = "";
}

/// <summary>ConsoleAppFramework 5: a source-generated parser for a lambda's parameters (kebab-cased to flag names).
/// Arrays are comma-separated; only the <c>--name value</c> form is accepted.</summary>
public static class ConsoleAppFrameworkFlags
{
    [ThreadStatic]
    private static MetricsComponentConfig? t_result;

    public static MetricsComponentConfig Parse(string[] args)
    {
        t_result = null;
        ConsoleApp.Run(args, static (
            string metricsListenAddress = "0.0.0.0:9402",
            string[]? metricsTlsCipherSuites = null,
            TLSVersion? metricsTlsMinVersion = null,
            string metricsTlsCertFile = "",
            string metricsTlsPrivateKeyFile = "",
            string metricsDynamicServingCaSecretNamespace = "",
            string metricsDynamicServingCaSecretName = "",
            string[]? metricsDynamicServingDnsNames = null,
            string metricsDynamicServingLeafDuration = "168h") =>
        {
            var errors = new List<string>();
            var config = PeerFlagModel.Build(metricsListenAddress, [.. metricsTlsCipherSuites ?? []], metricsTlsMinVersion,
                metricsTlsCertFile, metricsTlsPrivateKeyFile, metricsDynamicServingCaSecretNamespace, metricsDynamicServingCaSecretName,
                [.. metricsDynamicServingDnsNames ?? []], PeerFlagModel.ParseDuration(metricsDynamicServingLeafDuration, TimeSpan.FromHours(168), errors), errors);
            t_result = errors.Count == 0 ? config : throw new InvalidOperationException(string.Join("; ", errors));
        });
        return t_result ?? throw new InvalidOperationException("ConsoleAppFramework did not run the command (see its error output)");
    }
}
