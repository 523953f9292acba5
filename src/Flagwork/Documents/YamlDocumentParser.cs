using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Flagwork.Documents;

/// <summary>
/// Builds a config document from YamlDotNet's parser events. The representation model is not used: it throws on a
/// duplicate key instead of reporting it with positions, and it expands aliases without limit.
/// </summary>
internal sealed class YamlDocumentParser
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly DocumentBuilder _document;
    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);

    /// <summary>Anchors whose node is still being read: an alias to one of them would make a cycle.</summary>
    private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);

    /// <summary>A node with an anchor; <see cref="Size"/> and <see cref="Height"/> let an alias be checked against the
    /// limits as if it were a copy, without copying (config nodes are immutable, so the node itself is shared).</summary>
    private sealed record Anchored(ConfigNode Node, int Size, int Height);

    private YamlDocumentParser(string text, DocumentBuilder document)
    {
        _document = document;
        _scanner = new Scanner(new StringReader(text));
        _parser = new Parser(_scanner);
    }

    public static ConfigMapping? Parse(string text, DocumentBuilder document)
    {
        var reader = new YamlDocumentParser(text, document);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException exception)
        {
            var (line, column) = Locate(exception, text);
            document.Error(line, column, CleanMessage(exception.Message));
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16.3 throws these, without a position, on some malformed input (a '>' or '|' in a flow
            // collection, an invalid %TAG prefix). The scanner's position is where it gave up.
            var (line, column) = Position(reader._scanner.CurrentPosition);
            var message = exception is ArgumentException argument
                ? CleanMessage(argument.Message.Replace($" (Parameter '{argument.ParamName}')", "", StringComparison.Ordinal))
                : "malformed YAML: the parser could not continue here";
            document.Error(line, column, message);
            return null;
        }
    }

    private ConfigMapping? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            // Nothing but white space and comments.
            _document.Empty();
            return null;
        }

        _parser.Consume<DocumentStart>();
        if (_parser.Current is Scalar { Value: "", Style: ScalarStyle.Plain } bare && bare.Tag.IsEmpty && bare.Anchor.IsEmpty)
        {
            // A document marker with nothing under it ("---").
            _document.Empty();
            return null;
        }

        var root = ReadNode(depth: 1, out _);
        if (_document.Stopped)
        {
            return null;
        }
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var next))
        {
            var (line, column) = Position(next.Start);
            _document.Error(line, column, "a config file must hold a single YAML document; another one starts here");
            return null;
        }
        return _document.Finish(root);
    }

    /// <summary>Reads the node at the current event. <paramref name="height"/> is how many levels of mappings and lists
    /// it spans (0 for a scalar). Returns null only once the document has been stopped by a limit.</summary>
    private ConfigNode? ReadNode(int depth, out int height)
    {
        height = 0;
        var current = _parser.Current ?? throw new InvalidOperationException("The YAML parser has no current event.");
        var (line, column) = Position(current.Start);
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                return ResolveAlias(alias.Value.Value, depth, line, column, out height);

            case Scalar scalar:
                _parser.MoveNext();
                if (!_document.Count(1, line, column))
                {
                    return null;
                }
                var node = new ConfigScalar(_document.File, line, column, scalar.Value, ResolveScalar(scalar, line, column));
                Remember(scalar.Anchor, node, 1, 0);
                return node;

            case SequenceStart sequence:
                return ReadSequence(sequence, depth, line, column, out height);

            case MappingStart mapping:
                return ReadMapping(mapping, depth, line, column, out height);

            default:
                throw new InvalidOperationException($"Unexpected YAML event {current.GetType().Name}.");
        }
    }

    private ConfigSequence? ReadSequence(SequenceStart start, int depth, int line, int column, out int height)
    {
        height = 1;
        if (!_document.CheckDepth(depth, line, column) || !_document.Count(1, line, column))
        {
            return null;
        }
        CheckCollectionTag(start.Tag, "seq", line, column);
        var countBefore = _document.NodeCount - 1;
        Open(start.Anchor);
        _parser.MoveNext();

        var items = new List<ConfigNode>();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadNode(depth + 1, out var itemHeight);
            if (item is null)
            {
                return null;
            }
            height = Math.Max(height, itemHeight + 1);
            items.Add(item);
        }

        var node = new ConfigSequence(_document.File, line, column, items);
        Remember(start.Anchor, node, _document.NodeCount - countBefore, height);
        return node;
    }

    private ConfigMapping? ReadMapping(MappingStart start, int depth, int line, int column, out int height)
    {
        height = 1;
        if (!_document.CheckDepth(depth, line, column) || !_document.Count(1, line, column))
        {
            return null;
        }
        CheckCollectionTag(start.Tag, "map", line, column);
        var countBefore = _document.NodeCount - 1;
        Open(start.Anchor);
        _parser.MoveNext();

        var entries = new DocumentBuilder.Entries(_document);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var isMergeKey = _parser.Current is Scalar { Value: "<<", Style: ScalarStyle.Plain } mergeKey && mergeKey.Tag.IsEmpty;
            var (keyLine, keyColumn) = Position(_parser.Current!.Start);
            var key = ReadNode(depth + 1, out _);
            if (key is null)
            {
                return null;
            }
            var value = ReadNode(depth + 1, out var valueHeight);
            if (value is null)
            {
                return null;
            }
            height = Math.Max(height, valueHeight + 1);

            if (isMergeKey)
            {
                _document.Error(keyLine, keyColumn, "merge keys (<<) are not supported; write the keys out in this mapping");
            }
            else if (key is ConfigScalar scalarKey)
            {
                entries.Add(scalarKey.Text, keyLine, keyColumn, value);
            }
            else
            {
                _document.Error(keyLine, keyColumn, "a mapping key must be a scalar (a name), found " + key.Describe());
            }
        }

        var node = new ConfigMapping(_document.File, line, column, entries.ToList());
        Remember(start.Anchor, node, _document.NodeCount - countBefore, height);
        return node;
    }

    private ConfigNode? ResolveAlias(string name, int depth, int line, int column, out int height)
    {
        height = 0;
        if (_openAnchors.Contains(name))
        {
            _document.Error(line, column, $"alias *{name} refers to a node that contains it");
            return Placeholder(line, column);
        }
        if (!_anchors.TryGetValue(name, out var anchored))
        {
            _document.Error(line, column, $"unknown alias *{name}: an anchor &{name} must come before it");
            return Placeholder(line, column);
        }
        // The alias stands for a copy of the node here: check the limits as if it were one.
        height = anchored.Height;
        if (anchored.Height > 0 && !_document.CheckDepth(depth + anchored.Height - 1, line, column))
        {
            return null;
        }
        return _document.Count(anchored.Size, line, column) ? anchored.Node : null;
    }

    /// <summary>YAML 1.2 core schema for plain scalars; quoted and block scalars are strings; a few standard tags.</summary>
    private ScalarKind ResolveScalar(Scalar scalar, int line, int column)
    {
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? CoreSchema.Resolve(scalar.Value) : ScalarKind.String;
        }

        var tag = scalar.Tag.Value;
        if (tag == "!")
        {
            // The non-specific tag: "a string, whatever it looks like".
            return ScalarKind.String;
        }

        var (kind, valid) = tag switch
        {
            CoreTagPrefix + "str" => (ScalarKind.String, true),
            CoreTagPrefix + "null" => (ScalarKind.Null, CoreSchema.IsNull(scalar.Value)),
            CoreTagPrefix + "bool" => (ScalarKind.Boolean, CoreSchema.IsBoolean(scalar.Value)),
            CoreTagPrefix + "int" => (ScalarKind.Number, CoreSchema.IsInteger(scalar.Value)),
            CoreTagPrefix + "float" => (ScalarKind.Number, CoreSchema.IsFloat(scalar.Value) || CoreSchema.IsInteger(scalar.Value)),
            _ => (ScalarKind.String, false),
        };

        if (!valid)
        {
            var message = kind == ScalarKind.String
                ? UnsupportedTag(tag)
                : $"{ConfigError.Quote(scalar.Value)} is not a valid {DisplayTag(tag)}";
            _document.Error(line, column, message);
        }
        return kind;
    }

    private void CheckCollectionTag(TagName tag, string expected, int line, int column)
    {
        if (!tag.IsEmpty && tag.Value != "!" && tag.Value != CoreTagPrefix + expected)
        {
            _document.Error(line, column, UnsupportedTag(tag.Value));
        }
    }

    private static string UnsupportedTag(string tag) =>
        $"unsupported tag {DisplayTag(tag)}: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood";

    private static string DisplayTag(string tag) =>
        tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;

    private void Open(AnchorName anchor)
    {
        if (!anchor.IsEmpty)
        {
            _openAnchors.Add(anchor.Value);
        }
    }

    /// <summary>Records a finished anchored node. A later anchor of the same name replaces it, as YAML says.</summary>
    private void Remember(AnchorName anchor, ConfigNode node, int size, int height)
    {
        if (!anchor.IsEmpty)
        {
            _openAnchors.Remove(anchor.Value);
            _anchors[anchor.Value] = new Anchored(node, size, height);
        }
    }

    private ConfigScalar Placeholder(int line, int column) => new(_document.File, line, column, string.Empty, ScalarKind.Null);

    private static (int Line, int Column) Position(Mark mark) => (ToInt(mark.Line), ToInt(mark.Column));

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);

    /// <summary>
    /// The position of a syntax error. YamlDotNet marks a tab used for indentation at the start of the enclosing
    /// mapping, which can be lines away; point at the tab itself instead.
    /// </summary>
    private static (int Line, int Column) Locate(YamlException exception, string text)
    {
        var position = Position(exception.Start);
        if (!exception.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return position;
        }
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\t' && line >= position.Line && text.AsSpan(lineStart, i - lineStart).IsWhiteSpace())
            {
                return (line, i - lineStart + 1);
            }
        }
        return position;
    }

    /// <summary>YamlDotNet's message without a position prefix (older versions add one) or a final full stop, and
    /// starting in lower case, to read well after <c>file:line:column: </c>.</summary>
    internal static string CleanMessage(string message)
    {
        var text = message.AsSpan().Trim();
        if (text.StartsWith("(Line:", StringComparison.Ordinal))
        {
            var end = text.IndexOf("): ", StringComparison.Ordinal);
            if (end >= 0)
            {
                text = text[(end + 3)..];
            }
        }
        text = text.TrimEnd('.');
        if (text.IsEmpty)
        {
            return "invalid YAML";
        }
        return char.ToLowerInvariant(text[0]) + text[1..].ToString();
    }
}
