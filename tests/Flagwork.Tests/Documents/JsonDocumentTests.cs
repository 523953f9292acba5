using Flagwork.Documents;
using static Flagwork.Tests.Documents.DocumentAssert;

namespace Flagwork.Tests.Documents;

public class JsonDocumentTests
{
    private const string MetricsConfig = """
        {
          "metricsListenAddress": "0.0.0.0:9402",
          "metricsTLSConfig": {
            "dynamic": {
              "secretNamespace": "cert-manager",
              "dnsNames": ["a", "b"],
              "leafDuration": 86400000000000
            },
            "filesystem": {}
          }
        }
        """;

    [Fact]
    public void BuildsObjectsArraysAndScalarsWithPositions()
    {
        var root = ParsesJson(MetricsConfig);

        At(root, 1, 1);
        KeyAt(root, "metricsListenAddress", 2, 3);
        At(Scalar(root, "metricsListenAddress"), 2, 27);
        Assert.Equal("0.0.0.0:9402", Scalar(root, "metricsListenAddress").Text);

        var tls = Mapping(root, "metricsTLSConfig");
        At(tls, 3, 23);
        var dynamic = Mapping(tls, "dynamic");
        KeyAt(dynamic, "dnsNames", 6, 7);
        var dnsNames = Sequence(dynamic, "dnsNames");
        At(dnsNames, 6, 19);
        Assert.Equal(["a", "b"], dnsNames.Items.Select(i => ((ConfigScalar)i).Text));
        At(dnsNames.Items[1], 6, 25);

        var leaf = Scalar(dynamic, "leafDuration");
        Assert.Equal((ScalarKind.Number, "86400000000000"), (leaf.Kind, leaf.Text));
        Assert.Empty(Mapping(tls, "filesystem").Entries);
    }

    [Theory]
    [InlineData("\"text\"", ScalarKind.String, "text")]
    [InlineData("\"\"", ScalarKind.String, "")]
    [InlineData("\"a\\nb\\t\\\"c\\\\\"", ScalarKind.String, "a\nb\t\"c\\")]
    [InlineData("\"\\u00e9\\ud83d\\ude00\"", ScalarKind.String, "\u00E9\U0001F600")]
    [InlineData("\"true\"", ScalarKind.String, "true")]
    [InlineData("\"1\"", ScalarKind.String, "1")]
    [InlineData("0", ScalarKind.Number, "0")]
    [InlineData("-0", ScalarKind.Number, "-0")]
    [InlineData("1.50", ScalarKind.Number, "1.50")]
    [InlineData("1e10", ScalarKind.Number, "1e10")]
    [InlineData("-2.5E-3", ScalarKind.Number, "-2.5E-3")]
    [InlineData("12345678901234567890123", ScalarKind.Number, "12345678901234567890123")]
    [InlineData("true", ScalarKind.Boolean, "true")]
    [InlineData("false", ScalarKind.Boolean, "false")]
    [InlineData("null", ScalarKind.Null, "null")]
    public void ScalarsKeepTheirJsonTypeAndTextAsWritten(string json, ScalarKind kind, string text)
    {
        var value = Scalar(ParsesJson("{\"value\": " + json + "}"), "value");
        Assert.Equal((kind, text), (value.Kind, value.Text));
    }

    [Fact]
    public void ADuplicateKeyIsReportedAtTheSecondOccurrenceNamingTheFirst()
    {
        const string Json = """
            {
              "filesystem": {
                "certFile": "/a.crt",
                "keyFile": "/a.key",
                "certFile": "/b.crt"
              }
            }
            """;
        var error = FailsOnce(Json, ConfigFormat.Json, "config.json");
        IsDocumentError(error, "config.json", 5, 5, "duplicate key \"certFile\" (first at line 3)");
        Assert.Equal("config.json:5:5: duplicate key \"certFile\" (first at line 3)", error.ToString());
    }

    [Fact]
    public void DuplicateKeysAreComparedAfterUnescaping() =>
        IsDocumentError(
            FailsOnce("{\"a\": 1, \"\\u0061\": 2}", ConfigFormat.Json), "config", 1, 10,
            "duplicate key \"a\" (first at line 1)");

    [Fact]
    public void EveryDuplicateKeyIsReported() =>
        Assert.Equal(
            ["config:1:10: duplicate key \"a\" (first at line 1)", "config:2:10: duplicate key \"c\" (first at line 2)"],
            Fails("{\"a\": 1, \"a\": 2, \"b\":\n{\"c\": 1, \"c\": 2}}", ConfigFormat.Json).Select(e => e.ToString()));

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9)]
    [InlineData("{\"a\": [1, 2,]}", 1, 13)]
    [InlineData("{'a': 1}", 1, 2)]
    [InlineData("{\"a\": 'x'}", 1, 7)]
    [InlineData("{\"a\": \"unterminated}", 1, 21)]
    [InlineData("{\"a\": 1", 1, 8)]
    [InlineData("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3)]
    [InlineData("{\"a\": tru}", 1, 10)] // the reader stops at the character that ends the bad literal
    [InlineData("{\"a\": 01}", 1, 8)]
    [InlineData("{\"a\": NaN}", 1, 7)]
    [InlineData("{a: 1}", 1, 2)]
    [InlineData("{/* comment */ \"a\": 1}", 1, 2)]
    [InlineData("{\"a\": 1} // comment", 1, 10)]
    [InlineData("{} {}", 1, 4)]
    [InlineData("{\"a\": \"tab\there\"}", 1, 11)]
    public void MalformedJsonIsOneCleanErrorAtItsPosition(string json, int line, int column)
    {
        var error = FailsOnce(json, ConfigFormat.Json, "config.json");
        Assert.Equal("", error.Path);
        Assert.Equal(ValueSource.File("config.json", line, column), error.Source);
        IsClean(error);
    }

    [Fact]
    public void MalformedJsonMessagesSayWhatWasWrong()
    {
        Assert.Equal("the JSON object contains a trailing comma at the end", FailsOnce("{\"a\": 1,}", ConfigFormat.Json).Message);
        Assert.Equal("the JSON array contains a trailing comma at the end", FailsOnce("{\"a\": [1,]}", ConfigFormat.Json).Message);
        Assert.Contains("'", FailsOnce("{'a': 1}", ConfigFormat.Json).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputQuotedInAnErrorIsKeptOnOneLine()
    {
        var error = FailsOnce("{\"a\": nul\nl}", ConfigFormat.Json);
        Assert.Equal("'nul\\nl}' is an invalid JSON literal. Expected the literal 'null'", error.Message);
        IsClean(error);
    }

    [Fact]
    public void ErrorColumnsCountCharactersNotBytes()
    {
        // "é" is two bytes and "😀" four (two UTF-16 characters); the reader reports bytes (22), we report characters.
        var error = FailsOnce("{\"\u00E9\": 1, \"\U0001F600\": tru}", ConfigFormat.Json);
        Assert.Equal((1, 19), (error.Source.Line, error.Source.Column));

        var root = ParsesJson("{\"\u00E9\": 1, \"b\": 2}");
        KeyAt(root, "b", 1, 10);
        At(Scalar(root, "b"), 1, 15);
    }

    [Theory]
    [InlineData("[1, 2]", "a list")]
    [InlineData("\"text\"", "a string")]
    [InlineData("3", "a number")]
    [InlineData("false", "a boolean")]
    [InlineData("null", "null")]
    public void TheTopLevelMustBeAnObject(string json, string found) =>
        IsDocumentError(
            FailsOnce(json, ConfigFormat.Json), "config", 1, 1,
            "the top level must be a mapping of keys, found " + found);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t\n")]
    [InlineData("\uFEFF")]
    public void AnEmptyDocumentIsReportedInCertManagersWords(string json) =>
        IsDocumentError(
            FailsOnce(json, ConfigFormat.Json, "config.json"), "config.json", 0, 0,
            "config file \"config.json\" was empty");

    [Fact]
    public void AByteOrderMarkIsIgnored() => Assert.Equal("1", Scalar(ParsesJson("\uFEFF{\"a\": 1}"), "a").Text);

    [Fact]
    public void NestingIsLimitedTo64Levels()
    {
        // The root object is level 1, so 63 arrays reach level 64.
        ParsesJson("{\"a\": " + new string('[', 63) + new string(']', 63) + "}");

        IsDocumentError(
            FailsOnce("{\"a\": " + new string('[', 64) + new string(']', 64) + "}", ConfigFormat.Json), "config", 1, 70,
            "nested too deeply: more than 64 levels of mappings and lists");
    }

    [Fact]
    public void VeryDeepNestingFailsWithOurMessageNotTheReaders()
    {
        var error = FailsOnce("{\"a\": " + new string('[', 100_000), ConfigFormat.Json);
        Assert.StartsWith("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyValuesIsAnError()
    {
        var json = "{\"a\": [" + string.Join(',', Enumerable.Repeat("0", 100_000)) + "]}";
        var error = FailsOnce(json, ConfigFormat.Json);
        Assert.StartsWith("document too large: more than 100000 values", error.Message, StringComparison.Ordinal);

        ParsesJson("{\"a\": [" + string.Join(',', Enumerable.Repeat("0", 99_000)) + "]}");
    }

    [Fact]
    public void AnInvalidSurrogateEscapeIsAnError()
    {
        var error = FailsOnce("{\"a\": \"\\ud800\"}", ConfigFormat.Json);
        Assert.Equal((1, 7), (error.Source.Line, error.Source.Column));
        IsClean(error);
    }
}
