using System.Globalization;
using System.Text;

namespace Flagwork.Binding;

/// <summary>
/// Writes an effective configuration as block YAML for <c>--print-config</c>. Strings are written plain when YAML
/// would read them back as the same string, double-quoted otherwise; empty mappings and lists are <c>{}</c> and <c>[]</c>.
/// </summary>
public sealed class ConfigWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<(string Key, int Start, bool HasChildren)> _open = new();

    public const string Redacted = "<redacted>";

    public void BeginMapping(string key)
    {
        MarkParentHasChildren();
        Indent();
        _text.Append(key).Append(':');
        _open.Push((key, _text.Length, false));
        _text.Append('\n');
    }

    public void EndMapping()
    {
        var (_, start, hasChildren) = _open.Pop();
        if (!hasChildren)
        {
            _text.Insert(start, " {}");
        }
    }

    public void WriteString(string key, string value) => WriteRaw(key, Quote(value));

    public void WriteBool(string key, bool value) => WriteRaw(key, value ? "true" : "false");

    public void WriteNumber(string key, long value) => WriteRaw(key, value.ToString(CultureInfo.InvariantCulture));

    public void WriteNumber(string key, double value) => WriteRaw(key, value.ToString("R", CultureInfo.InvariantCulture));

    public void WriteRedacted(string key) => WriteRaw(key, Quote(Redacted));

    public void WriteList(string key, IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            WriteRaw(key, "[]");
            return;
        }
        MarkParentHasChildren();
        Indent();
        _text.Append(key).Append(":\n");
        foreach (var value in values)
        {
            Indent();
            _text.Append("- ").Append(Quote(value)).Append('\n');
        }
    }

    public override string ToString() => _text.ToString();

    private void WriteRaw(string key, string text)
    {
        MarkParentHasChildren();
        Indent();
        _text.Append(key).Append(": ").Append(text).Append('\n');
    }

    private void MarkParentHasChildren()
    {
        if (_open.Count > 0 && !_open.Peek().HasChildren)
        {
            var top = _open.Pop();
            _open.Push(top with { HasChildren = true });
        }
    }

    private void Indent() => _text.Append(' ', _open.Count * 2);

    /// <summary>Plain when unambiguous, else a double-quoted YAML scalar (the same escapes errors use).</summary>
    public static string Quote(string value) => IsPlainSafe(value) ? value : ConfigError.Quote(value);

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value[0] is ' ' or '-' or '?' or ':' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ',')
        {
            return false;
        }
        if (value[^1] is ' ' or ':')
        {
            return false;
        }
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '#' or ',' or '[' or ']' or '{' or '}')
            {
                return false;
            }
        }
        if (value.Contains(": ", StringComparison.Ordinal))
        {
            return false;
        }
        // Anything YAML would resolve to null, a boolean or a number must stay a string.
        if (value is "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or "yes" or "no" or "on" or "off" or "y" or "n" or "Yes" or "No" or "On" or "Off" or "YES" or "NO" or "ON" or "OFF"
            || value.Length > 1 && value[0] == '.' && (char.IsAsciiDigit(value[1]) || value[1..].ToLowerInvariant() is "inf" or "nan")
            || char.IsAsciiDigit(value[0]) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || value.StartsWith("0x", StringComparison.Ordinal) || value.StartsWith("0o", StringComparison.Ordinal)
            || value[0] == '+' )
        {
            return false;
        }
        return true;
    }
}
