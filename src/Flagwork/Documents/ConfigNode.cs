namespace Flagwork.Documents;

/// <summary>A node of a parsed config file (YAML or JSON), with its position for error messages.</summary>
public abstract class ConfigNode(string file, int line, int column)
{
    /// <summary>The file name as the user gave it.</summary>
    public string File { get; } = file;

    /// <summary>1-based line of the node's first character.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column of the node's first character.</summary>
    public int Column { get; } = column;

    public ValueSource Source => ValueSource.File(File, Line, Column);

    /// <summary>What the node is, in words for error messages: "a mapping", "a list", "a string", "a number"…</summary>
    public abstract string Describe();
}

/// <summary>A mapping (YAML mapping, JSON object). Keys are unique: the reader reports duplicates as errors.</summary>
public sealed class ConfigMapping(string file, int line, int column, IReadOnlyList<ConfigEntry> entries)
    : ConfigNode(file, line, column)
{
    public IReadOnlyList<ConfigEntry> Entries { get; } = entries;

    public override string Describe() => "a mapping";
}

/// <summary>One key and its value; <see cref="KeyLine"/>/<see cref="KeyColumn"/> locate the key itself.</summary>
public sealed record ConfigEntry(string Key, int KeyLine, int KeyColumn, ConfigNode Value);

/// <summary>A sequence (YAML list, JSON array).</summary>
public sealed class ConfigSequence(string file, int line, int column, IReadOnlyList<ConfigNode> items)
    : ConfigNode(file, line, column)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    public override string Describe() => "a list";
}

/// <summary>What a scalar resolved to: JSON's types, or YAML 1.2 core-schema resolution of a plain scalar.
/// Quoted YAML scalars are always strings.</summary>
public enum ScalarKind : byte
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A scalar with its text exactly as written (unquoted) and its resolved kind.</summary>
public sealed class ConfigScalar(string file, int line, int column, string text, ScalarKind kind)
    : ConfigNode(file, line, column)
{
    public string Text { get; } = text;

    public ScalarKind Kind { get; } = kind;

    public override string Describe() => Kind switch
    {
        ScalarKind.Number => "a number",
        ScalarKind.Boolean => "a boolean",
        ScalarKind.Null => "null",
        _ => "a string",
    };
}
