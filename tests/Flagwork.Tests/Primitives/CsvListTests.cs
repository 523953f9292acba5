using Flagwork.Text;

namespace Flagwork.Tests.Primitives;

/// <summary>pflag's StringSlice values: one line of Go <c>encoding/csv</c> (reference §2.3, FC-M3).</summary>
public class CsvListTests
{
    public static TheoryData<string, string[]> Splits => new()
    {
        { "", [] },
        { "a", ["a"] },
        { "a,b", ["a", "b"] },
        { "a,b,c", ["a", "b", "c"] },
        // FC-M3: spaces are kept, not trimmed.
        { "a, b", ["a", " b"] },
        { " a ", [" a "] },
        { " ", [" "] },
        { "a,,b", ["a", "", "b"] },
        { "a,", ["a", ""] },
        { ",a", ["", "a"] },
        { ",", ["", ""] },
        // Quotes protect commas; a doubled quote inside quotes is one quote.
        { "\"a,b\",c", ["a,b", "c"] },
        { "c,\"a,b\"", ["c", "a,b"] },
        { "\"a\"\"b\"", ["a\"b"] },
        { "\"\"\"\"", ["\""] },
        { "\"\"", [""] },
        { "\"\",\"\"", ["", ""] },
        { "\" a \"", [" a "] },
        { "\"a\",b", ["a", "b"] },
        // A line break inside quotes is kept (CR LF becomes LF, as in Go).
        { "\"a\nb\"", ["a\nb"] },
        { "\"a\r\nb\",c", ["a\nb", "c"] },
        { "\u00E4,\u00F6\u00FC", ["\u00E4", "\u00F6\u00FC"] },
        { "example.com,*.example.com", ["example.com", "*.example.com"] },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void SplitsLikeGoCsv(string text, string[] expected)
    {
        Assert.True(CsvList.TrySplit(text, out var values, out var error), error);
        Assert.Null(error);
        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData("a\"b", "parse error on line 1, column 2: bare \" in non-quoted-field")]
    [InlineData("a,b\"", "parse error on line 1, column 4: bare \" in non-quoted-field")]
    [InlineData(" \"a\"", "parse error on line 1, column 2: bare \" in non-quoted-field")]
    [InlineData("\"abc", "parse error on line 1, column 5: extraneous or missing \" in quoted-field")]
    [InlineData("\"", "parse error on line 1, column 2: extraneous or missing \" in quoted-field")]
    [InlineData("\"a\"\"", "parse error on line 1, column 5: extraneous or missing \" in quoted-field")]
    [InlineData("\"a\"b", "parse error on line 1, column 3: extraneous or missing \" in quoted-field")]
    [InlineData("x,\"a\" ,y", "parse error on line 1, column 5: extraneous or missing \" in quoted-field")]
    [InlineData("\"a\nb", "record on line 1; parse error on line 2, column 2: extraneous or missing \" in quoted-field")]
    [InlineData("\"a\nb\"c", "record on line 1; parse error on line 2, column 2: extraneous or missing \" in quoted-field")]
    [InlineData("a\nb", "parse error on line 1, column 2: newline in value")]
    [InlineData("a,b\n", "parse error on line 1, column 4: newline in value")]
    [InlineData("a\r\nb", "parse error on line 1, column 2: newline in value")]
    [InlineData("a\rb", "parse error on line 1, column 2: newline in value")]
    [InlineData("\"a\"\nb", "parse error on line 1, column 4: newline in value")]
    public void RejectsMalformedQuotesAndLineBreaksWithGoWording(string text, string expected)
    {
        Assert.False(CsvList.TrySplit(text, out var values, out var error));
        Assert.Equal(expected, error);
        Assert.Empty(values);
    }

    public static TheoryData<string[], string> Formats => new()
    {
        { [], "[]" },
        { ["a"], "[a]" },
        { ["a", "b"], "[a,b]" },
        { ["a,b", "c"], "[\"a,b\",c]" },
        { ["say \"hi\""], "[\"say \"\"hi\"\"\"]" },
        { [" lead"], "[\" lead\"]" },
        { ["\tlead"], "[\"\tlead\"]" },
        { ["trail "], "[trail ]" },
        { ["in side"], "[in side]" },
        { ["a\nb"], "[\"a\nb\"]" },
        { ["a\rb"], "[\"a\rb\"]" },
        { ["", "a"], "[,a]" },
        { ["a", ""], "[a,]" },
        // Go writes a record of one empty field as an empty line, so pflag shows [] for it too.
        { [""], "[]" },
        // Go quotes this one field specially (it is the end-of-data marker of PostgreSQL's COPY).
        { ["\\."], "[\"\\.\"]" },
        { ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"], "[TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384]" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void FormatsLikePflagDefaults(string[] values, string expected) =>
        Assert.Equal(expected, CsvList.Format(values));

    public static TheoryData<string[]> RoundTrips => new()
    {
        { ["a", "b"] },
        { ["a,b", " c", "d\"e", ""] },
        { ["x", "multi\nline"] },
        { ["\\.", "\""] },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void FormattedListsSplitBackToTheSameElements(string[] values)
    {
        var formatted = CsvList.Format(values);
        Assert.True(CsvList.TrySplit(formatted[1..^1], out var split, out var error), error);
        Assert.Equal(values, split);
    }

    [Fact]
    public void AppendKeepsWhatIsThereAndLeavesItAsItWasOnFailure()
    {
        List<string> values = ["x"];
        Assert.True(CsvList.TryAppend("a,\"b,c\"", values, out var error), error);
        Assert.Equal(["x", "a", "b,c"], values);

        Assert.False(CsvList.TryAppend("d,\"e", values, out error));
        Assert.NotNull(error);
        Assert.Equal(["x", "a", "b,c"], values);
    }

    [Fact]
    public void AppendSplitsASliceOfALongerString()
    {
        List<string> values = [];
        Assert.True(CsvList.TryAppend("--tags=a,b".AsSpan(7), values, out _));
        Assert.Equal(["a", "b"], values);
    }
}
