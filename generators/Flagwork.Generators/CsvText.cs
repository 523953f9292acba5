using System.Collections.Generic;
using System.Linq;

namespace Flagwork.Generators;

/// <summary>pflag's rendering of a string-slice default: <c>[a,b]</c>, CSV-quoting elements that need it.</summary>
internal static class CsvText
{
    public static string Format(IEnumerable<string> values) =>
        "[" + string.Join(",", values.Select(Quote)) + "]";

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith(" ", System.StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
}
