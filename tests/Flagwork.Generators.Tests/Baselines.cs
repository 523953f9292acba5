using System.Text;

namespace Flagwork.Generators.Tests;

/// <summary>
/// Golden files: <c>Baselines/&lt;Scenario&gt;/&lt;HintName&gt;.txt</c>. Compared line by line with newlines normalised; a
/// mismatch names the file and its first differing line. In update mode the files are rewritten (and files the generator
/// no longer produces are deleted) instead.
/// </summary>
internal static class Baselines
{
    public const string Extension = ".txt";

    public static string ScenarioDirectory(string scenario) => Path.Combine(TestPaths.BaselinesDirectory, scenario);

    public static string PathOf(string scenario, string hintName) => Path.Combine(ScenarioDirectory(scenario), hintName + Extension);

    /// <summary>Checks (or rewrites) every generated file of a scenario, and that no baseline is left without a generated file.</summary>
    public static void Verify(string scenario, IReadOnlyDictionary<string, string> generated)
    {
        var directory = ScenarioDirectory(scenario);
        var failures = new List<string>();
        if (TestPaths.UpdateBaselines)
        {
            Directory.CreateDirectory(directory);
        }

        foreach (var (hintName, text) in generated.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var path = PathOf(scenario, hintName);
            if (TestPaths.UpdateBaselines)
            {
                var normalised = Normalise(text);
                if (!File.Exists(path) || Normalise(File.ReadAllText(path)) != normalised)
                {
                    File.WriteAllText(path, normalised, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                }
                continue;
            }
            if (!File.Exists(path))
            {
                failures.Add($"{Relative(path)} does not exist; run with -p:UpdateBaselines=true (or FLAGWORK_UPDATE_BASELINES=1) to create it.");
                continue;
            }
            if (FirstDifference(Normalise(File.ReadAllText(path)), Normalise(text)) is { } difference)
            {
                failures.Add($"{Relative(path)} differs from the generated {hintName} at {difference}");
            }
        }

        var expectedFiles = generated.Keys.Select(h => h + Extension).ToHashSet(StringComparer.Ordinal);
        var stale = Directory.Exists(directory)
            ? Directory.GetFiles(directory).Where(f => !expectedFiles.Contains(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var path in stale)
        {
            if (TestPaths.UpdateBaselines)
            {
                File.Delete(path);
            }
            else
            {
                failures.Add($"{Relative(path)} is a baseline for a file the generator no longer produces; delete it or run with -p:UpdateBaselines=true.");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>"line N" with both versions of the first line that differs, or null when the texts are equal.</summary>
    internal static string? FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var count = Math.Max(expectedLines.Length, actualLines.Length);
        for (var i = 0; i < count; i++)
        {
            var want = i < expectedLines.Length ? expectedLines[i] : null;
            var got = i < actualLines.Length ? actualLines[i] : null;
            if (want != got)
            {
                return $"line {i + 1}:{Environment.NewLine}  baseline:  {Show(want)}{Environment.NewLine}  generated: {Show(got)}";
            }
        }
        return null;
    }

    internal static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string Show(string? line) => line is null ? "(end of file)" : "`" + line + "`";

    private static string Relative(string path) => Path.GetRelativePath(Path.GetDirectoryName(TestPaths.BaselinesDirectory)!, path);
}
