using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Component.Tests;

/// <summary>The checked-in component schema, evaluated by a real draft 2020-12 validator (JsonSchema.Net).</summary>
internal static class ConfigSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Repository.Schema("component.schema.json"))));

    public static EvaluationResults Evaluate(JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>A config file's text as the validator sees it: JSON as is, YAML converted.</summary>
    public static JsonNode? Instance(string text, string extension) =>
        extension is ".json" ? JsonNode.Parse(text) : YamlJson.Convert(text);

    /// <summary>Every error the validator reported, one per line, for assertion messages.</summary>
    public static string Describe(EvaluationResults results)
    {
        var lines = new List<string>();
        Collect(results, lines);
        return lines.Count == 0 ? "(no errors)" : string.Join("\n", lines);
    }

    private static void Collect(EvaluationResults results, List<string> lines)
    {
        if (results.Errors is { } errors)
        {
            foreach (var (keyword, message) in errors)
            {
                lines.Add($"{results.InstanceLocation} [{results.EvaluationPath}] {keyword}: {message}");
            }
        }
        if (results.Details is { } details)
        {
            foreach (var detail in details)
            {
                Collect(detail, lines);
            }
        }
    }
}
