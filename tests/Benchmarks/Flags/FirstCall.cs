using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Flagwork.Benchmarks.Flags;

/// <summary>
/// A command line is parsed once per process, so besides BenchmarkDotNet's steady state this measures the first call in a
/// fresh process (JIT): each contender's benchmark method, timed with a Stopwatch around its first invocation (assembly
/// loading and JIT of the library's path included, runtime start excluded), in a new process per sample.
/// </summary>
public static class FirstCall
{
    public static IReadOnlyList<MethodInfo> Contenders { get; } = [.. typeof(FlagsBenchmarks).GetMethods()
        .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
        .OrderBy(m => m.MetadataToken)];

    /// <summary>In the child process: one call of contender <paramref name="index"/>; prints the milliseconds.</summary>
    public static int Measure(int index)
    {
        var method = Contenders[index];
        using var benchmarks = new FlagsBenchmarks();
        var stopwatch = Stopwatch.StartNew();
        method.Invoke(benchmarks, null);
        stopwatch.Stop();
        Console.WriteLine(stopwatch.Elapsed.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>In the parent: <paramref name="runs"/> fresh processes per contender, interleaved; a Markdown table of medians.</summary>
    public static string Run(int runs)
    {
        var samples = Contenders.Select(_ => new List<double>()).ToArray();
        for (var run = 0; run < runs; run++)
        {
            for (var i = 0; i < Contenders.Count; i++)
            {
                samples[i].Add(Child(i));
            }
        }
        var baseline = Server.ColdStart.Median(samples[0]);
        var text = new StringBuilder();
        text.AppendLine("| Contender | First call, median (ms) | Min (ms) | Max (ms) | Ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < Contenders.Count; i++)
        {
            var name = Contenders[i].GetCustomAttribute<BenchmarkAttribute>()!.Description;
            var median = Server.ColdStart.Median(samples[i]);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {(i == 0 ? $"**{name}** (baseline)" : name)} | {median:F1} | {samples[i].Min():F1} | {samples[i].Max():F1} | {median / baseline:F2} |");
        }
        return text.ToString();
    }

    private static double Child(int index)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(FirstCall).Assembly.Location);
        }
        info.ArgumentList.Add("firstcall");
        info.ArgumentList.Add(index.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException($"first-call child {process.Id} did not finish within 60 s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"first-call child failed ({process.ExitCode}): {error.Result}");
        }
        return double.Parse(output.Result.Trim(), CultureInfo.InvariantCulture);
    }
}
