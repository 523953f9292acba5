using BenchmarkDotNet.Attributes;
using Flagwork.Benchmarks.ConfigFile;
using Flagwork.Benchmarks.Flags;
using Flagwork.Benchmarks.Models;
using Flagwork.Binding;
using Flagwork.CommandLine;
using Flagwork.Documents;
using Flagwork.Metrics;
using YamlDotNet.Core;

namespace Flagwork.Benchmarks.Breakdown;

/// <summary>
/// Where Flagwork's time and allocations go in scenarios 1 and 2, step by step through the same public pieces
/// <see cref="OptionsLoader.Load{T}"/> calls (argv reader, generated ApplyFlag/BindDocument/Validate, document reader),
/// for the "What limits us" section. Each row is cumulative only where its name says so.
/// </summary>
[MemoryDiagnoser]
public class FlagworkBreakdown
{
    private readonly string[] _args = FlagArgv.Args;
    private readonly string _path = ConfigFileBenchmarks.ConfigFilePath;
    private FlagToken[] _tokens = null!;
    private readonly FlagToken[] _tokenBuffer = new FlagToken[FlagArgv.Args.Length];
    private MetricsComponentConfig _bound = null!;
    private ValueSources _boundSources = null!;
    private ConfigMapping _document = null!;
    private ControllerConfiguration _boundFile = null!;
    private ValueSources _boundFileSources = null!;

    [GlobalSetup]
    public void Setup()
    {
        List<string>? arguments = null;
        var count = FlagArguments.Read<MetricsComponentConfig>(_args, _tokenBuffer, new ConfigErrors(), ref arguments, out _);
        _tokens = _tokenBuffer[..count];
        var loaded = OptionsLoader.Load<MetricsComponentConfig>(_args, FlagArgv.Settings);
        (_bound, _boundSources) = (loaded.Value, loaded.Sources);
        _document = ConfigDocumentReader.ReadFile(_path, new ConfigErrors())!;
        var file = OptionsLoader.Load<ControllerConfiguration>(["--config", _path], FlagArgv.Settings);
        (_boundFile, _boundFileSources) = (file.Value, file.Sources);
    }

    [Benchmark(Baseline = true, Description = "flags: OptionsLoader.Load (whole, as scenario 1)")]
    public object FlagsLoad() => OptionsLoader.Load<MetricsComponentConfig>(_args, FlagArgv.Settings);

    [Benchmark(Description = "flags: FlagArguments.Read (argv to tokens)")]
    public int FlagsRead()
    {
        List<string>? arguments = null;
        return FlagArguments.Read<MetricsComponentConfig>(_args, _tokenBuffer, new ConfigErrors(), ref arguments, out _);
    }

    [Benchmark(Description = "flags: new model + ApplyFlag for every token")]
    public object FlagsApply()
    {
        var target = new MetricsComponentConfig();
        var context = new BindingContext(new ConfigErrors(), new ValueSources(MetricsComponentConfig.ValueCount));
        foreach (var token in _tokens)
        {
            MetricsComponentConfig.ApplyFlag(target, token.FlagIndex, token.Value, ValueSource.Flag(token.Name), context);
        }
        return target;
    }

    [Benchmark(Description = "flags: environment look-ups (one per flag, none set)")]
    public int FlagsEnvironment()
    {
        var found = 0;
        var flags = MetricsComponentConfig.Flags;
        for (var i = 0; i < flags.Count; i++)
        {
            found += DictionaryEnvironment.Empty.Get(flags[i].EnvironmentVariable) is null ? 0 : 1;
        }
        return found;
    }

    [Benchmark(Description = "flags: generated Validate (V1–V6 and formats)")]
    public object FlagsValidate()
    {
        var context = new BindingContext(new ConfigErrors(), _boundSources);
        MetricsComponentConfig.Validate(_bound, context);
        return context;
    }

    [Benchmark(Description = "file: OptionsLoader.Load (whole, as scenario 2)")]
    public object FileLoad() => OptionsLoader.Load<ControllerConfiguration>(["--config", _path], FlagArgv.Settings);

    [Benchmark(Description = "file: File.ReadAllText only")]
    public object FileReadText() => File.ReadAllText(_path);

    [Benchmark(Description = "file: YamlDotNet parser events only (the shared floor)")]
    public int FileYamlEvents()
    {
        var parser = new Parser(new StringReader(File.ReadAllText(_path)));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }
        return events;
    }

    [Benchmark(Description = "file: ConfigDocumentReader.ReadFile (file to nodes)")]
    public object FileReadDocument() => ConfigDocumentReader.ReadFile(_path, new ConfigErrors())!;

    [Benchmark(Description = "file: new model + generated BindDocument")]
    public object FileBind()
    {
        var target = new ControllerConfiguration();
        var context = new BindingContext(new ConfigErrors(), new ValueSources(ControllerConfiguration.ValueCount));
        ControllerConfiguration.BindDocument(target, _document, context);
        return target;
    }

    [Benchmark(Description = "file: generated Validate")]
    public object FileValidate()
    {
        var context = new BindingContext(new ConfigErrors(), _boundFileSources);
        ControllerConfiguration.Validate(_boundFile, context);
        return context;
    }
}
