using System.Text;

namespace Flagwork.Documents;

/// <summary>
/// Reads a YAML or JSON config file into <see cref="ConfigNode"/>s that remember their <c>line:column</c>. Every
/// user mistake (a missing file, a malformed document, a duplicate key…) becomes a <see cref="ConfigError"/> located
/// at <c>file:line:column</c>, and the result is <see langword="null"/>; nothing is thrown for them.
/// </summary>
public static class ConfigDocumentReader
{
    /// <summary>The largest config file read. A config file is a few kilobytes; anything near this is a mistake.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    private const string ValidExtensions = ".yaml, .yml or .json";

    /// <summary>
    /// Reads the file at <paramref name="path"/>, choosing YAML or JSON by its extension (<c>.yaml</c>, <c>.yml</c>,
    /// <c>.json</c>, any case). <paramref name="path"/> as given names the file in every error and node source.
    /// </summary>
    public static ConfigMapping? ReadFile(string path, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        var name = ConfigError.Quote(path);

        if (Directory.Exists(path))
        {
            return Fail(errors, path, $"config file {name} is a directory, expected a file");
        }
        if (!File.Exists(path))
        {
            return Fail(errors, path, $"config file {name} does not exist");
        }

        var extension = Path.GetExtension(path);
        ConfigFormat format;
        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            format = ConfigFormat.Yaml;
        }
        else if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            format = ConfigFormat.Json;
        }
        else
        {
            var found = extension.Length == 0 ? "has no extension" : $"has the extension {ConfigError.Quote(extension)}";
            return Fail(errors, path, $"config file {name} {found}; it must end in {ValidExtensions}");
        }

        if (!TryReadBytes(path, name, errors, out var bytes))
        {
            return null;
        }

        var content = bytes.AsSpan();
        if (content.StartsWith(Utf8Bom))
        {
            content = content[Utf8Bom.Length..];
        }
        if (content.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(content))
        {
            return Fail(errors, path, $"config file {name} is not a UTF-8 text file");
        }

        var document = new DocumentBuilder(path, errors);
        return format == ConfigFormat.Json
            ? JsonDocumentParser.Parse(content, document)
            : YamlDocumentParser.Parse(Encoding.UTF8.GetString(content), document);
    }

    /// <summary>
    /// Parses config text. <paramref name="displayName"/> names the document in errors and node sources (usually the
    /// file name as the user gave it).
    /// </summary>
    public static ConfigMapping? Parse(string text, string displayName, ConfigFormat format, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(errors);

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var document = new DocumentBuilder(displayName, errors);
        return format switch
        {
            ConfigFormat.Json => JsonDocumentParser.Parse(Encoding.UTF8.GetBytes(text), document),
            ConfigFormat.Yaml => YamlDocumentParser.Parse(text, document),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown config format."),
        };
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the whole file, but never more than <see cref="MaxFileBytes"/> (plus one, to notice a file that
    /// grew, or a device with no length). The size is checked before anything is read.</summary>
    private static bool TryReadBytes(string path, string name, ConfigErrors errors, out ArraySegment<byte> bytes)
    {
        bytes = default;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            var length = stream.CanSeek ? stream.Length : 0;
            if (length > MaxFileBytes)
            {
                Fail(errors, path, TooLarge(name, length));
                return false;
            }

            var buffer = new byte[length + 1];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > MaxFileBytes)
                    {
                        Fail(errors, path, TooLarge(name, size: null));
                        return false;
                    }
                    Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length + 4096, MaxFileBytes + 1L));
                }
                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }
                total += read;
            }
            bytes = new ArraySegment<byte>(buffer, 0, total);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            Fail(errors, path, $"config file {name} cannot be read: permission denied");
            return false;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            // Deleted between the existence check and the read.
            Fail(errors, path, $"config file {name} does not exist");
            return false;
        }
        catch (IOException exception)
        {
            Fail(errors, path, $"config file {name} cannot be read: {exception.Message}");
            return false;
        }
    }

    /// <summary>The size is unknown (null) when a file grew while it was read, or is a device with no length.</summary>
    private static string TooLarge(string name, long? size) =>
        $"config file {name} is {(size is { } known ? known + " bytes, " : "")}larger than the limit of " +
        $"{MaxFileBytes} bytes ({MaxFileBytes / (1024 * 1024)} MiB)";

    private static ConfigMapping? Fail(ConfigErrors errors, string path, string message)
    {
        errors.Add(new ConfigError(string.Empty, message, ValueSource.File(path, 0, 0)));
        return null;
    }
}
