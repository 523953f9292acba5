using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Flagwork.Benchmarks.Reporting;

/// <summary>One row of a scenario table: a contender's mean time and allocation per operation, and its ratios to the baseline.</summary>
public sealed record BenchmarkRow(string Name, bool IsBaseline, double MeanNanoseconds, double StdDevNanoseconds, long AllocatedBytes)
{
    public double TimeRatio(BenchmarkRow baseline) => MeanNanoseconds / baseline.MeanNanoseconds;

    public double AllocationRatio(BenchmarkRow baseline) => baseline.AllocatedBytes == 0 ? double.NaN : (double)AllocatedBytes / baseline.AllocatedBytes;
}

/// <summary>Runs BenchmarkDotNet classes (in process, few iterations: the whole script stays within its time budget) and
/// turns each summary into a Markdown table with Flagwork as the baseline.</summary>
public static class BenchmarkTables
{
    public static IConfig Config(string artifactsPath, bool quick) => DefaultConfig.Instance
        .AddJob(Job.Default
            // In process: no generated project to build (the repository's warnings-as-errors would apply to it) and
            // no extra process start per benchmark; MemoryDiagnoser still counts this thread's allocations exactly.
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 10)
            .WithId(quick ? "InProcess-quick" : "InProcess-short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(artifactsPath)
        .WithOptions(ConfigOptions.DisableLogFile);

    public static IReadOnlyList<BenchmarkRow> Run<T>(IConfig config)
    {
        var summary = BenchmarkRunner.Run<T>(config);
        var rows = new List<BenchmarkRow>();
        foreach (var report in summary.Reports)
        {
            var benchmark = report.BenchmarkCase;
            var statistics = report.ResultStatistics
                ?? throw new InvalidOperationException($"{benchmark.Descriptor.DisplayInfo} produced no result; see the log above");
            rows.Add(new BenchmarkRow(
                benchmark.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                benchmark.Descriptor.Baseline,
                statistics.Mean,
                statistics.StandardDeviation,
                report.GcStats.GetBytesAllocatedPerOperation(benchmark) ?? 0));
        }
        return rows;
    }

    public static string Table(IReadOnlyList<BenchmarkRow> rows)
    {
        var baseline = rows.Single(r => r.IsBaseline);
        var text = new StringBuilder();
        text.AppendLine("| Contender | Mean | StdDev | Allocated | Time ratio | Alloc ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var name = row.IsBaseline ? $"**{row.Name}** (baseline)" : row.Name;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Time(row.MeanNanoseconds)} | {Time(row.StdDevNanoseconds)} | {Bytes(row.AllocatedBytes)} | {row.TimeRatio(baseline):F2} | {row.AllocationRatio(baseline):F2} |");
        }
        return text.ToString();
    }

    public static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e6 => (nanoseconds / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (nanoseconds / 1e3).ToString("F2", CultureInfo.InvariantCulture) + " µs",
        _ => nanoseconds.ToString("F1", CultureInfo.InvariantCulture) + " ns",
    };

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("F2", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("F2", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
