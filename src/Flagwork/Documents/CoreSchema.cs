namespace Flagwork.Documents;

/// <summary>
/// YAML 1.2 core-schema resolution of a plain (unquoted, untagged) scalar. Only the kind is decided here; the text
/// stays as written, and the binder converts it for the target type. YAML 1.1's <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>
/// are strings under this schema.
/// </summary>
internal static class CoreSchema
{
    public static ScalarKind Resolve(string text)
    {
        if (IsNull(text))
        {
            return ScalarKind.Null;
        }
        if (IsBoolean(text))
        {
            return ScalarKind.Boolean;
        }
        return IsInteger(text) || IsFloat(text) ? ScalarKind.Number : ScalarKind.String;
    }

    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    public static bool IsBoolean(string text) => text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    /// <summary><c>[-+]?[0-9]+</c>, <c>0o[0-7]+</c> or <c>0x[0-9a-fA-F]+</c>.</summary>
    public static bool IsInteger(string text)
    {
        var s = text.AsSpan();
        if (s.Length > 2 && s[0] == '0' && s[1] == 'o')
        {
            return !s[2..].ContainsAnyExceptInRange('0', '7');
        }
        if (s.Length > 2 && s[0] == '0' && s[1] == 'x')
        {
            foreach (var c in s[2..])
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }
            }
            return true;
        }
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            s = s[1..];
        }
        return !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary><c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, <c>[-+]?\.(inf|Inf|INF)</c> or
    /// <c>\.(nan|NaN|NAN)</c>.</summary>
    public static bool IsFloat(string text)
    {
        if (text is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }
        var s = text.AsSpan();
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            s = s[1..];
        }
        if (s is ".inf" or ".Inf" or ".INF")
        {
            return true;
        }

        var wholeDigits = CountDigits(s);
        s = s[wholeDigits..];
        if (!s.IsEmpty && s[0] == '.')
        {
            s = s[1..];
            var fractionDigits = CountDigits(s);
            s = s[fractionDigits..];
            if (wholeDigits == 0 && fractionDigits == 0)
            {
                return false;
            }
        }
        else if (wholeDigits == 0)
        {
            return false;
        }

        if (!s.IsEmpty && (s[0] == 'e' || s[0] == 'E'))
        {
            s = s[1..];
            if (!s.IsEmpty && (s[0] == '-' || s[0] == '+'))
            {
                s = s[1..];
            }
            var exponentDigits = CountDigits(s);
            if (exponentDigits == 0)
            {
                return false;
            }
            s = s[exponentDigits..];
        }
        return s.IsEmpty;
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var end = s.IndexOfAnyExceptInRange('0', '9');
        return end < 0 ? s.Length : end;
    }
}
