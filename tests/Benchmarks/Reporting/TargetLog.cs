using System.Globalization;

namespace Flagwork.Benchmarks.Reporting;

/// <summary>Appends one line per target to <c>targets.tsv</c> in the results directory; run.sh turns the file into the
/// "Targets at a glance" table at the top of RESULTS.md.</summary>
public static class TargetLog
{
    public static string? Directory { get; set; }

    public static void Add(string scenario, string target, string measured, bool met)
    {
        if (Directory is null)
        {
            return;
        }
        var line = string.Join('\t', scenario, target, measured, met ? "met" : "**missed**");
        File.AppendAllText(Path.Combine(Directory, "targets.tsv"), line + "\n");
    }

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "×";
}
