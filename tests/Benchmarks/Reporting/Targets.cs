using System.Globalization;
using System.Text;

namespace Flagwork.Benchmarks.Reporting;

/// <summary>The targets for the binding scenarios, checked against one run's rows.</summary>
public static class Targets
{
    /// <summary>
    /// At least as fast as the fastest peer, no more allocations than that peer, and (when <paramref name="systemCommandLine"/>
    /// names a row) at least 20× faster than it. Returns the Markdown lines and whether every target was met.
    /// </summary>
    public static (string Markdown, bool AllMet) Check(string scenario, IReadOnlyList<BenchmarkRow> rows, string? systemCommandLine)
    {
        var ours = rows.Single(r => r.IsBaseline);
        // Peers only: rows named "Flagwork …" are Flagwork's own reference rows.
        var fastest = rows.Where(r => !r.IsBaseline && !r.Name.StartsWith("Flagwork", StringComparison.Ordinal)).MinBy(r => r.MeanNanoseconds)!;
        var text = new StringBuilder();
        var allMet = true;

        var speed = ours.MeanNanoseconds <= fastest.MeanNanoseconds;
        allMet &= speed;
        TargetLog.Add(scenario, $"at least as fast as the fastest peer ({fastest.Name})",
            $"{BenchmarkTables.Time(ours.MeanNanoseconds)} vs {BenchmarkTables.Time(fastest.MeanNanoseconds)}: {TargetLog.Ratio(fastest.MeanNanoseconds / ours.MeanNanoseconds)} its speed", speed);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- At least as fast as the fastest peer ({fastest.Name}, {BenchmarkTables.Time(fastest.MeanNanoseconds)}): " +
            $"Flagwork {BenchmarkTables.Time(ours.MeanNanoseconds)}, {fastest.MeanNanoseconds / ours.MeanNanoseconds:F2}× its speed — {Verdict(speed)}");

        var memory = ours.AllocatedBytes <= fastest.AllocatedBytes;
        allMet &= memory;
        TargetLog.Add(scenario, "no more allocations than the fastest peer",
            $"{BenchmarkTables.Bytes(ours.AllocatedBytes)} vs {BenchmarkTables.Bytes(fastest.AllocatedBytes)}: {TargetLog.Ratio((double)ours.AllocatedBytes / fastest.AllocatedBytes)}", memory);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- No more allocations than the fastest peer ({BenchmarkTables.Bytes(fastest.AllocatedBytes)}): " +
            $"Flagwork {BenchmarkTables.Bytes(ours.AllocatedBytes)}, {(double)ours.AllocatedBytes / fastest.AllocatedBytes:F2}× — {Verdict(memory)}");

        if (systemCommandLine is not null)
        {
            var scl = rows.Single(r => r.Name == systemCommandLine);
            var factor = scl.MeanNanoseconds / ours.MeanNanoseconds;
            var twenty = factor >= 20;
            allMet &= twenty;
            TargetLog.Add(scenario, $"at least 20× faster than {scl.Name}", $"{factor:F1}× faster", twenty);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- At least 20× faster than {scl.Name}: {factor:F1}× — {Verdict(twenty)}");
        }
        return (text.ToString(), allMet);
    }

    public static string Verdict(bool met) => met ? "met" : "**missed**";
}
