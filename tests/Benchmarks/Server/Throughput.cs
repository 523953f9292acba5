using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flagwork.Benchmarks.Server;

/// <summary>
/// Scenario 4: requests per second for /metrics over TLS, driven by wrk on 127.0.0.1: with keep-alive, and with a new
/// TLS connection per request (a Lua script sends <c>Connection: close</c>; wrk then reconnects, a full handshake each
/// time, since it keeps no TLS sessions). Both servers run side by side; each pattern is measured in alternating
/// blocks of component, floor, floor, component (so drift and bursts of other load fall on both), every run bounded by
/// wrk's own duration.
/// </summary>
public static partial class Throughput
{
    public const int Connections = 16;

    /// <summary>Blocks of four runs (component, floor, floor, component) per pattern.</summary>
    public const int Blocks = 3;

    public static async Task<(string Markdown, bool AllMet)> RunAsync(ServerTarget component, ServerTarget floor, int seconds, string workDirectory)
    {
        var luaScript = Path.Combine(workDirectory, "connection-close.lua");
        await File.WriteAllTextAsync(luaScript, "wrk.headers[\"Connection\"] = \"close\"\n");
        var (componentServer, componentPort, _, componentBody) = await component.StartUntilScrapedAsync(Path.Combine(workDirectory, "throughput-secrets"), TimeSpan.FromSeconds(60));
        using var componentProcess = componentServer;
        var (floorServer, floorPort, _, floorBody) = await floor.StartUntilScrapedAsync(workDirectory, TimeSpan.FromSeconds(60));
        using var floorProcess = floorServer;

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Response body: component {componentBody.Length} bytes, floor {floorBody.Length} bytes (same series and help texts). " +
            $"wrk: 1 thread, {Connections} connections, {seconds} s per run, {2 * Blocks} runs per server and pattern, alternating.");
        text.AppendLine();
        text.AppendLine("| Pattern | Server | Requests/s per run | Mean requests/s | Errors | Ratio to floor | Target ≥ 0.95× |");
        text.AppendLine("|---|---|---:|---:|---|---:|---|");
        var allMet = true;
        foreach (var (pattern, script) in new[] { ("keep-alive", (string?)null), ("new TLS connection per request", luaScript) })
        {
            // Warm-up, discarded: JIT and tiering of the request path in both servers.
            await RunWrkAsync(componentPort, script, 2);
            await RunWrkAsync(floorPort, script, 2);
            // Alternating blocks (component, floor, floor, component), so a burst of other load on the machine falls on
            // both servers alike.
            var componentRuns = new List<(double Rate, string Errors)>();
            var floorRuns = new List<(double Rate, string Errors)>();
            for (var block = 0; block < Blocks; block++)
            {
                componentRuns.Add(await RunWrkAsync(componentPort, script, seconds));
                floorRuns.Add(await RunWrkAsync(floorPort, script, seconds));
                floorRuns.Add(await RunWrkAsync(floorPort, script, seconds));
                componentRuns.Add(await RunWrkAsync(componentPort, script, seconds));
            }
            var componentMean = componentRuns.Average(r => r.Rate);
            var floorMean = floorRuns.Average(r => r.Rate);
            var ratio = componentMean / floorMean;
            var met = ratio >= 0.95;
            allMet &= met;
            Reporting.TargetLog.Add("4. throughput", $"{pattern}: at least 0.95× the floor",
                $"{componentMean:F0} vs {floorMean:F0} requests/s: {Reporting.TargetLog.Ratio(ratio)}", met);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {pattern} | component ({component.Build}, dynamic TLS) | {Runs(componentRuns)} | {componentMean:F0} | {Errors(componentRuns)} | {ratio:F2} | {(met ? "met" : "**missed**")} |");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {pattern} | floor ({floor.Build}, fixed certificate) | {Runs(floorRuns)} | {floorMean:F0} | {Errors(floorRuns)} | 1.00 | baseline |");
            Console.WriteLine(text);
        }
        return (text.ToString(), allMet);
    }

    private static string Runs(List<(double Rate, string Errors)> runs) =>
        string.Join(", ", runs.Select(r => r.Rate.ToString("F0", CultureInfo.InvariantCulture)));

    private static string Errors(List<(double Rate, string Errors)> runs) =>
        runs.All(r => r.Errors == "none") ? "none" : string.Join("; ", runs.Select(r => r.Errors));

    public static bool WrkAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", "-v") { RedirectStandardOutput = true, RedirectStandardError = true });
            process!.WaitForExit(5000);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(double RequestsPerSecond, string Errors)> RunWrkAsync(int port, string? script, int seconds)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t1", "-c" + Connections, $"-d{seconds}s", "--timeout", "5s" })
        {
            info.ArgumentList.Add(argument);
        }
        if (script is not null)
        {
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }
        info.ArgumentList.Add($"https://127.0.0.1:{port}/metrics");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"wrk (pid {process.Id}) did not finish within {seconds + 30} s");
        }
        var text = await output + await error;
        var rate = RequestsPerSecond().Match(text);
        if (!rate.Success)
        {
            throw new InvalidOperationException("wrk printed no Requests/sec line:" + Environment.NewLine + text);
        }
        var errors = new List<string>();
        if (SocketErrors().Match(text) is { Success: true } socket)
        {
            errors.Add("socket errors: " + socket.Groups[1].Value.Trim());
        }
        if (Non2xx().Match(text) is { Success: true } non2xx)
        {
            errors.Add("non-2xx: " + non2xx.Groups[1].Value);
        }
        return (double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), errors.Count == 0 ? "none" : string.Join(", ", errors));
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Socket errors:(.*)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
