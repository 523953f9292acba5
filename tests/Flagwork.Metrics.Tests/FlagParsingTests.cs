using Flagwork.CommandLine;

namespace Flagwork.Metrics.Tests;

/// <summary>pflag's command-line semantics, one behaviour per test.</summary>
public class FlagParsingTests
{
    private static LoadResult<KitchenSinkOptions> Load(params string[] args) => TestLoad.Load<KitchenSinkOptions>(args);

    private static KitchenSinkOptions Valid(params string[] args)
    {
        var result = Load(args);
        Assert.Empty(result.Errors);
        return result.Value;
    }

    [Fact]
    public void EqualsAndSpaceFormsBothTakeAValue()
    {
        Assert.Equal("a", Valid("--name=a").Name);
        Assert.Equal("b", Valid("--name", "b").Name);
    }

    [Fact]
    public void AValueMayStartWithADash() => Assert.Equal("-x", Valid("--name", "-x").Name);

    [Fact]
    public void AnEmptyValueIsAValue() => Assert.Equal("", Valid("--name=").Name);

    [Fact]
    public void BoolFlagAloneMeansTrueAndTakesAValueOnlyAfterEquals()
    {
        Assert.True(Valid("--verbose").Verbose);
        Assert.False(Valid("--enabled=false").Enabled);
        Assert.True(Valid("--enabled=T").Enabled);
        var result = Load("--enabled", "false");
        Assert.Contains(result.Errors, e => e.Message.Contains("unexpected argument \"false\"", StringComparison.Ordinal));
    }

    [Fact]
    public void BadBoolValueSaysWhatIsValid()
    {
        var error = Assert.Single(Load("--verbose=yes").Errors).ToString();
        Assert.Equal("verbose: Invalid value: \"yes\": must be a boolean: true or false (from --verbose)", error);
    }

    [Fact]
    public void DoubleDashEndsFlags()
    {
        var result = TestLoad.Load<KitchenSinkOptions>(["--name=a", "--", "--name=b", "file"]);
        Assert.Empty(result.Errors);
        Assert.Equal("a", result.Value.Name);
        Assert.Equal(["--name=b", "file"], result.Arguments);
    }

    [Fact]
    public void UnknownFlagSuggestsTheClosest()
    {
        var error = Assert.Single(Load("--timout=1s").Errors).ToString();
        Assert.Equal("unknown flag: --timout (did you mean --timeout?)", error);
    }

    [Fact]
    public void UnknownFlagWithNothingCloseSaysSeeHelp() =>
        Assert.Contains("see --help", Assert.Single(Load("--zzzzzzzzzzzz").Errors).ToString(), StringComparison.Ordinal);

    [Fact]
    public void MissingValueIsAnError()
    {
        var error = Assert.Single(Load("--count").Errors).ToString();
        Assert.Equal("count: flag needs an argument (from --count)", error);
    }

    [Fact]
    public void SingleDashLongFlagIsAnErrorThatShowsTheFix() =>
        Assert.Contains("long flags take two dashes: --name=a", Assert.Single(Load("-name=a").Errors).ToString(), StringComparison.Ordinal);

    [Fact]
    public void RepeatedScalarLastWins() => Assert.Equal("c", Valid("--name=a", "--name", "b", "--name=c").Name);

    [Theory]
    [InlineData("--tags=a,b", new[] { "a", "b" })]
    [InlineData("--tags=\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("--tags=a, b", new[] { "a", " b" })]
    [InlineData("--tags=", new string[0])]
    [InlineData("--tags=a,,b", new[] { "a", "", "b" })]
    [InlineData("--tags=\"say \"\"hi\"\"\"", new[] { "say \"hi\"" })]
    public void ListsAreCsvPerOccurrence(string arg, string[] expected) => Assert.Equal(expected, Valid(arg).Tags);

    [Fact]
    public void ListOccurrencesAppendAndReplaceTheDefault() =>
        Assert.Equal(["a", "b", "c"], Valid("--tags=a,b", "--tags", "c").Tags);

    [Fact]
    public void ABadLaterOccurrenceKeepsWhatEarlierOnesAppended()
    {
        var result = Load("--tags=a,b", "--tags=c,\"d");
        var error = Assert.Single(result.Errors);
        Assert.Equal("tags", error.Path);
        Assert.Contains("\"c,\\\"d\"", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["a", "b"], result.Value.Tags);
    }

    [Fact]
    public void AListFlagReplacesTheEnvironmentsListThenAppends()
    {
        var result = TestLoad.Load<KitchenSinkOptions>(["--tags=b", "--tags=c"], new Dictionary<string, string> { ["SINK_TAGS"] = "a" });
        Assert.Empty(result.Errors);
        Assert.Equal(["b", "c"], result.Value.Tags);
    }

    [Fact]
    public void AValueAfterEqualsIsTheArgumentsTailAndASeparateValueIsTheArgumentItself()
    {
        var separate = "cert-manager";
        Assert.Same(separate, Valid("--name", separate).Name);
        Assert.Equal("x=y", Valid("--name=x=y").Name);
        Assert.Same(separate, Assert.Single(Valid("--tags", separate).Tags));
    }

    [Fact]
    public void BadCsvQuotingIsAnError()
    {
        var error = Assert.Single(Load("--tags=\"a,b").Errors);
        Assert.Equal("tags", error.Path);
        Assert.Contains("a list is comma-separated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("168h", 168 * 60)]
    [InlineData("1h30m", 90)]
    [InlineData("1.5h", 90)]
    [InlineData("90m", 90)]
    [InlineData("0", 0)]
    public void DurationsUseGoSyntax(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Valid("--timeout=" + text).Timeout);

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("500ms", 500)]
    public void ShortDurations(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Valid("--timeout=" + text).Timeout);

    [Theory]
    [InlineData("7d")]
    [InlineData("10")]
    [InlineData("1hh")]
    [InlineData("soon")]
    public void BadDurationsSayWhatIsValid(string text)
    {
        var error = Assert.Single(Load("--timeout=" + text).Errors);
        Assert.Equal("timeout", error.Path);
        Assert.Contains("e.g. 168h, 1h30m or 90s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blue", Color.Blue)]
    [InlineData("BLUE", Color.Blue)]
    [InlineData("Red", Color.Red)]
    public void EnumsByNameCaseInsensitive(string text, Color expected) => Assert.Equal(expected, Valid("--color=" + text).Color);

    [Fact]
    public void BadEnumListsTheSupportedValues() =>
        Assert.Equal("color: Invalid value: \"purple\": supported values: \"Red\", \"Green\", \"Blue\" (from --color)",
            Assert.Single(Load("--color=purple").Errors).ToString());

    [Fact]
    public void NullableEnumIsUnsetByDefaultAndClearedByAnEmptyValue()
    {
        Assert.Null(Valid().Accent);
        Assert.Equal(Color.Red, Valid("--accent=red").Accent);
        Assert.Null(Valid("--accent=red", "--accent=").Accent);
    }

    [Fact]
    public void Numbers()
    {
        var options = Valid("--count=-7", "--big=9000000000", "--ratio=2.25");
        Assert.Equal(-7, options.Count);
        Assert.Equal(9_000_000_000L, options.Big);
        Assert.Equal(2.25, options.Ratio);
        Assert.Contains("whole number", Assert.Single(Load("--count=1.5").Errors).Message, StringComparison.Ordinal);
        Assert.Contains("whole number", Assert.Single(Load("--count=99999999999").Errors).Message, StringComparison.Ordinal);
        Assert.Contains("must be a number", Assert.Single(Load("--ratio=NaN").Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryErrorIsCollectedNotJustTheFirst()
    {
        var result = Load("--count=x", "--timeout=y", "--color=z", "--nope");
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void HelpWinsOverEverythingElse()
    {
        Assert.Equal(CommandAction.Help, Load("--count=x", "--help").Action);
        Assert.Equal(CommandAction.Help, Load("-h").Action);
    }

    [Fact]
    public void DefaultsComeFromInitializersAndAreShownInHelp()
    {
        var help = KitchenSinkOptions.FlagUsages;
        Assert.Contains("--timeout duration", help, StringComparison.Ordinal);
        Assert.Contains("(default 1m30s) [$SINK_TIMEOUT]", help, StringComparison.Ordinal);
        Assert.Contains("(default [x,y]) [$SINK_TAGS]", help, StringComparison.Ordinal);
        Assert.Contains("(default \"default-name\")", help, StringComparison.Ordinal);
        Assert.Contains("(default 0.5)", help, StringComparison.Ordinal);
        Assert.Contains("(default \"Green\")", help, StringComparison.Ordinal);
        Assert.Contains("--verbose   ", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--verbose bool", help, StringComparison.Ordinal);
    }
}
