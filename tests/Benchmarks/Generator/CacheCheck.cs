using System.Reflection;
using System.Text;
using Flagwork.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flagwork.Benchmarks.Generator;

/// <summary>
/// Scenario 5's cache check: after an unrelated edit, every step named in <see cref="TrackingNames"/> must be Cached or
/// Unchanged and no source output may be regenerated. Returns a Markdown table and whether every model passed.
/// </summary>
public static class CacheCheck
{
    private static readonly string[] StepNames = [.. typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)];

    public static (bool Passed, string Markdown) Run()
    {
        var text = new StringBuilder();
        text.AppendLine("| Model | Edit | Generated files | Diagnostics | Tracked steps (outputs: reasons) | Source outputs | Result |");
        text.AppendLine("|---|---|---:|---:|---|---|---|");
        var passed = true;
        foreach (var (name, compilation) in new[] { ("flagship", GeneratorInputs.Flagship()), ("synthetic 500", GeneratorInputs.Synthetic(500)) })
        {
            foreach (var (edit, second) in new[]
            {
                ("unrelated method body edited", GeneratorInputs.WithUnrelatedEdit(compilation)),
                ("unrelated file added", compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public sealed class Added { }", GeneratorInputs.ParseOptions, "Other/Added.cs"))),
            })
            {
                var driver = GeneratorInputs.CreateDriver(trackSteps: true).RunGenerators(compilation);
                var first = driver.GetRunResult().Results.Single();
                var result = driver.RunGenerators(second).GetRunResult().Results.Single();
                var (ok, steps, outputs) = Check(result);
                ok &= first.Exception is null && result.Exception is null && first.Diagnostics.IsEmpty;
                passed &= ok;
                text.AppendLine($"| {name} | {edit} | {first.GeneratedSources.Length} | {first.Diagnostics.Length} | {steps} | {outputs} | {(ok ? "all cached" : "**NOT CACHED**")} |");
            }
        }
        return (passed, text.ToString());
    }

    private static (bool Ok, string Steps, string Outputs) Check(GeneratorRunResult result)
    {
        var ok = true;
        var steps = new List<string>();
        foreach (var name in StepNames)
        {
            if (!result.TrackedSteps.TryGetValue(name, out var runs))
            {
                steps.Add($"{name}: missing");
                ok = false;
                continue;
            }
            var reasons = runs.SelectMany(r => r.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Count()} {g.Key}");
            ok &= runs.SelectMany(r => r.Outputs).All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
            steps.Add($"{name}: {string.Join(", ", reasons)}");
        }
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        ok &= outputs.All(o => o.Reason == IncrementalStepRunReason.Cached);
        var outputText = string.Join(", ", outputs.GroupBy(o => o.Reason).Select(g => $"{g.Count()} {g.Key}"));
        return (ok, string.Join("; ", steps), outputText);
    }
}
