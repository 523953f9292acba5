using System.Text;
using System.Text.Json.Nodes;

namespace Flagwork.Kubernetes.Tests.FakeApiServer;

/// <summary>
/// The API server's field selectors for secrets: comma-separated <c>field=value</c>, <c>field==value</c> or
/// <c>field!=value</c>, with <c>\</c> escaping <c>\ , =</c> in values (Go's <c>fields.ParseSelector</c>). Secrets support
/// the fields <c>metadata.name</c>, <c>metadata.namespace</c> and <c>type</c>; others are a 400 as on a real server.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, bool Equal, string Value)> requirements;

    private FieldSelector(List<(string Field, bool Equal, string Value)> requirements) => this.requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public static bool TryParse(string? text, out FieldSelector selector, out string error)
    {
        selector = Everything;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var parsed = new List<(string, bool, string)>();
        foreach (var term in SplitUnescaped(text, ','))
        {
            int at;
            int length;
            bool equal;
            if ((at = IndexOfUnescaped(term, "!=")) >= 0)
            {
                (length, equal) = (2, false);
            }
            else if ((at = IndexOfUnescaped(term, "==")) >= 0)
            {
                (length, equal) = (2, true);
            }
            else if ((at = IndexOfUnescaped(term, "=")) >= 0)
            {
                (length, equal) = (1, true);
            }
            else
            {
                error = $"invalid selector: '{text}'; can't understand '{term}'";
                return false;
            }

            var field = term[..at];
            if (field is not ("metadata.name" or "metadata.namespace" or "type"))
            {
                error = $"field label not supported: {field}";
                return false;
            }

            if (!TryUnescape(term[(at + length)..], out var value))
            {
                error = $"invalid field selector value: {term}";
                return false;
            }

            parsed.Add((field, equal, value));
        }

        selector = new FieldSelector(parsed);
        return true;
    }

    public bool Matches(JsonObject secret)
    {
        foreach (var (field, equal, value) in requirements)
        {
            var actual = field switch
            {
                "metadata.name" => (string?)secret["metadata"]?["name"],
                "metadata.namespace" => (string?)secret["metadata"]?["namespace"],
                _ => (string?)secret["type"],
            };
            if (string.Equals(actual, value, StringComparison.Ordinal) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static int IndexOfUnescaped(string term, string token)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
            }
            else if (string.CompareOrdinal(term, i, token, 0, token.Length) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryUnescape(string escaped, out string value)
    {
        var result = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c == '\\')
            {
                if (i + 1 == escaped.Length || escaped[i + 1] is not ('\\' or ',' or '='))
                {
                    value = "";
                    return false;
                }

                c = escaped[++i];
            }
            else if (c is ',' or '=')
            {
                value = "";
                return false;
            }

            result.Append(c);
        }

        value = result.ToString();
        return true;
    }
}
