using System.Globalization;
using System.Text;

namespace Flagwork.Benchmarks.Server;

/// <summary>
/// Scenario 3: milliseconds from process start to the first verified HTTPS scrape of /metrics. The component runs
/// dynamic TLS with the file store, either creating its CA (an empty secrets directory: the first replica of a new
/// install) or adopting the one already stored (every later start); the floor loads its fixed certificate. Runs are
/// interleaved across targets after one discarded warm-up each; the median of <c>runs</c> is reported.
/// </summary>
public static class ColdStart
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<(string Markdown, bool AllMet)> RunAsync(IReadOnlyList<(ServerTarget Component, ServerTarget Floor)> builds, int runs, string workDirectory)
    {
        var text = new StringBuilder();
        text.AppendLine("| Build | Server | TLS | Runs | Median (ms) | Min (ms) | Max (ms) | Ratio to floor | Target ≤ 1.20× |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---|");
        var allMet = true;
        foreach (var (component, floor) in builds)
        {
            var adoptDirectory = Path.Combine(workDirectory, $"adopt-{component.Build.Replace(' ', '-')}");
            var cases = new (string Label, ServerTarget Target, Func<int, string> Secrets)[]
            {
                ("fixed certificate (PEM files)", floor, i => Path.Combine(workDirectory, "unused")),
                ("dynamic: creates its CA (empty store)", component, i => Path.Combine(workDirectory, $"fresh-{component.Build.Replace(' ', '-')}-{i}")),
                ("dynamic: adopts the stored CA", component, i => adoptDirectory),
            };
            var samples = cases.Select(_ => new List<double>()).ToArray();
            // Warm-up (discarded): fills the page cache and the harness's own JIT; also stores the CA the adopt case uses.
            for (var c = 0; c < cases.Length; c++)
            {
                await MeasureAsync(cases[c].Target, cases[c].Secrets(-1));
            }
            for (var i = 0; i < runs; i++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    samples[c].Add(await MeasureAsync(cases[c].Target, cases[c].Secrets(i)));
                }
            }
            var floorMedian = Median(samples[0]);
            for (var c = 0; c < cases.Length; c++)
            {
                var median = Median(samples[c]);
                var ratio = median / floorMedian;
                var isFloor = cases[c].Target.IsFloor;
                var met = isFloor || ratio <= 1.2;
                allMet &= met;
                if (!isFloor)
                {
                    Reporting.TargetLog.Add("3. cold start", $"{component.Build}, {cases[c].Label}: within 1.2× of the floor",
                        $"{median:F0} ms vs {floorMedian:F0} ms: {Reporting.TargetLog.Ratio(ratio)}", met);
                }
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {component.Build} | {cases[c].Target.Name} | {cases[c].Label} | {runs} | {median:F0} | {samples[c].Min():F0} | {samples[c].Max():F0} | {ratio:F2} | {(isFloor ? "baseline" : met ? "met" : "**missed**")} |");
            }
            Console.WriteLine(text);
        }
        return (text.ToString(), allMet);
    }

    private static async Task<double> MeasureAsync(ServerTarget target, string secretsDirectory)
    {
        var (server, _, milliseconds, _) = await target.StartUntilScrapedAsync(secretsDirectory, Limit);
        server.Dispose();
        return milliseconds;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
