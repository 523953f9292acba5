using System.Text.RegularExpressions;

namespace Flagwork.Metrics.Tests.Server;

/// <summary>A structural check of the Prometheus text exposition format (used when promtool is absent, and always).</summary>
internal static partial class PrometheusText
{
    [GeneratedRegex(@"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})? -?([0-9.eE+-]+|NaN|\+Inf|-Inf)( -?[0-9]+)?$")]
    private static partial Regex Sample();

    public static void AssertWellFormed(string body)
    {
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(line.StartsWith('#') ? Comment().IsMatch(line) : Sample().IsMatch(line), "not valid exposition text: " + line);
        }
    }
}
