using Flagwork.Documents;
using static Flagwork.Tests.Documents.DocumentAssert;

namespace Flagwork.Tests.Documents;

public class YamlDocumentTests
{
    private const string MetricsConfig = """
        apiVersion: controller.config.cert-manager.io/v1alpha1
        kind: ControllerConfiguration
        metricsListenAddress: "0.0.0.0:9402"
        metricsTLSConfig:
          dynamic:
            secretNamespace: cert-manager
            dnsNames:
            - cert-manager-metrics
            - cert-manager-metrics.cert-manager.svc
            leafDuration: 24h
        """;

    [Fact]
    public void BuildsMappingsListsAndScalarsWithPositions()
    {
        var root = ParsesYaml(MetricsConfig);

        At(root, 1, 1);
        Assert.Equal(
            ["apiVersion", "kind", "metricsListenAddress", "metricsTLSConfig"],
            root.Entries.Select(e => e.Key));
        Assert.Equal("0.0.0.0:9402", Scalar(root, "metricsListenAddress").Text);
        At(Scalar(root, "metricsListenAddress"), 3, 23);
        KeyAt(root, "metricsTLSConfig", 4, 1);

        var dynamic = Mapping(Mapping(root, "metricsTLSConfig"), "dynamic");
        At(dynamic, 6, 5);
        KeyAt(dynamic, "secretNamespace", 6, 5);
        At(Scalar(dynamic, "secretNamespace"), 6, 22);
        var dnsNames = Sequence(dynamic, "dnsNames");
        At(dnsNames, 8, 5);
        Assert.Equal(
            ["cert-manager-metrics", "cert-manager-metrics.cert-manager.svc"],
            dnsNames.Items.Select(i => Assert.IsType<ConfigScalar>(i).Text));
        At(dnsNames.Items[1], 9, 7);
        Assert.Equal("24h", Scalar(dynamic, "leafDuration").Text);
        Assert.Equal(ScalarKind.String, Scalar(dynamic, "leafDuration").Kind);
    }

    [Fact]
    public void EveryNodeNamesTheDisplayNameAsItsFile()
    {
        var errors = new ConfigErrors();
        var root = ConfigDocumentReader.Parse("a:\n  b: [1]\n", "conf/../config.yaml", ConfigFormat.Yaml, errors);
        Assert.NotNull(root);
        var b = Mapping(root, "a");
        Assert.Equal("conf/../config.yaml", b.File);
        Assert.Equal("conf/../config.yaml:2:7", Sequence(b, "b").Items[0].Source.ToString());
    }

    [Theory]
    // YAML 1.2 core schema: null.
    [InlineData("null", ScalarKind.Null)]
    [InlineData("Null", ScalarKind.Null)]
    [InlineData("NULL", ScalarKind.Null)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("", ScalarKind.Null)]
    // Booleans (YAML 1.1's yes/no/on/off are strings in 1.2).
    [InlineData("true", ScalarKind.Boolean)]
    [InlineData("True", ScalarKind.Boolean)]
    [InlineData("TRUE", ScalarKind.Boolean)]
    [InlineData("false", ScalarKind.Boolean)]
    [InlineData("False", ScalarKind.Boolean)]
    [InlineData("FALSE", ScalarKind.Boolean)]
    [InlineData("tRUE", ScalarKind.String)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData("no", ScalarKind.String)]
    [InlineData("on", ScalarKind.String)]
    [InlineData("off", ScalarKind.String)]
    [InlineData("y", ScalarKind.String)]
    // Integers.
    [InlineData("0", ScalarKind.Number)]
    [InlineData("42", ScalarKind.Number)]
    [InlineData("-1", ScalarKind.Number)]
    [InlineData("+12", ScalarKind.Number)]
    [InlineData("007", ScalarKind.Number)]
    [InlineData("0o17", ScalarKind.Number)]
    [InlineData("0x1F", ScalarKind.Number)]
    [InlineData("0xff", ScalarKind.Number)]
    [InlineData("86400000000000", ScalarKind.Number)]
    [InlineData("0o8", ScalarKind.String)]
    [InlineData("0o", ScalarKind.String)]
    [InlineData("0x", ScalarKind.String)]
    [InlineData("0xG", ScalarKind.String)]
    [InlineData("-0x1", ScalarKind.String)]
    [InlineData("0b101", ScalarKind.String)]
    [InlineData("1_000", ScalarKind.String)]
    // Floats.
    [InlineData("1.5", ScalarKind.Number)]
    [InlineData("-.5", ScalarKind.Number)]
    [InlineData(".5", ScalarKind.Number)]
    [InlineData("1.", ScalarKind.Number)]
    [InlineData("+1.", ScalarKind.Number)]
    [InlineData("1e3", ScalarKind.Number)]
    [InlineData("1.5E-3", ScalarKind.Number)]
    [InlineData(".5e+10", ScalarKind.Number)]
    [InlineData(".inf", ScalarKind.Number)]
    [InlineData("-.Inf", ScalarKind.Number)]
    [InlineData("+.INF", ScalarKind.Number)]
    [InlineData(".nan", ScalarKind.Number)]
    [InlineData(".NaN", ScalarKind.Number)]
    [InlineData(".NAN", ScalarKind.Number)]
    [InlineData("-.nan", ScalarKind.String)]
    [InlineData(".", ScalarKind.String)]
    [InlineData("+", ScalarKind.String)]
    [InlineData("--", ScalarKind.String)]
    [InlineData("1e", ScalarKind.String)]
    [InlineData("e3", ScalarKind.String)]
    [InlineData(".e3", ScalarKind.String)]
    [InlineData("1.2.3", ScalarKind.String)]
    [InlineData("inf", ScalarKind.String)]
    [InlineData("nan", ScalarKind.String)]
    // Everything else.
    [InlineData("168h", ScalarKind.String)]
    [InlineData("12:30", ScalarKind.String)]
    [InlineData("0.0.0.0:9402", ScalarKind.String)]
    [InlineData("~x", ScalarKind.String)]
    [InlineData("nullable", ScalarKind.String)]
    public void ResolvesPlainScalarsWithTheCoreSchema(string text, ScalarKind kind)
    {
        var value = Scalar(ParsesYaml("value: " + text + "\n"), "value");
        Assert.Equal(kind, value.Kind);
        Assert.Equal(text, value.Text);
    }

    [Theory]
    [InlineData("'true'", "true")]
    [InlineData("\"1\"", "1")]
    [InlineData("\"null\"", "null")]
    [InlineData("''", "")]
    [InlineData("\"a\\tb\"", "a\tb")]
    [InlineData("'it''s'", "it's")]
    [InlineData("|\n  1\n", "1\n")]
    [InlineData(">-\n  true\n", "true")]
    [InlineData("!!str 1", "1")]
    [InlineData("!!str true", "true")]
    [InlineData("! 12", "12")]
    public void QuotedBlockAndStringTaggedScalarsAreStrings(string yaml, string text)
    {
        var value = Scalar(ParsesYaml("value: " + yaml + "\n"), "value");
        Assert.Equal(ScalarKind.String, value.Kind);
        Assert.Equal(text, value.Text);
    }

    [Theory]
    [InlineData("!!int 3", ScalarKind.Number)]
    [InlineData("!!int 0x1f", ScalarKind.Number)]
    [InlineData("!!float 1", ScalarKind.Number)]
    [InlineData("!!float .inf", ScalarKind.Number)]
    [InlineData("!!bool false", ScalarKind.Boolean)]
    [InlineData("!!null ~", ScalarKind.Null)]
    [InlineData("!!null ''", ScalarKind.Null)]
    public void StandardTagsAreCheckedAgainstTheText(string yaml, ScalarKind kind) =>
        Assert.Equal(kind, Scalar(ParsesYaml("value: " + yaml + "\n"), "value").Kind);

    [Theory]
    [InlineData("value: !!int x\n", 1, 8, "\"x\" is not a valid !!int")]
    [InlineData("value: !!bool yes\n", 1, 8, "\"yes\" is not a valid !!bool")]
    [InlineData("value: !!float abc\n", 1, 8, "\"abc\" is not a valid !!float")]
    [InlineData("value: !!null x\n", 1, 8, "\"x\" is not a valid !!null")]
    [InlineData("value: !foo x\n", 1, 8, "unsupported tag !foo: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood")]
    [InlineData("value: !!binary aGk=\n", 1, 8, "unsupported tag !!binary: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood")]
    [InlineData("value: !!timestamp 2001-12-14\n", 1, 8, "unsupported tag !!timestamp: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood")]
    [InlineData("value: !!set {a}\n", 1, 8, "unsupported tag !!set: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood")]
    [InlineData("value: !!seq {a: 1}\n", 1, 8, "unsupported tag !!seq: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood")]
    [InlineData("value: !!map [1]\n", 1, 8, "unsupported tag !!map: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood")]
    [InlineData("!custom\nvalue: 1\n", 1, 1, "unsupported tag !custom: only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are understood")]
    public void RejectsUnknownOrMismatchedTags(string yaml, int line, int column, string message) =>
        IsDocumentError(FailsOnce(yaml, ConfigFormat.Yaml), "config", line, column, message);

    [Fact]
    public void CollectionTagsMatchingTheirNodeAreAccepted()
    {
        var root = ParsesYaml("a: !!map {b: 1}\nc: !!seq [1]\nd: ! {e: f}\n");
        Assert.Single(Mapping(root, "a").Entries);
        Assert.Single(Sequence(root, "c").Items);
        Assert.Single(Mapping(root, "d").Entries);
    }

    [Fact]
    public void ADuplicateKeyIsReportedAtTheSecondOccurrenceNamingTheFirst()
    {
        const string Yaml = """
            metricsTLSConfig:
              filesystem:
                certFile: /a.crt
                keyFile: /a.key
                certFile: /b.crt
            """;
        var error = FailsOnce(Yaml, ConfigFormat.Yaml, "config.yaml");
        IsDocumentError(error, "config.yaml", 5, 5, "duplicate key \"certFile\" (first at line 3)");
        Assert.Equal("config.yaml:5:5: duplicate key \"certFile\" (first at line 3)", error.ToString());
    }

    [Fact]
    public void EveryDuplicateKeyIsReported()
    {
        var errors = Fails("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\nb: 4\n", ConfigFormat.Yaml);
        Assert.Equal(
            [
                "config:3:1: duplicate key \"a\" (first at line 1)",
                "config:6:3: duplicate key \"d\" (first at line 5)",
                "config:7:1: duplicate key \"b\" (first at line 2)",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void KeysAreCaseSensitiveAndQuotingDoesNotMakeThemDifferent()
    {
        Assert.Equal(2, ParsesYaml("certFile: a\ncertfile: b\n").Entries.Count);
        IsDocumentError(
            FailsOnce("certFile: a\n'certFile': b\n", ConfigFormat.Yaml), "config", 2, 1,
            "duplicate key \"certFile\" (first at line 1)");
    }

    [Fact]
    public void AnAliasStandsForItsAnchoredNode()
    {
        var root = ParsesYaml("names: &names [a, b]\ncopy: *names\nname: &n x\nsame: *n\n");
        var copy = Sequence(root, "copy");
        Assert.Equal(["a", "b"], copy.Items.Select(i => ((ConfigScalar)i).Text));
        At(copy, 1, 8); // the anchored node, where the values really are
        Assert.Equal("x", Scalar(root, "same").Text);
    }

    [Fact]
    public void ALaterAnchorOfTheSameNameReplacesTheEarlierOne()
    {
        var root = ParsesYaml("a: &x 1\nb: &x 2\nc: *x\n");
        Assert.Equal("2", Scalar(root, "c").Text);
    }

    [Fact]
    public void MergeKeysAreRejectedClearly()
    {
        const string Yaml = """
            base: &base
              secretNamespace: cert-manager
            dynamic:
              <<: *base
              secretName: ca
            """;
        IsDocumentError(
            FailsOnce(Yaml, ConfigFormat.Yaml), "config", 4, 3,
            "merge keys (<<) are not supported; write the keys out in this mapping");
        // A quoted "<<" is an ordinary key.
        Assert.Equal("1", Scalar(ParsesYaml("'<<': 1\n"), "<<").Text);
    }

    [Fact]
    public void AnUnknownAliasIsAnError() =>
        IsDocumentError(FailsOnce("a: *nope\n", ConfigFormat.Yaml), "config", 1, 4, "unknown alias *nope: an anchor &nope must come before it");

    [Fact]
    public void AnAliasInsideItsOwnAnchoredNodeIsAnError() =>
        IsDocumentError(FailsOnce("a: &x [1, *x]\n", ConfigFormat.Yaml), "config", 1, 11, "alias *x refers to a node that contains it");

    [Fact]
    public void AliasExpansionIsCappedSoABillionLaughsCannotExhaustAnything()
    {
        var yaml = new System.Text.StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append($"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n");
        }

        var error = FailsOnce(yaml.ToString(), ConfigFormat.Yaml);
        Assert.Equal("", error.Path);
        Assert.StartsWith("document too large: more than 100000 values", error.Message, StringComparison.Ordinal);
        // Each level is ten times the one before: level e (line 5) would stand for 111111 values.
        Assert.Equal(5, error.Source.Line);
    }

    [Fact]
    public void ModestAliasUseIsFine()
    {
        var root = ParsesYaml("a: &a [x, y]\nb: [*a, *a, *a]\n");
        Assert.All(Sequence(root, "b").Items, item => Assert.Equal(2, Assert.IsType<ConfigSequence>(item).Items.Count));
    }

    [Fact]
    public void MoreThanOneDocumentIsAnError() =>
        IsDocumentError(
            FailsOnce("a: 1\n---\nb: 2\n", ConfigFormat.Yaml), "config", 2, 1,
            "a config file must hold a single YAML document; another one starts here");

    [Theory]
    [InlineData("---\na: 1\n")]
    [InlineData("a: 1\n...\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("# leading comment\na: 1 # trailing comment\n")]
    [InlineData("\uFEFFa: 1\n")]
    [InlineData("{a: 1}")]
    [InlineData("a: 1\r\nb: 2\r\n")]
    public void OneDocumentInAnyLayoutIsFine(string yaml) =>
        Assert.Equal("1", Scalar(ParsesYaml(yaml), "a").Text);

    [Fact]
    public void ANonScalarKeyIsAnError()
    {
        IsDocumentError(
            FailsOnce("? [a, b]\n: value\n", ConfigFormat.Yaml), "config", 1, 3,
            "a mapping key must be a scalar (a name), found a list");
        IsDocumentError(
            FailsOnce("{a: 1}: value\n", ConfigFormat.Yaml), "config", 1, 1,
            "a mapping key must be a scalar (a name), found a mapping");
    }

    [Theory]
    [InlineData("- a\n- b\n", 1, 1, "a list")]
    [InlineData("[a, b]", 1, 1, "a list")]
    [InlineData("hello\n", 1, 1, "a string")]
    [InlineData("42\n", 1, 1, "a number")]
    [InlineData("true\n", 1, 1, "a boolean")]
    [InlineData("null\n", 1, 1, "null")]
    [InlineData("\n\n  'quoted'\n", 3, 3, "a string")]
    public void TheTopLevelMustBeAMapping(string yaml, int line, int column, string found) =>
        IsDocumentError(
            FailsOnce(yaml, ConfigFormat.Yaml), "config", line, column,
            "the top level must be a mapping of keys, found " + found);

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t\n")]
    [InlineData("# only a comment\n# and another\n")]
    [InlineData("---\n")]
    [InlineData("\uFEFF")]
    public void AnEmptyDocumentIsReportedInCertManagersWords(string yaml)
    {
        var error = FailsOnce(yaml, ConfigFormat.Yaml, "config.yaml");
        IsDocumentError(error, "config.yaml", 0, 0, "config file \"config.yaml\" was empty");
        Assert.Equal("config file \"config.yaml\" was empty", error.ToString()); // the message names the file once
    }

    [Theory]
    [InlineData("a: [1, 2", 2, 1, "while parsing a flow sequence, did not find expected ',' or ']'")]
    [InlineData("key: value: other\n", 1, 11, "while scanning a plain scalar value, found invalid mapping")]
    [InlineData("a: 1\n  b: 2\n", 2, 4, "while scanning a plain scalar value, found invalid mapping")]
    [InlineData("a: 'unterminated\n", 1, 4, "while scanning a quoted scalar, found unexpected end of stream")]
    [InlineData("a: @x\n", 1, 4, "while scanning for the next token, found character that cannot start any token")]
    [InlineData("- a\nb: 1\n", 2, 1, "while parsing a block collection, did not find expected '-' indicator")]
    public void MalformedYamlIsOneCleanErrorAtItsPosition(string yaml, int line, int column, string message)
    {
        var error = FailsOnce(yaml, ConfigFormat.Yaml, "config.yaml");
        IsDocumentError(error, "config.yaml", line, column, message);
        IsClean(error);
    }

    [Theory]
    // YamlDotNet throws InvalidOperationException or ArgumentException (without a position) for these.
    [InlineData("a: [\n>", 2, 1, "malformed YAML: the parser could not continue here")]
    [InlineData("- {&x a\n- *x", 2, 1, "malformed YAML: the parser could not continue here")]
    [InlineData("%TAG ! tagx,2000:\n---\na: !y 1\n", 3, 6, "global tags must be valid URIs")]
    public void InputThatTripsUpTheYamlLibraryIsStillOneLocatedError(string yaml, int line, int column, string message)
    {
        var error = FailsOnce(yaml, ConfigFormat.Yaml);
        IsDocumentError(error, "config", line, column, message);
        IsClean(error);
    }

    [Theory]
    [InlineData("a:\n\tb: 1\n", 2, 1)]
    [InlineData("a: 1\nb:\n\tc: 1\n", 3, 1)]
    [InlineData("a:\n  b: 1\n  \tc: 1\n", 3, 3)]
    public void TabIndentationIsReportedAtTheTab(string yaml, int line, int column)
    {
        var error = FailsOnce(yaml, ConfigFormat.Yaml);
        Assert.Equal((line, column), (error.Source.Line, error.Source.Column));
        Assert.Contains("tab", error.Message, StringComparison.Ordinal);
        IsClean(error);
    }

    [Fact]
    public void NestingIsLimitedTo64Levels()
    {
        // The root mapping is level 1, so 63 brackets reach level 64.
        var deepest = "a: " + new string('[', 63) + new string(']', 63) + "\n";
        ParsesYaml(deepest);

        var tooDeep = "a: " + new string('[', 64) + new string(']', 64) + "\n";
        IsDocumentError(
            FailsOnce(tooDeep, ConfigFormat.Yaml), "config", 1, 67,
            "nested too deeply: more than 64 levels of mappings and lists");
    }

    [Fact]
    public void VeryDeepNestingFailsCleanlyInsteadOfOverflowingTheStack()
    {
        var error = FailsOnce("a: " + new string('[', 100_000), ConfigFormat.Yaml);
        Assert.StartsWith("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasCountsTowardTheDepthOfWhereItIsUsed()
    {
        var anchored = "deep: &d " + new string('[', 40) + new string(']', 40) + "\n";
        var use = "use: " + new string('[', 30) + "*d" + new string(']', 30) + "\n";
        var error = FailsOnce(anchored + use, ConfigFormat.Yaml);
        Assert.Equal(2, error.Source.Line);
        Assert.StartsWith("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnsCountCharacters()
    {
        var root = ParsesYaml("\u00E4\u00F6: \u00FC\nb: \"\u00E9\" \n");
        KeyAt(root, "\u00E4\u00F6", 1, 1);
        At(Scalar(root, "\u00E4\u00F6"), 1, 5);
        At(Scalar(root, "b"), 2, 4);
    }
}
