namespace Flagwork.Documents;

/// <summary>
/// What the YAML and JSON readers share while building one document: the display name, the errors, and the limits
/// that keep a hostile file from costing unbounded time or memory.
/// </summary>
internal sealed class DocumentBuilder(string file, ConfigErrors errors)
{
    /// <summary>The deepest nesting of mappings and lists accepted; the root mapping is level 1.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most values a document may hold, counting every use of a YAML alias as a copy of its node.</summary>
    public const int MaxNodes = 100_000;

    private readonly int _errorsBefore = errors.Count;

    public string File { get; } = file;

    /// <summary>Values counted so far (aliases count their whole node again).</summary>
    public int NodeCount { get; private set; }

    /// <summary>Set by a limit error: the rest of the document is not read.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Whether this document added any error; a document with errors is not returned.</summary>
    public bool HasErrors => errors.Count > _errorsBefore;

    /// <summary>Adds an error located in this document. Parser messages can quote the offending input; control
    /// characters in it are escaped so that every error stays on one line.</summary>
    public void Error(int line, int column, string message) =>
        errors.Add(new ConfigError(string.Empty, OneLine(message), ValueSource.File(File, line, column)));

    /// <summary>Counts <paramref name="count"/> more values; false (with an error, once) past <see cref="MaxNodes"/>.</summary>
    public bool Count(int count, int line, int column)
    {
        NodeCount += count;
        if (NodeCount <= MaxNodes)
        {
            return true;
        }
        Stop(line, column, $"document too large: more than {MaxNodes} values (each use of an alias counts its whole node)");
        return false;
    }

    /// <summary>False (with an error) when a node at <paramref name="depth"/> is nested too deeply.</summary>
    public bool CheckDepth(int depth, int line, int column)
    {
        if (depth <= MaxDepth)
        {
            return true;
        }
        Stop(line, column, $"nested too deeply: more than {MaxDepth} levels of mappings and lists");
        return false;
    }

    public void Stop(int line, int column, string message)
    {
        if (!Stopped)
        {
            Stopped = true;
            Error(line, column, message);
        }
    }

    /// <summary>The document is done: its root must be a mapping, and nothing may have gone wrong.</summary>
    public ConfigMapping? Finish(ConfigNode? root)
    {
        if (root is not null and not ConfigMapping && !Stopped)
        {
            Error(root.Line, root.Column, "the top level must be a mapping of keys, found " + root.Describe());
        }
        return HasErrors ? null : root as ConfigMapping;
    }

    public void Empty() => Error(0, 0, $"config file {ConfigError.Quote(File)} was empty");

    private static string OneLine(string message)
    {
        if (!message.AsSpan().ContainsAnyInRange('\0', '\x1F'))
        {
            return message;
        }
        var builder = new System.Text.StringBuilder(message.Length + 8);
        foreach (var c in message)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4")),
                _ => builder.Append(c),
            };
        }
        return builder.ToString();
    }

    /// <summary>Collects one mapping's entries, reporting a repeated key at its second occurrence and keeping the first.</summary>
    public sealed class Entries(DocumentBuilder document)
    {
        private readonly List<ConfigEntry> _entries = [];
        private readonly Dictionary<string, int> _firstLines = new(StringComparer.Ordinal);

        public void Add(string key, int line, int column, ConfigNode value)
        {
            if (!_firstLines.TryAdd(key, line))
            {
                document.Error(line, column, $"duplicate key {ConfigError.Quote(key)} (first at line {_firstLines[key]})");
                return;
            }
            _entries.Add(new ConfigEntry(key, line, column, value));
        }

        public IReadOnlyList<ConfigEntry> ToList() => _entries;
    }
}
