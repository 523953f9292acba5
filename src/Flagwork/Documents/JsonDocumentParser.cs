using System.Text;
using System.Text.Json;

namespace Flagwork.Documents;

/// <summary>
/// Builds a config document from strict JSON (no comments, no trailing commas) with <see cref="Utf8JsonReader"/>,
/// locating every node by line and column. Columns count UTF-16 characters from 1, as the YAML reader's do.
/// </summary>
internal ref struct JsonDocumentParser
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly DocumentBuilder _document;
    private Utf8JsonReader _reader;

    // Positions are found by scanning forward from the last one: tokens arrive in order, so the whole
    // document is scanned once.
    private int _scanned;
    private int _line;
    private int _column;

    private JsonDocumentParser(ReadOnlySpan<byte> utf8, DocumentBuilder document)
    {
        _utf8 = utf8;
        _document = document;
        _reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            // Above our own limit, so that ours (with its clearer message) is the one that fires.
            MaxDepth = DocumentBuilder.MaxDepth * 2,
        });
        _line = 1;
        _column = 1;
    }

    /// <summary>Parses UTF-8 JSON without a byte order mark.</summary>
    public static ConfigMapping? Parse(ReadOnlySpan<byte> utf8, DocumentBuilder document)
    {
        if (IsBlank(utf8))
        {
            document.Empty();
            return null;
        }

        var parser = new JsonDocumentParser(utf8, document);
        try
        {
            parser._reader.Read();
            var root = parser.ReadValue(depth: 1);
            if (root is null)
            {
                return null;
            }
            // With the default options the reader rejects anything after the root value here.
            while (parser._reader.Read())
            {
            }
            return document.Finish(root);
        }
        catch (JsonException exception)
        {
            var (line, column) = parser.Locate(exception);
            document.Error(line, column, CleanMessage(exception.Message));
            return null;
        }
    }

    private ConfigNode? ReadValue(int depth)
    {
        var (line, column) = Position(_reader.TokenStartIndex);
        if (!_document.Count(1, line, column))
        {
            return null;
        }
        switch (_reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(depth, line, column);
            case JsonTokenType.StartArray:
                return ReadArray(depth, line, column);
            case JsonTokenType.String:
                return ReadString(line, column);
            case JsonTokenType.Number:
                return Scalar(line, column, Encoding.UTF8.GetString(_reader.ValueSpan), ScalarKind.Number);
            case JsonTokenType.True:
                return Scalar(line, column, "true", ScalarKind.Boolean);
            case JsonTokenType.False:
                return Scalar(line, column, "false", ScalarKind.Boolean);
            case JsonTokenType.Null:
                return Scalar(line, column, "null", ScalarKind.Null);
            default:
                throw new InvalidOperationException($"Unexpected JSON token {_reader.TokenType}.");
        }
    }

    private ConfigMapping? ReadObject(int depth, int line, int column)
    {
        if (!_document.CheckDepth(depth, line, column))
        {
            return null;
        }
        var entries = new DocumentBuilder.Entries(_document);
        while (Next() != JsonTokenType.EndObject)
        {
            // Keys count toward the size limit as they do in YAML, where a key is a node like any other.
            var (keyLine, keyColumn) = Position(_reader.TokenStartIndex);
            var key = _document.Count(1, keyLine, keyColumn) ? ReadString(keyLine, keyColumn) : null;
            if (key is null)
            {
                return null;
            }
            Next();
            var value = ReadValue(depth + 1);
            if (value is null)
            {
                return null;
            }
            entries.Add(key.Text, keyLine, keyColumn, value);
        }
        return new ConfigMapping(_document.File, line, column, entries.ToList());
    }

    private ConfigSequence? ReadArray(int depth, int line, int column)
    {
        if (!_document.CheckDepth(depth, line, column))
        {
            return null;
        }
        var items = new List<ConfigNode>();
        while (Next() != JsonTokenType.EndArray)
        {
            var item = ReadValue(depth + 1);
            if (item is null)
            {
                return null;
            }
            items.Add(item);
        }
        return new ConfigSequence(_document.File, line, column, items);
    }

    private ConfigScalar? ReadString(int line, int column)
    {
        string text;
        try
        {
            text = _reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape that is not valid UTF-16, such as a lone "\ud800".
            _document.Stop(line, column, "a string holds an escape sequence that is not valid UTF-16");
            return null;
        }
        return Scalar(line, column, text, ScalarKind.String);
    }

    private readonly ConfigScalar Scalar(int line, int column, string text, ScalarKind kind) =>
        new(_document.File, line, column, text, kind);

    private JsonTokenType Next()
    {
        _reader.Read();
        return _reader.TokenType;
    }

    /// <summary>1-based line and column of a byte offset, scanning on from the previous one.</summary>
    private (int Line, int Column) Position(long offset)
    {
        var target = (int)offset;
        if (target < _scanned)
        {
            _scanned = 0;
            _line = 1;
            _column = 1;
        }
        for (; _scanned < target; _scanned++)
        {
            var b = _utf8[_scanned];
            if (b == (byte)'\n')
            {
                _line++;
                _column = 1;
            }
            else if ((b & 0xC0) != 0x80)
            {
                // A character starts here; one of four UTF-8 bytes is a pair of UTF-16 characters.
                _column += b >= 0xF0 ? 2 : 1;
            }
        }
        return (_line, _column);
    }

    /// <summary>The position of a reader error; the reader counts lines and bytes from 0.</summary>
    private (int Line, int Column) Locate(JsonException exception)
    {
        if (exception.LineNumber is not { } lineNumber)
        {
            return (0, 0);
        }
        var line = 1;
        var offset = 0;
        while (line <= lineNumber && offset < _utf8.Length)
        {
            var next = _utf8[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }
            offset += next + 1;
            line++;
        }
        var lineEnd = Math.Min(_utf8.Length, offset + (int)(exception.BytePositionInLine ?? 0));
        _scanned = offset;
        _line = line;
        _column = 1;
        return Position(lineEnd);
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8) => utf8.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    /// <summary>The reader's message without its "LineNumber: … | BytePositionInLine: …" suffix (the position is given
    /// separately), without advice meant for the programmer ("Change the reader options") and without a final full
    /// stop, starting in lower case.</summary>
    internal static string CleanMessage(string message)
    {
        var text = message.AsSpan().Trim();
        foreach (var cut in (ReadOnlySpan<string>)[" LineNumber:", " which is not supported in this mode", ". Change the reader options"])
        {
            var at = text.IndexOf(cut, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at];
            }
        }
        text = text.TrimEnd().TrimEnd('.');
        if (text.IsEmpty)
        {
            return "invalid JSON";
        }
        return char.ToLowerInvariant(text[0]) + text[1..].ToString();
    }
}
