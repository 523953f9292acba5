using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Flagwork.Generators.Tests;

/// <summary>
/// Reads the named steps of a tracked generator run and checks what their outputs hold. A step output that keeps a
/// symbol, a compilation or a syntax node alive both pins memory and never compares equal across runs, so steps stop
/// caching (STYLE 3 and 15).
/// </summary>
internal static class StepOutputs
{
    /// <summary>Every step name the generator declares in <see cref="TrackingNames"/>, found by reflection so a new step is checked too.</summary>
    public static IReadOnlyList<string> TrackedNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    /// <summary>Roslyn types a pipeline model must never hold.</summary>
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol),
        typeof(Compilation),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(SemanticModel),
        typeof(Location),
        typeof(AttributeData),
        typeof(SyntaxToken),
    ];

    public static ImmutableArray<IncrementalGeneratorRunStep> Steps(GeneratorRunResult result, string name)
    {
        Assert.True(result.TrackedSteps.TryGetValue(name, out var steps),
            $"The run has no step named '{name}'; it has: {string.Join(", ", result.TrackedSteps.Keys)}.");
        return steps;
    }

    public static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string name) =>
        Steps(result, name).SelectMany(s => s.Outputs);

    /// <summary>Every output of every named step, and of the source-output step, was reused: nothing was recomputed into
    /// something new and no file was regenerated.</summary>
    public static void AssertAllCached(GeneratorRunResult result)
    {
        var recomputed = new List<string>();
        foreach (var name in TrackedNames)
        {
            foreach (var (value, reason) in Outputs(result, name))
            {
                if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                {
                    recomputed.Add($"{name}: {reason} {Describe(value)}");
                }
            }
        }
        foreach (var (value, reason) in result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            if (reason != IncrementalStepRunReason.Cached)
            {
                recomputed.Add($"source output: {reason} {Describe(value)}");
            }
        }
        Assert.True(recomputed.Count == 0, string.Join(Environment.NewLine, recomputed));
    }

    /// <summary>No output of any named step holds (or is declared to hold) a symbol, compilation, syntax node or the like.</summary>
    public static void AssertNoRoslynObjects(GeneratorRunResult result)
    {
        var found = new List<string>();
        foreach (var name in TrackedNames)
        {
            foreach (var step in Steps(result, name))
            {
                foreach (var (value, _) in step.Outputs)
                {
                    found.AddRange(FindRoslynObjects(value, name));
                }
            }
        }
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Distinct()));
    }

    /// <summary>Where <paramref name="value"/> holds, or declares a field that could hold, a forbidden Roslyn object.</summary>
    public static List<string> FindRoslynObjects(object value, string name)
    {
        var found = new List<string>();
        WalkValue(value, $"{name}[{value.GetType().Name}]", new HashSet<object>(ReferenceEqualityComparer.Instance), found);
        WalkType(value.GetType(), $"{name}:{value.GetType().Name}", [], found);
        return found;
    }

    /// <summary>The spec's type name, for messages and for picking a class's output out of a step.</summary>
    public static string? TypeNameOf(object value) =>
        value.GetType().GetProperty("TypeName")?.GetValue(value) as string;

    private static string Describe(object value) => TypeNameOf(value) ?? value.GetType().Name;

    private static bool IsForbidden(Type type) => Forbidden.Any(f => f.IsAssignableFrom(type));

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type.IsPointer;

    /// <summary>Walks an actual value: fields of objects and structs, elements of arrays.</summary>
    private static void WalkValue(object? value, string path, HashSet<object> seen, List<string> found)
    {
        if (value is null)
        {
            return;
        }
        var type = value.GetType();
        if (IsForbidden(type))
        {
            found.Add($"{path} holds a {type.FullName}");
            return;
        }
        if (IsLeaf(type) || (!type.IsValueType && !seen.Add(value)))
        {
            return;
        }
        if (value is Array array)
        {
            var index = 0;
            foreach (var element in (IEnumerable)array)
            {
                WalkValue(element, $"{path}[{index++}]", seen, found);
            }
            return;
        }
        foreach (var field in InstanceFields(type))
        {
            WalkValue(field.GetValue(value), $"{path}.{Readable(field)}", seen, found);
        }
    }

    /// <summary>Walks declared field types, so a forbidden member is caught even when this run left it null.</summary>
    private static void WalkType(Type type, string path, HashSet<Type> seen, List<string> found)
    {
        if (IsForbidden(type))
        {
            found.Add($"{path} is declared as {type.FullName}");
            return;
        }
        if (IsLeaf(type) || type == typeof(object) || !seen.Add(type))
        {
            return;
        }
        if (type.IsArray)
        {
            WalkType(type.GetElementType()!, path + "[]", seen, found);
            return;
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            WalkType(underlying, path, seen, found);
            return;
        }
        foreach (var field in InstanceFields(type))
        {
            WalkType(field.FieldType, $"{path}.{Readable(field)}", seen, found);
        }
    }

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    private static string Readable(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.IndexOf('>', StringComparison.Ordinal) is var end and > 0 ? field.Name[1..end] : field.Name;
}
