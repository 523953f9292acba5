using System.Globalization;
using Flagwork.Text;

namespace Flagwork.Binding;

/// <summary>
/// Parses the text of a flag, an environment variable or an <c>IConfiguration</c> value, the way pflag would:
/// Go's <c>strconv</c> for bools and numbers, Go durations, CSV lists. On failure the error says what would be valid.
/// </summary>
public static class TextValues
{
    public static bool TryParseBool(ReadOnlySpan<char> text, out bool value, out string? error)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true; error = null; return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                value = false; error = null; return true;
            default:
                value = false; error = "must be a boolean: true or false"; return false;
        }
    }

    public static bool TryParseInt32(ReadOnlySpan<char> text, out int value, out string? error)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }
        error = $"must be a whole number between {int.MinValue} and {int.MaxValue}";
        return false;
    }

    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value, out string? error)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }
        error = $"must be a whole number between {long.MinValue} and {long.MaxValue}";
        return false;
    }

    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value, out string? error)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            error = null;
            return true;
        }
        error = "must be a number, e.g. 0.5 or 10";
        return false;
    }

    public static bool TryParseDuration(ReadOnlySpan<char> text, out TimeSpan value, out string? error)
    {
        if (GoDuration.TryParse(text, out value, out var detail))
        {
            error = null;
            return true;
        }
        error = detail + "; a duration is a number with a unit (ns, us, ms, s, m, h), e.g. 168h, 1h30m or 90s";
        return false;
    }

    /// <summary>
    /// Splits a CSV list into <paramref name="values"/>, after what is there (a repeated list flag appends). A single
    /// element that is all of the text is the text's own string. On failure the list is left as it was.
    /// </summary>
    public static bool TryAppendList(FlagText text, List<string> values, out string? error)
    {
        var span = text.Span;
        if (span.Length > 0 && span.IndexOfAny(",\"\r\n") < 0)
        {
            values.Add(text.ToString());
            error = null;
            return true;
        }
        if (CsvList.TryAppend(span, values, out var detail))
        {
            error = null;
            return true;
        }
        error = detail + "; a list is comma-separated, with double quotes around values that contain a comma";
        return false;
    }

    /// <summary>The error for an enum value that is not one of <paramref name="names"/>.</summary>
    public static string EnumError(IReadOnlyList<string> names) =>
        "supported values: " + string.Join(", ", names.Select(n => "\"" + n + "\""));
}
