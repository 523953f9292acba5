namespace Flagwork.Text;

/// <summary>
/// Go's duration syntax (<c>time.ParseDuration</c> and <c>Duration.String()</c>): <c>168h</c>, <c>1h30m</c>, <c>1.5s</c>,
/// <c>500ms</c>, <c>-2µs</c>. Durations in Kubernetes-style flags and config files are written this way, so a value
/// copied from a Go component's documentation means the same thing here.
/// </summary>
/// <remarks>
/// Go counts whole nanoseconds in an <c>int64</c>; <see cref="TimeSpan"/> counts 100 ns ticks. Parsing first computes
/// the exact nanosecond count Go would (including Go's overflow limit of about 292 years), then truncates toward zero
/// to whole ticks: <c>150ns</c> is 1 tick, <c>-150ns</c> is -1 tick and <c>99ns</c> is zero. Formatting is exact,
/// because every tick is a whole number of nanoseconds.
/// </remarks>
public static class GoDuration
{
    private const ulong Nanosecond = 1;
    private const ulong Microsecond = 1_000 * Nanosecond;
    private const ulong Millisecond = 1_000 * Microsecond;
    private const ulong Second = 1_000 * Millisecond;
    private const ulong Minute = 60 * Second;
    private const ulong Hour = 60 * Minute;

    /// <summary>The largest magnitude Go's int64 of nanoseconds holds (only a negative duration may reach it).</summary>
    private const ulong MaxMagnitude = 1UL << 63;

    private const ulong NanosecondsPerTick = 100;

    /// <summary>
    /// Parses a Go duration: an optional sign, then one or more decimal numbers (fractions allowed) each followed by a
    /// unit: <c>ns</c>, <c>us</c>, <c>µs</c> (U+00B5), <c>μs</c> (U+03BC), <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>.
    /// A lone <c>0</c> needs no unit. On failure <paramref name="error"/> holds Go's message, e.g.
    /// <c>time: missing unit in duration "10"</c>. Does not allocate when the text is valid.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        var s = text;

        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            error = null;
            return true;
        }

        if (s.IsEmpty)
        {
            error = Invalid(text);
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            // Every element starts with a digit or a '.'.
            if (s[0] != '.' && !char.IsAsciiDigit(s[0]))
            {
                error = Invalid(text);
                return false;
            }

            var lengthBefore = s.Length;
            if (!TryLeadingInt(ref s, out var whole))
            {
                error = Invalid(text);
                return false;
            }
            var hasWhole = s.Length != lengthBefore;

            ulong fraction = 0;
            var scale = 1.0;
            var hasFraction = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                lengthBefore = s.Length;
                LeadingFraction(ref s, out fraction, out scale);
                hasFraction = s.Length != lengthBefore;
            }

            if (!hasWhole && !hasFraction)
            {
                // A '.' with no digit on either side, e.g. ".s".
                error = Invalid(text);
                return false;
            }

            var unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }
            if (unitLength == 0)
            {
                error = "time: missing unit in duration " + GoQuote(text);
                return false;
            }

            var unitText = s[..unitLength];
            s = s[unitLength..];
            var unit = UnitOf(unitText);
            if (unit == 0)
            {
                error = "time: unknown unit " + GoQuote(unitText) + " in duration " + GoQuote(text);
                return false;
            }

            if (whole > MaxMagnitude / unit)
            {
                error = Invalid(text);
                return false;
            }
            whole *= unit;
            if (fraction > 0)
            {
                // Go computes the fractional part in float64 (exact to the nanosecond for fractions of an hour)
                // and truncates; doing the same keeps results identical to Go's.
                whole += (ulong)(fraction * (unit / scale));
                if (whole > MaxMagnitude)
                {
                    error = Invalid(text);
                    return false;
                }
            }

            total += whole;
            if (total > MaxMagnitude)
            {
                error = Invalid(text);
                return false;
            }
        }

        if (!negative && total > MaxMagnitude - 1)
        {
            error = Invalid(text);
            return false;
        }

        // Sub-tick nanoseconds are dropped: the magnitude is truncated, so rounding is toward zero for either sign.
        var ticks = (long)(total / NanosecondsPerTick);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        error = null;
        return true;
    }

    /// <summary>
    /// Formats like Go's <c>Duration.String()</c>: <c>168h0m0s</c>, <c>1h30m0s</c>, <c>1m30s</c>, <c>1.5s</c>,
    /// <c>500ms</c>, <c>2µs</c> (U+00B5), <c>100ns</c>, <c>0s</c>, <c>-1h0m0s</c>. Hours are the largest unit.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        var ticks = value.Ticks;
        var negative = ticks < 0;
        // |long.MinValue| still fits in a ulong.
        var magnitude = negative ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;

        // Written right to left, as Go does. 2562047788h0m0.0000000s at most, plus a sign.
        Span<char> buffer = stackalloc char[40];
        var w = buffer.Length;

        const ulong TicksPerSecond = Second / NanosecondsPerTick;
        if (magnitude < TicksPerSecond)
        {
            // Under a second: the largest unit below a second that keeps a non-zero integer part, e.g. 1.2ms.
            var nanoseconds = magnitude * NanosecondsPerTick;
            buffer[--w] = 's';
            if (nanoseconds == 0)
            {
                buffer[--w] = '0';
                return new string(buffer[w..]);
            }

            int precision;
            if (nanoseconds < Microsecond)
            {
                precision = 0;
                buffer[--w] = 'n';
            }
            else if (nanoseconds < Millisecond)
            {
                precision = 3;
                buffer[--w] = '\u00B5';
            }
            else
            {
                precision = 6;
                buffer[--w] = 'm';
            }
            nanoseconds = WriteFraction(buffer, ref w, nanoseconds, precision);
            WriteInteger(buffer, ref w, nanoseconds);
        }
        else
        {
            buffer[--w] = 's';
            // The fraction of a second, to nine digits, written without trailing zeros.
            WriteFraction(buffer, ref w, (magnitude % TicksPerSecond) * NanosecondsPerTick, 9);
            var seconds = magnitude / TicksPerSecond;
            WriteInteger(buffer, ref w, seconds % 60);
            var minutes = seconds / 60;
            if (minutes > 0)
            {
                buffer[--w] = 'm';
                WriteInteger(buffer, ref w, minutes % 60);
                var hours = minutes / 60;
                if (hours > 0)
                {
                    // Go stops at hours: days are not all the same length.
                    buffer[--w] = 'h';
                    WriteInteger(buffer, ref w, hours);
                }
            }
        }

        if (negative)
        {
            buffer[--w] = '-';
        }
        return new string(buffer[w..]);
    }

    /// <summary>Go's fmtFrac: writes the fraction of <paramref name="value"/> / 10^<paramref name="precision"/> as
    /// <c>.ddd</c> without trailing zeros (nothing at all when it is zero) and returns the integer part.</summary>
    private static ulong WriteFraction(Span<char> buffer, ref int w, ulong value, int precision)
    {
        var printed = false;
        for (var i = 0; i < precision; i++)
        {
            var digit = value % 10;
            printed = printed || digit != 0;
            if (printed)
            {
                buffer[--w] = (char)('0' + digit);
            }
            value /= 10;
        }
        if (printed)
        {
            buffer[--w] = '.';
        }
        return value;
    }

    private static void WriteInteger(Span<char> buffer, ref int w, ulong value)
    {
        if (value == 0)
        {
            buffer[--w] = '0';
            return;
        }
        while (value > 0)
        {
            buffer[--w] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Nanoseconds per unit, or 0 for an unknown unit.</summary>
    private static ulong UnitOf(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => Nanosecond,
        "us" => Microsecond,
        "\u00B5s" => Microsecond, // micro sign
        "\u03BCs" => Microsecond, // Greek small letter mu
        "ms" => Millisecond,
        "s" => Second,
        "m" => Minute,
        "h" => Hour,
        _ => 0,
    };

    /// <summary>Consumes leading ASCII digits; false when the number does not fit Go's int64 range.</summary>
    private static bool TryLeadingInt(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (value > MaxMagnitude / 10)
            {
                return false;
            }
            value = value * 10 + (ulong)(s[i] - '0');
            if (value > MaxMagnitude)
            {
                return false;
            }
        }
        s = s[i..];
        return true;
    }

    /// <summary>Consumes the digits after a '.', returning them as an integer and the power of ten they are scaled by.
    /// Digits past what an int64 can hold are consumed but ignored (they are below a nanosecond anyway).</summary>
    private static void LeadingFraction(ref ReadOnlySpan<char> s, out ulong fraction, out double scale)
    {
        fraction = 0;
        scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }
            if (fraction > (MaxMagnitude - 1) / 10)
            {
                overflow = true;
                continue;
            }
            var next = fraction * 10 + (ulong)(s[i] - '0');
            if (next > MaxMagnitude)
            {
                overflow = true;
                continue;
            }
            fraction = next;
            scale *= 10;
        }
        s = s[i..];
    }

    private static string Invalid(ReadOnlySpan<char> text) => "time: invalid duration " + GoQuote(text);

    /// <summary>Go's <c>time</c> package quoting: printable ASCII as is (with <c>"</c> and <c>\</c> escaped), every
    /// other byte of the UTF-8 encoding as <c>\xNN</c>.</summary>
    private static string GoQuote(ReadOnlySpan<char> text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 2);
        builder.Append('"');
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= ' ' && c < 0x7F)
            {
                if (c is '"' or '\\')
                {
                    builder.Append('\\');
                }
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? System.Text.Encoding.UTF8.GetBytes(text.Slice(i++, 2), utf8)
                : System.Text.Encoding.UTF8.GetBytes(text.Slice(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append("\\x").Append(b.ToString("x2"));
            }
        }
        return builder.Append('"').ToString();
    }
}
