using Flagwork.Text;

namespace Flagwork.Tests.Primitives;

/// <summary>Go's <c>time.ParseDuration</c> and <c>Duration.String()</c>; cases follow Go's own time tests, in ticks
/// (100 ns) because that is what a <see cref="TimeSpan"/> holds.</summary>
public class GoDurationTests
{
    private const long Ns = 1; // a nanosecond, as a multiplier below; divided by 100 to make ticks
    private const long Us = 1_000 * Ns;
    private const long Ms = 1_000 * Us;
    private const long S = 1_000 * Ms;
    private const long M = 60 * S;
    private const long H = 60 * M;

    public static TheoryData<string, long> ValidDurations => new()
    {
        // Simple and signed.
        { "0", 0 },
        { "-0", 0 },
        { "+0", 0 },
        { "0s", 0 },
        { "5s", 5 * S },
        { "30s", 30 * S },
        { "1478s", 1478 * S },
        { "-5s", -5 * S },
        { "+5s", 5 * S },
        { "-0s", 0 },
        { "+0s", 0 },
        // Decimals.
        { "5.0s", 5 * S },
        { "5.6s", 5 * S + 600 * Ms },
        { "5.s", 5 * S },
        { ".5s", 500 * Ms },
        { "1.0s", 1 * S },
        { "1.00s", 1 * S },
        { "1.004s", 1 * S + 4 * Ms },
        { "1.0040s", 1 * S + 4 * Ms },
        { "100.00100s", 100 * S + 1 * Ms },
        { "1.5h", 90 * M },
        // Every unit, including both micro signs.
        { "10ns", 10 * Ns },
        { "11us", 11 * Us },
        { "12\u00B5s", 12 * Us },
        { "12\u03BCs", 12 * Us },
        { "13ms", 13 * Ms },
        { "14s", 14 * S },
        { "15m", 15 * M },
        { "16h", 16 * H },
        // Composites.
        { "168h", 168 * H },
        { "1h30m", 90 * M },
        { "90s", 90 * S },
        { "3h30m", 3 * H + 30 * M },
        { "10.5s4m", 4 * M + 10 * S + 500 * Ms },
        { "-2m3.4s", -(2 * M + 3 * S + 400 * Ms) },
        { "1h2m3s4ms5us6ns", 1 * H + 2 * M + 3 * S + 4 * Ms + 5 * Us + 6 * Ns },
        { "39h9m14.425s", 39 * H + 9 * M + 14 * S + 425 * Ms },
        // Large values and precision (Go's own edge cases).
        { "52763797000ns", 52763797000 * Ns },
        { "0.3333333333333333333h", 20 * M },
        { "9007199254740993ns", 9007199254740993 * Ns },
        { "9223372036854775807ns", long.MaxValue },
        { "9223372036854775.807us", long.MaxValue },
        { "9223372036854ms775us807ns", long.MaxValue },
        { "-9223372036854775808ns", long.MinValue },
        { "-9223372036854775.808us", long.MinValue },
        { "0.100000000000000000000h", 6 * M },
        { "0.830103483285477580700h", 49 * M + 48 * S + 372539827 * Ns },
    };

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void ParsesAsGoDoes(string text, long nanoseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var error), error);
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromTicks(nanoseconds / 100), value);
    }

    [Theory]
    [InlineData("150ns", 1)]
    [InlineData("199ns", 1)]
    [InlineData("99ns", 0)]
    [InlineData("1ns", 0)]
    [InlineData("-150ns", -1)]
    [InlineData("-99ns", 0)]
    [InlineData("1.23456789s", 12_345_678)]
    [InlineData("-1.23456789s", -12_345_678)]
    public void SubTickNanosecondsAreTruncatedTowardZero(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out _));
        Assert.Equal(ticks, value.Ticks);
    }

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("3", "time: missing unit in duration \"3\"")]
    [InlineData("10", "time: missing unit in duration \"10\"")]
    [InlineData("00", "time: missing unit in duration \"00\"")]
    [InlineData("-", "time: invalid duration \"-\"")]
    [InlineData("+", "time: invalid duration \"+\"")]
    [InlineData("s", "time: invalid duration \"s\"")]
    [InlineData(".", "time: invalid duration \".\"")]
    [InlineData("-.", "time: invalid duration \"-.\"")]
    [InlineData(".s", "time: invalid duration \".s\"")]
    [InlineData("+.s", "time: invalid duration \"+.s\"")]
    [InlineData("abc", "time: invalid duration \"abc\"")]
    [InlineData(" 1h", "time: invalid duration \" 1h\"")]
    [InlineData("1d", "time: unknown unit \"d\" in duration \"1d\"")]
    [InlineData("7d", "time: unknown unit \"d\" in duration \"7d\"")]
    [InlineData("1H", "time: unknown unit \"H\" in duration \"1H\"")]
    [InlineData("1h 30m", "time: unknown unit \"h \" in duration \"1h 30m\"")]
    [InlineData("1.5.5s", "time: missing unit in duration \"1.5.5s\"")]
    [InlineData("1\"s", "time: unknown unit \"\\\"s\" in duration \"1\\\"s\"")]
    [InlineData("1\u00B5", "time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\"")]
    [InlineData("\u00FF", "time: invalid duration \"\\xc3\\xbf\"")]
    [InlineData("1\t", "time: unknown unit \"\\x09\" in duration \"1\\x09\"")]
    // Overflow of Go's int64 nanoseconds.
    [InlineData("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"")]
    [InlineData("9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\"")]
    [InlineData("9223372036854ms775us808ns", "time: invalid duration \"9223372036854ms775us808ns\"")]
    [InlineData("-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\"")]
    [InlineData("2562048h", "time: invalid duration \"2562048h\"")]
    [InlineData("99999999999999999999s", "time: invalid duration \"99999999999999999999s\"")]
    public void RejectsAsGoDoes(string text, string expected)
    {
        Assert.False(GoDuration.TryParse(text, out var value, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Fact]
    public void ParsingAValidDurationAllocatesNothing()
    {
        string[] texts = ["168h", "1h30m", "-1.5s", "500ms", "2\u00B5s", "0", "9223372036854775807ns"];
        foreach (var text in texts)
        {
            Assert.True(GoDuration.TryParse(text, out _, out _)); // warm up
        }

        var parsed = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var text in texts)
            {
                parsed += GoDuration.TryParse(text, out _, out _) ? 1 : 0;
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100 * texts.Length, parsed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FractionDigitsBeyondNanosecondsAreIgnoredNotAnError()
    {
        Assert.True(GoDuration.TryParse("1.000000000000000000000000000001s", out var value, out _));
        Assert.Equal(TimeSpan.FromSeconds(1), value);
    }

    public static TheoryData<long, string> Formats => new()
    {
        { 0, "0s" },
        { 1, "100ns" },
        { 11, "1.1\u00B5s" },
        { 20, "2\u00B5s" },
        { 22_000, "2.2ms" },
        { 5_000_000, "500ms" },
        { 15_000_000, "1.5s" },
        { 33_000_000, "3.3s" },
        { TimeSpan.FromSeconds(90).Ticks, "1m30s" },
        { TimeSpan.FromMinutes(1).Ticks, "1m0s" },
        { (4 * 60 + 5) * TimeSpan.TicksPerSecond, "4m5s" },
        { (4 * 60 + 5) * TimeSpan.TicksPerSecond + 10_000, "4m5.001s" },
        { ((5 * 60 + 6) * 60 + 7) * TimeSpan.TicksPerSecond + 10_000, "5h6m7.001s" },
        { 8 * TimeSpan.TicksPerMinute + 1, "8m0.0000001s" },
        { TimeSpan.TicksPerHour, "1h0m0s" },
        { 90 * TimeSpan.TicksPerMinute, "1h30m0s" },
        { 7 * TimeSpan.TicksPerDay, "168h0m0s" },
        { 24 * TimeSpan.TicksPerHour, "24h0m0s" },
        { TimeSpan.TicksPerMinute - 1, "59.9999999s" },
        { -TimeSpan.TicksPerHour, "-1h0m0s" },
        { -1, "-100ns" },
        { -15_000_000, "-1.5s" },
        { TimeSpan.MaxValue.Ticks, "256204778h48m5.4775807s" },
        { TimeSpan.MinValue.Ticks, "-256204778h48m5.4775808s" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void FormatsAsGoDoes(long ticks, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));

    [Theory]
    [InlineData("168h", "168h0m0s")]
    [InlineData("1h30m", "1h30m0s")]
    [InlineData("90s", "1m30s")]
    [InlineData("0", "0s")]
    [InlineData(".5s", "500ms")]
    [InlineData("2us", "2\u00B5s")]
    [InlineData("-1h", "-1h0m0s")]
    [InlineData("1h2m3s4ms5us6ns", "1h2m3.004005s")]
    public void ParsedValuesFormatTheWayGoPrintsThem(string text, string printed)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out _));
        Assert.Equal(printed, GoDuration.Format(value));
    }

    [Fact]
    public void FormatThenParseGivesTheSameValue()
    {
        // Deterministic sample across the whole range Go can express (|d| < 2^63 ns), plus the edges.
        var random = new Random(20240601);
        var ticks = new List<long> { 0, 1, -1, 9, 10, 9_999, 10_000, TimeSpan.TicksPerSecond, long.MaxValue / 100, long.MinValue / 100 };
        for (var i = 0; i < 2_000; i++)
        {
            var magnitude = random.NextInt64(long.MaxValue / 100) >> random.Next(0, 56);
            ticks.Add(random.Next(2) == 0 ? magnitude : -magnitude);
        }

        foreach (var tick in ticks)
        {
            var text = GoDuration.Format(TimeSpan.FromTicks(tick));
            Assert.True(GoDuration.TryParse(text, out var parsed, out var error), $"{text}: {error}");
            Assert.Equal(tick, parsed.Ticks);
        }
    }
}
