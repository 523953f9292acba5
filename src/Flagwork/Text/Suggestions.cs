namespace Flagwork.Text;

/// <summary>"Did you mean …?" for a mistyped flag or config key.</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="input"/>, or <see langword="null"/> when none is close. A candidate is
    /// close when its case-insensitive Levenshtein distance is at most max(2, input length / 3), or when one of the
    /// two starts with the other (cobra suggests <c>--metrics-listen-address</c> for <c>--metrics-listen</c> the same
    /// way). The smallest distance wins; among equals, the first candidate given.
    /// </summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        if (input.Length == 0)
        {
            return null;
        }

        var maxDistance = Math.Max(2, input.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate))
            {
                continue;
            }
            var distance = Distance(input, candidate);
            var close = distance <= maxDistance
                || candidate.StartsWith(input, StringComparison.OrdinalIgnoreCase)
                || input.StartsWith(candidate, StringComparison.OrdinalIgnoreCase);
            if (close && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute; each costs 1), ignoring case; two rows of state.</summary>
    internal static int Distance(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }
        // b is the shorter string: the rows are as long as it.
        var size = 2 * (b.Length + 1);
        Span<int> rows = size <= 512 ? stackalloc int[size] : new int[size];
        var previous = rows[..(b.Length + 1)];
        var current = rows[(b.Length + 1)..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var ca = char.ToLowerInvariant(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = ca == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }
}
