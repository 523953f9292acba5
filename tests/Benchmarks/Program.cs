// Flagwork's benchmarks (issue 6). run.sh is the entry point; it calls:
//   Flagwork.Benchmarks binding --out DIR [--quick]     scenarios 1, 2 and 5 (BenchmarkDotNet) and the generator cache check
//   Flagwork.Benchmarks servers --out DIR [--runs N] [--seconds S]
//                                                         scenarios 3 and 4 (cold start, scrape throughput)
// Each scenario writes DIR/<n>-<name>.md; run.sh assembles them into RESULTS.md.
using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Flagwork.Benchmarks.ConfigFile;
using Flagwork.Benchmarks.Flags;
using Flagwork.Benchmarks.Generator;
using Flagwork.Benchmarks.Reporting;
using Flagwork.Benchmarks.Server;

var command = args.Length > 0 ? args[0] : "";
var outDirectory = Option("--out") ?? Path.Combine(GeneratorInputs.RepositoryRoot, "tests", "Benchmarks", "BenchmarkDotNet.Artifacts", "results");
Directory.CreateDirectory(outDirectory);
TargetLog.Directory = outDirectory;
var quick = args.Contains("--quick");

switch (command)
{
    case "binding":
        return RunBinding();
    case "servers":
        return await RunServersAsync();
    case "firstcall":
        return FirstCall.Measure(int.Parse(args[1], CultureInfo.InvariantCulture));
    default:
        Console.Error.WriteLine("usage: Flagwork.Benchmarks binding|servers --out DIR [--quick] [--runs N] [--seconds S]");
        return 2;
}

int RunBinding()
{
    var config = BenchmarkTables.Config(Path.Combine(outDirectory, "bdn"), quick);
    var exitCode = 0;

    // Scenario 1.
    if (Want("flags"))
    {
    var flagRows = BenchmarkTables.Run<FlagsBenchmarks>(config);
    var (flagTargets, _) = Targets.Check("1. flags", flagRows, "System.CommandLine (command built once)");
    var firstCall = FirstCall.Run(runs: quick ? 3 : 10);
    using (var flags = new FlagsBenchmarks())
    {
        var baseline = FlagArgv.Describe(flags.Flagwork());
        Write("1-flags.md", $"""
            ## 1. Flags: parse and validate a cert-manager-like command line

            `{string.Join(' ', FlagArgv.Args)}`

            Flagwork: `OptionsLoader.Load<MetricsComponentConfig>(args, new LoadSettings {"{"} Environment = DictionaryEnvironment.Empty {"}"})`
            (pflag parsing, CSV lists, Go durations, value sources, validation with V1–V6). Each peer parses with its library,
            then fills the same `MetricsComponentConfig` and validates it by hand with the same checks (`PeerFlagModel`).

            {BenchmarkTables.Table(flagRows)}
            **Targets**

            {flagTargets}
            **First call in a fresh process** (JIT; a CLI parses once per process): each contender's method above, timed around
            its first invocation in a new process (assembly loading and JIT included, runtime start excluded), median of
            {(quick ? 3 : 10)} processes each. Not a target; it shows what the steady state hides.

            {firstCall}
            **What each contender bound** (the same argv; a peer that differs from Flagwork is listed with its result):

            {Equivalence<Flagwork.Metrics.MetricsComponentConfig>(flags, baseline, FlagArgv.Describe)}
            ConsoleAppFramework accepts only `--name value`, so it is given the same occurrences with each `--name=value` split
            in two. System.CommandLine's "built once" row reuses one `RootCommand`; "built per parse" includes building it.
            """);
    }
    }

    // Scenario 2.
    if (Want("config"))
    {
    var configRows = BenchmarkTables.Run<ConfigFileBenchmarks>(config);
    var (configTargets, _) = Targets.Check("2. config file", configRows, systemCommandLine: null);
    var configBenchmarks = new ConfigFileBenchmarks();
    var configBaseline = ConfigFileEquivalence.Describe(configBenchmarks.Flagwork());
    Write("2-config-file.md", $"""
        ## 2. Config file: read, bind and validate a YAML file

        `tests/Benchmarks/ConfigFile/controller-config.yaml` ({new FileInfo(ConfigFileBenchmarks.ConfigFilePath).Length} bytes): the
        flagship `metricsListenAddress` and `metricsTLSConfig` values plus 30 more keys, read from disk on every operation by
        every contender. Flagwork: `OptionsLoader.Load<ControllerConfiguration>(["--config", path])` (strict binding with
        `file:line:column` in errors, validation). Peers: `PeerControllerConfiguration` (same shape, durations as strings)
        validated with DataAnnotations through `DataAnnotationValidateOptions` (what `ValidateDataAnnotations()` runs), with
        the same format checks and V1–V6.

        {BenchmarkTables.Table(configRows)}
        **Targets** (the 20× System.CommandLine target is for flags; System.CommandLine reads no config files)

        {configTargets}
        **What each contender bound** (a peer that differs from Flagwork is listed):

        {Equivalence(configBenchmarks, configBaseline, (object model) => model switch
        {
            Flagwork.Benchmarks.Models.ControllerConfiguration c => ConfigFileEquivalence.Describe(c),
            Flagwork.Benchmarks.Models.PeerControllerConfiguration p => ConfigFileEquivalence.Describe(p),
            _ => model.ToString() ?? "",
        })}
        """);
    }

    // Where Flagwork's time goes in scenarios 1 and 2 (for "What limits us").
    if (Want("breakdown"))
    {
    var breakdownRows = BenchmarkTables.Run<Flagwork.Benchmarks.Breakdown.FlagworkBreakdown>(config);
    Write("6-breakdown.md", $"""
        ## Where Flagwork's time goes (scenarios 1 and 2, step by step)

        The pieces `OptionsLoader.Load` calls, run one at a time on the same inputs (`Breakdown/FlagworkBreakdown.cs`).
        Ratios are to the whole flags load.

        {BenchmarkTables.Table(breakdownRows)}
        """);
    }

    // Scenario 5.
    if (!Want("generator"))
    {
        return exitCode;
    }
    var (cachePassed, cacheTable) = CacheCheck.Run();
    Console.WriteLine(cacheTable);
    Console.WriteLine(cachePassed ? "generator cache check: PASSED" : "generator cache check: FAILED");
    TargetLog.Add("5. generator", "an unrelated edit leaves every tracked step cached", cachePassed ? "all steps Cached/Unchanged, no output regenerated" : "a step was recomputed", cachePassed);
    if (!cachePassed)
    {
        exitCode = 3;
    }
    var generatorRows = BenchmarkTables.Run<GeneratorBenchmarks>(config);
    Write("5-generator.md", $"""
        ## 5. Generator cost

        `OptionsGenerator` through a `CSharpGeneratorDriver` on the flagship model (src/Flagwork.Metrics/Configuration) and on a
        synthetic model of 500 members (ten nested sections of every supported member kind, each with a flag and a description).
        The baseline is the flagship's first run.

        {BenchmarkTables.Table(generatorRows)}
        **Cache check** (asserted by the harness; run.sh fails if any step is recomputed into something new):

        {cacheTable}
        """);
    return exitCode;
}

async Task<int> RunServersAsync()
{
    var root = GeneratorInputs.RepositoryRoot;
    var runs = int.Parse(Option("--runs") ?? "10", CultureInfo.InvariantCulture);
    var seconds = int.Parse(Option("--seconds") ?? "5", CultureInfo.InvariantCulture);
    var work = Path.Combine(Path.GetTempPath(), "flagwork-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    Directory.CreateDirectory(work);
    try
    {
        var certificate = TestCertificate.Create(Path.Combine(work, "floor-tls"));
        var componentDll = Path.Combine(root, "samples", "Component", "bin", "Release", "net10.0", "component.dll");
        var floorDll = Path.Combine(root, "tests", "Benchmarks", "FloorApp", "bin", "Release", "net10.0", "floorapp.dll");
        var componentAot = Path.Combine(root, "samples", "Component", "bin", "aot", "component");
        var floorAot = Path.Combine(root, "tests", "Benchmarks", "FloorApp", "bin", "aot", "floorapp");
        foreach (var required in new[] { componentDll, floorDll })
        {
            if (!File.Exists(required))
            {
                Console.Error.WriteLine($"{required} is missing: run.sh builds it");
                return 2;
            }
        }
        var jit = (ServerTarget.ComponentJit(componentDll), ServerTarget.FloorJit(floorDll, certificate));
        var builds = new List<(ServerTarget, ServerTarget)> { jit };
        string aotNote;
        if (File.Exists(componentAot) && File.Exists(floorAot))
        {
            builds.Add((ServerTarget.ComponentAot(componentAot), ServerTarget.FloorAot(floorAot, certificate)));
            aotNote = "Native AOT: `samples/Component/bin/aot/component` against the floor app published with Native AOT.";
        }
        else
        {
            aotNote = File.Exists(componentAot)
                ? "Native AOT: skipped, the floor app's Native AOT build is missing (run.sh publishes it)."
                : "Native AOT: skipped, `samples/Component/bin/aot/component` was not published (FLAGWORK_BENCH_SKIP_AOT=1, or the publish failed: see run.sh's output).";
        }

        var (coldTable, _) = await ColdStart.RunAsync(builds, runs, work);
        Write("3-cold-start.md", $"""
            ## 3. Cold start: process start to the first verified HTTPS scrape

            A small harness (Stopwatch; not BenchmarkDotNet): start the process, then every 5 ms try one scrape of
            `https://localhost:PORT/metrics` on 127.0.0.1 over a new connection, verifying the chain against the trust anchor
            and the name `localhost`; the time is taken when the first scrape returns metrics. The component's anchor is its
            `ca.crt` in the file store, read as soon as it appears. Every process is killed by its PID after its run;
            every wait is bounded (60 s). Median of {runs} interleaved runs after one discarded warm-up per case.
            {aotNote}

            {coldTable}
            """);

        string throughputText;
        if (Throughput.WrkAvailable())
        {
            var (table, _) = await Throughput.RunAsync(jit.Item1, jit.Item2, seconds, work);
            throughputText = table;
        }
        else
        {
            throughputText = "Skipped: `wrk` is not installed (run.sh installs it from Debian's packages).";
        }
        Write("4-throughput.md", $"""
            ## 4. Scrape throughput over TLS

            `wrk` on 127.0.0.1 against `/metrics` of the component (JIT, dynamic TLS) and of the floor app (JIT, fixed
            certificate), both running side by side. Keep-alive: wrk's connections stay open. New TLS connection per request:
            a Lua script sets `Connection: close`, so the server closes after each response and wrk reconnects with a full
            TLS handshake (wrk keeps no TLS sessions).

            {throughputText}
            """);
        return 0;
    }
    finally
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files; the directory is in the temp folder.
        }
    }
}

void Write(string name, string markdown)
{
    File.WriteAllText(Path.Combine(outDirectory, name), markdown.TrimEnd() + Environment.NewLine);
    Console.WriteLine(markdown);
}

bool Want(string scenario) => Option("--only") is not { } only || only == scenario;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>Calls every [Benchmark] method once and lists those whose model differs from the baseline's.</summary>
static string Equivalence<TModel>(object benchmarks, string baseline, Func<TModel, string> describe)
{
    var text = new StringBuilder();
    foreach (var method in benchmarks.GetType().GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
    {
        var attribute = method.GetCustomAttribute<BenchmarkAttribute>()!;
        if (attribute.Baseline)
        {
            continue;
        }
        var described = describe((TModel)method.Invoke(benchmarks, null)!);
        if (described != baseline)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {attribute.Description}: **differs** — `{Difference(baseline, described)}`");
        }
    }
    return text.Length == 0 ? "Every peer bound exactly what Flagwork bound." + Environment.NewLine : text.ToString();
}

/// <summary>The words of <paramref name="actual"/> that differ from <paramref name="expected"/>'s, position by position.</summary>
static string Difference(string expected, string actual)
{
    var e = expected.Split(' ');
    var a = actual.Split(' ');
    var parts = new List<string>();
    for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
    {
        var x = i < e.Length ? e[i] : "";
        var y = i < a.Length ? a[i] : "";
        if (x != y)
        {
            parts.Add($"{y} (Flagwork: {x})");
        }
    }
    return string.Join("; ", parts);
}
