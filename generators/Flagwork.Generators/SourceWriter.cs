using System;
using System.Text;

namespace Flagwork.Generators;

/// <summary>A small indenting writer for generated source; lines are written with '\n' for deterministic output.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes a multi-line chunk, indenting each non-empty line.</summary>
    public SourceWriter Lines(string chunk)
    {
        foreach (var line in chunk.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }
        return this;
    }

    public SourceWriter Open(string line)
    {
        if (line.Length > 0)
        {
            Line(line);
        }
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>
    /// A raw string literal holding <paramref name="text"/>, with a delimiter longer than any run of quotes inside,
    /// so any text (help, schema) round-trips exactly.
    /// </summary>
    public SourceWriter RawStringAssignment(string prefix, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var quotes = new string('"', Math.Max(3, longest + 1));
        Line(prefix + quotes);
        _indent++;
        foreach (var line in text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            _text.Append(' ', _indent * 4).Append(line).Append('\n');
        }
        Line(quotes + ";");
        _indent--;
        return this;
    }

    public override string ToString() => _text.ToString();
}
