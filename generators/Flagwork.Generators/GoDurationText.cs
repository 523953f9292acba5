using System.Globalization;
using System.Text;

namespace Flagwork.Generators;

/// <summary>Go's <c>Duration.String()</c> for defaults shown at compile time (<c>168h0m0s</c>, <c>1m30s</c>, <c>500ms</c>).</summary>
internal static class GoDurationText
{
    public static string Format(long ticks)
    {
        if (ticks == 0)
        {
            return "0s";
        }
        var negative = ticks < 0;
        var nanoseconds = (decimal)ticks * 100;
        if (negative)
        {
            nanoseconds = -nanoseconds;
        }
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }
        if (nanoseconds < 1_000_000_000m)
        {
            // Below one second Go uses the largest unit that keeps an integer part: ns, µs or ms.
            var (unit, scale) = nanoseconds < 1_000m ? ("ns", 1m) : nanoseconds < 1_000_000m ? ("\u00b5s", 1_000m) : ("ms", 1_000_000m);
            return text.Append(Trim(nanoseconds / scale)).Append(unit).ToString();
        }
        var hours = decimal.Floor(nanoseconds / 3_600_000_000_000m);
        nanoseconds -= hours * 3_600_000_000_000m;
        var minutes = decimal.Floor(nanoseconds / 60_000_000_000m);
        nanoseconds -= minutes * 60_000_000_000m;
        var seconds = nanoseconds / 1_000_000_000m;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }
        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }
        return text.Append(Trim(seconds)).Append('s').ToString();
    }

    private static string Trim(decimal value)
    {
        var text = value.ToString("0.#########", CultureInfo.InvariantCulture);
        return text;
    }
}
