using System.Text;

namespace Flagwork.Text;

/// <summary>
/// The value syntax of pflag's <c>StringSlice</c> flags: one line of CSV as Go's <c>encoding/csv</c> reads it with its
/// default settings. Commas separate elements, double quotes protect commas (<c>""</c> inside quotes is a literal
/// quote) and spaces are kept: <c>a, b</c> is <c>["a", " b"]</c>.
/// </summary>
public static class CsvList
{
    private const string BareQuote = "bare \" in non-quoted-field";
    private const string ExtraneousQuote = "extraneous or missing \" in quoted-field";
    private const string NewlineInValue = "newline in value";

    /// <summary>
    /// Splits a flag value into its elements. Empty text is an empty list (not one empty element); <c>a,,b</c> keeps
    /// the empty middle element. A quote inside an unquoted element, an unterminated quoted element or text after a
    /// closing quote is an error worded as Go's (<c>parse error on line 1, column 2: bare " in non-quoted-field</c>).
    /// A line break outside quotes is an error too, because a flag value is one line; inside quotes it is kept
    /// (a CR LF pair becomes LF, as in Go). Columns count characters from 1.
    /// </summary>
    public static bool TrySplit(string text, out List<string> values, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        values = [];
        return TryAppend(text, values, out error);
    }

    /// <summary>
    /// <see cref="TrySplit"/> into an existing list (pflag appends a repeated list flag's elements). On failure the
    /// list is left as it was.
    /// </summary>
    public static bool TryAppend(ReadOnlySpan<char> text, List<string> values, out string? error)
    {
        ArgumentNullException.ThrowIfNull(values);
        error = null;
        if (text.IsEmpty)
        {
            return true;
        }
        if (text.IndexOfAny('"', '\r', '\n') < 0)
        {
            // The common case, nothing quoted: split on commas (a vectorised search) with no per-character checks.
            int comma;
            while ((comma = text.IndexOf(',')) >= 0)
            {
                values.Add(text[..comma].ToString());
                text = text[(comma + 1)..];
            }
            values.Add(text.ToString());
            return true;
        }

        var countBefore = values.Count;
        var line = 1;
        var lineStart = 0; // index of the current line's first character, for columns
        var i = 0;
        StringBuilder? quoted = null;

        // Each pass reads one element; the loop ends after an element that is not followed by a comma.
        while (true)
        {
            if (i >= text.Length || text[i] != '"')
            {
                // Unquoted: up to the next comma or the end.
                var start = i;
                while (i < text.Length && text[i] != ',')
                {
                    var c = text[i];
                    if (c == '"')
                    {
                        return Fail(values, countBefore, out error, line, i - lineStart + 1, BareQuote);
                    }
                    if (c is '\n' or '\r')
                    {
                        return Fail(values, countBefore, out error, line, i - lineStart + 1, NewlineInValue);
                    }
                    i++;
                }
                values.Add(text[start..i].ToString());
            }
            else
            {
                // Quoted: up to a quote that is not doubled, which must be followed by a comma or the end.
                var recordLine = line;
                quoted ??= new StringBuilder();
                quoted.Clear();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return Fail(values, countBefore, out error, line, i - lineStart + 1, ExtraneousQuote, recordLine);
                    }
                    var c = text[i];
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            quoted.Append('"');
                            i += 2;
                            continue;
                        }
                        if (i + 1 < text.Length && text[i + 1] is '\n' or '\r')
                        {
                            return Fail(values, countBefore, out error, line, i + 1 - lineStart + 1, NewlineInValue);
                        }
                        if (i + 1 < text.Length && text[i + 1] != ',')
                        {
                            // Go points at the closing quote that was followed by something else.
                            return Fail(values, countBefore, out error, line, i - lineStart + 1, ExtraneousQuote, recordLine);
                        }
                        i++;
                        break;
                    }
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                        continue;
                    }
                    quoted.Append(c);
                    i++;
                    if (c == '\n')
                    {
                        line++;
                        lineStart = i;
                    }
                }
                values.Add(quoted.ToString());
            }

            if (i >= text.Length)
            {
                return true;
            }
            // text[i] is a comma: another element follows, possibly empty ("a," is ["a", ""]).
            i++;
        }
    }

    /// <summary>
    /// Renders a list the way pflag shows a slice's default in <c>--help</c>: <c>[a,b]</c>, with an element quoted as
    /// Go's CSV writer does when it holds a comma, a quote, a CR or LF, or starts with white space. An empty list is
    /// <c>[]</c>; so is a list of one empty string, exactly as in Go.
    /// </summary>
    public static string Format(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }
            var value = values[i] ?? string.Empty;
            if (!NeedsQuotes(value))
            {
                builder.Append(value);
                continue;
            }
            builder.Append('"');
            foreach (var c in value)
            {
                builder.Append(c == '"' ? "\"\"" : c);
            }
            builder.Append('"');
        }
        return builder.Append(']').ToString();
    }

    /// <summary>Go's <c>csv.Writer.fieldNeedsQuotes</c> for the default comma.</summary>
    private static bool NeedsQuotes(string field)
    {
        if (field.Length == 0)
        {
            return false;
        }
        if (field == "\\.")
        {
            // Go quotes this one so that a Postgres COPY reader does not take it for the end-of-data marker.
            return true;
        }
        if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            return true;
        }
        return char.IsWhiteSpace(field, 0);
    }

    private static bool Fail(List<string> values, int countBefore, out string error, int line, int column, string reason, int recordLine = 0)
    {
        values.RemoveRange(countBefore, values.Count - countBefore);
        error = recordLine > 0 && recordLine != line
            ? $"record on line {recordLine}; parse error on line {line}, column {column}: {reason}"
            : $"parse error on line {line}, column {column}: {reason}";
        return false;
    }
}
