using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Component.Tests;

/// <summary>
/// Turns a YAML config file into the JSON a schema validator sees, the way an editor's YAML language server does:
/// plain scalars resolve by the YAML 1.2 core schema (null, bool, int, float, else string); quoted and block scalars
/// are strings. Written independently of Flagwork's own reader so the two can disagree, and the tests notice.
/// </summary>
internal static class YamlJson
{
    private const string CoreTag = "tag:yaml.org,2002:";

    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1)
        {
            throw new InvalidOperationException($"expected one YAML document, found {stream.Documents.Count}");
        }
        return ToJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ToValue(scalar),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new InvalidOperationException($"a mapping key must be a scalar, at {key.Start}");
            }
            result.Add(name, ToJson(value));
        }
        return result;
    }

    private static JsonValue? ToValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is null && scalar.Style != ScalarStyle.Plain || tag is "!" or CoreTag + "str")
        {
            return JsonValue.Create(text);
        }
        return tag switch
        {
            null => Resolve(text),
            CoreTag + "null" => null,
            CoreTag + "bool" => JsonValue.Create(bool.Parse(text)),
            CoreTag + "int" or CoreTag + "float" => Resolve(text) ?? throw new FormatException($"not a number: {text}"),
            _ => throw new InvalidOperationException($"unsupported tag {tag} at {scalar.Start}"),
        };
    }

    /// <summary>YAML 1.2 core schema for a plain scalar.</summary>
    private static JsonValue? Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                throw new NotSupportedException($"the YAML float {text} has no JSON equivalent");
        }
        if (IsMatch(text, "^[-+]?[0-9]+$"))
        {
            return decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? JsonValue.Create(whole)
                : JsonValue.Create(double.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }
        if (IsMatch(text, "^0o[0-7]+$"))
        {
            return JsonValue.Create(System.Convert.ToInt64(text[2..], 8));
        }
        if (IsMatch(text, "^0x[0-9a-fA-F]+$"))
        {
            return JsonValue.Create(long.Parse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }
        if (IsMatch(text, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"))
        {
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return JsonValue.Create(text);
    }

    private static bool IsMatch(string text, string pattern) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
