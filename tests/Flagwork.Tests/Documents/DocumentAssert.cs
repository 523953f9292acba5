using Flagwork.Documents;

namespace Flagwork.Tests.Documents;

/// <summary>Small helpers that keep the document tests reading like the specification.</summary>
internal static class DocumentAssert
{
    public static ConfigMapping ParsesYaml(string text) => Parses(text, ConfigFormat.Yaml);

    public static ConfigMapping ParsesJson(string text) => Parses(text, ConfigFormat.Json);

    public static ConfigMapping Parses(string text, ConfigFormat format, string file = "config")
    {
        var errors = new ConfigErrors();
        var document = ConfigDocumentReader.Parse(text, file, format, errors);
        Assert.True(errors.Count == 0, errors.ToString());
        Assert.NotNull(document);
        return document;
    }

    /// <summary>Parses text that must fail, and returns its errors (at least one); the document must be null.</summary>
    public static ConfigErrors Fails(string text, ConfigFormat format, string file = "config")
    {
        var errors = new ConfigErrors();
        var document = ConfigDocumentReader.Parse(text, file, format, errors);
        Assert.Null(document);
        Assert.NotEmpty(errors);
        return errors;
    }

    /// <summary>Parses text that must fail with exactly one error, and returns it.</summary>
    public static ConfigError FailsOnce(string text, ConfigFormat format, string file = "config") =>
        Assert.Single(Fails(text, format, file));

    public static ConfigNode Value(ConfigMapping mapping, string key) =>
        Assert.Single(mapping.Entries, entry => entry.Key == key).Value;

    public static ConfigScalar Scalar(ConfigMapping mapping, string key) => Assert.IsType<ConfigScalar>(Value(mapping, key));

    public static ConfigMapping Mapping(ConfigMapping mapping, string key) => Assert.IsType<ConfigMapping>(Value(mapping, key));

    public static ConfigSequence Sequence(ConfigMapping mapping, string key) => Assert.IsType<ConfigSequence>(Value(mapping, key));

    public static void At(ConfigNode node, int line, int column)
    {
        Assert.Equal((line, column), (node.Line, node.Column));
    }

    public static void KeyAt(ConfigMapping mapping, string key, int line, int column)
    {
        var entry = Assert.Single(mapping.Entries, e => e.Key == key);
        Assert.Equal((line, column), (entry.KeyLine, entry.KeyColumn));
    }

    /// <summary>A document-level error: no config path, located in the file.</summary>
    public static void IsDocumentError(ConfigError error, string file, int line, int column, string message)
    {
        Assert.Equal("", error.Path);
        Assert.Equal(ValueSource.File(file, line, column), error.Source);
        Assert.Equal(message, error.Message);
    }

    /// <summary>An error from a parser library must read as ours: no exception names, no stack, no doubled position.</summary>
    public static void IsClean(ConfigError error)
    {
        Assert.DoesNotContain("Exception", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("YamlDotNet", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePosition", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(char.IsUpper(error.Message[0]), error.Message);
        Assert.False(error.Message.EndsWith('.'), error.Message);
    }
}
