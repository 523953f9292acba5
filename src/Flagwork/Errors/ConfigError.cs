namespace Flagwork;

/// <summary>
/// One user-facing configuration error: the config path, what is wrong (with what would be valid), and where the
/// offending value came from. Rendered as <c>path: message (from source)</c>, the shape of Kubernetes' field errors.
/// </summary>
public sealed record ConfigError(string Path, string Message, ValueSource Source = default)
{
    /// <summary>Kubernetes' <c>Required value</c> error.</summary>
    public static ConfigError Required(string path, string detail, ValueSource source = default) =>
        new(path, "Required value: " + detail, source);

    /// <summary>Kubernetes' <c>Invalid value</c> error; <paramref name="value"/> is quoted as given.</summary>
    public static ConfigError Invalid(string path, string? value, string detail, ValueSource source = default) =>
        new(path, value is null ? "Invalid value: " + detail : $"Invalid value: {Quote(value)}: {detail}", source);

    public override string ToString()
    {
        if (Path.Length == 0)
        {
            // Document-level errors (a malformed file, a missing file) are located by the source alone; a file-level
            // error without a position already names the file in its message.
            return Source.IsDefault || Source is { Kind: ValueSourceKind.File, Line: 0 } ? Message : $"{Source}: {Message}";
        }
        return Source.IsDefault ? $"{Path}: {Message}" : $"{Path}: {Message} (from {Source})";
    }

    /// <summary>Quotes a value the way Go's <c>%q</c> would, so control characters and quotes are visible.</summary>
    public static string Quote(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
