using System.Globalization;
using System.Linq;
using Flagwork.Generators.Model;

namespace Flagwork.Generators;

internal static partial class Emitter
{
    /// <summary>The flag table, flag lookup, per-leaf text parsing (flags, env vars, IConfiguration values),
    /// object accessors and enum helpers.</summary>
    private static string EmitFlags(OptionsSpec spec)
    {
        var defaults = spec.Root.Members
            .Where(m => m.Object is null)
            .Select(m => $"[{Binding}.MemberDefault({Literal(m.PropertyName)}, {Literal(spec.Leaves[m.ValueIndex].DefaultText)}, {(m.DefaultJson is null ? "null" : Literal(m.DefaultJson))})]")
            .ToList();
        var w = Begin(spec, $"{Binding}.IOptionsBinding<{spec.FullName}>", defaults);
        var flags = spec.FlagLeaves;

        w.Line($"public static int ValueCount => {spec.ValueCount.ToString(CultureInfo.InvariantCulture)};");
        w.Line();
        w.Line($"public static string EnvironmentPrefix => {Literal(spec.EnvironmentPrefix)};");
        w.Line();
        w.Line($"private static readonly {Binding}.FlagInfo[] s_flags =");
        w.Line("[");
        foreach (var leaf in flags)
        {
            w.Line($"    new({Literal(leaf.Flag!)}, {Binding}.FlagKind.{FlagKindOf(leaf.Kind)}, {Literal(FlagTypeName(leaf.Kind))}, " +
                   $"{Literal(leaf.RelativePath)}, {leaf.ValueIndex.ToString(CultureInfo.InvariantCulture)}, {Literal(leaf.EnvironmentVariable ?? "")}, " +
                   $"{Literal(leaf.DefaultText)}, {Literal(leaf.Description)}),");
        }
        w.Line("];");
        w.Line();
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Binding}.FlagInfo> Flags => s_flags;");
        w.Line();
        w.Line("public static int FindFlag(global::System.ReadOnlySpan<char> name) => name switch");
        w.Line("{");
        for (var i = 0; i < flags.Count; i++)
        {
            w.Line($"    {Literal(flags[i].Flag!)} => {i.ToString(CultureInfo.InvariantCulture)},");
        }
        w.Line("    _ => -1,");
        w.Line("};");
        w.Line();
        w.Open($"public static void ApplyFlag({spec.FullName} target, int flag, {Binding}.FlagText text, {ValueSource} source, {Context} context)");
        w.Open("switch (flag)");
        for (var i = 0; i < flags.Count; i++)
        {
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}: SetText_{flags[i].MethodSuffix}(target, text, source, context); break;");
        }
        w.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(flag));");
        w.Close();
        w.Close();

        foreach (var leaf in spec.Leaves)
        {
            w.Line();
            EmitSetText(w, spec, leaf);
        }

        w.Line();
        w.Line($"private static {spec.FullName} {ObjectAccessor("Root")}({spec.FullName} target) => target;");
        EmitAccessors(w, spec, spec.Root);

        foreach (var group in spec.Leaves.Where(l => l.EnumTypeFullName is not null).GroupBy(l => l.EnumTypeFullName!))
        {
            w.Line();
            EmitEnumHelpers(w, group.Key, group.First().EnumNames);
        }
        return End(spec, w);
    }

    private static void EmitAccessors(SourceWriter w, OptionsSpec spec, ObjectSpec owner)
    {
        foreach (var member in owner.Members.Where(m => m.Object is not null))
        {
            var nested = member.Object!;
            w.Line($"private static {nested.TypeFullName} {ObjectAccessor(nested.MethodSuffix)}({spec.FullName} target) => " +
                   $"{ObjectAccessor(owner.MethodSuffix)}(target).{member.PropertyName} ??= new {nested.TypeFullName}();");
            EmitAccessors(w, spec, nested);
        }
    }

    /// <summary>Parses one leaf's text the way its flag does, and records where the value came from.</summary>
    private static void EmitSetText(SourceWriter w, OptionsSpec spec, LeafSpec leaf)
    {
        var index = leaf.ValueIndex.ToString(CultureInfo.InvariantCulture);
        var owner = $"{ObjectAccessor(leaf.OwnerAccessor)}(target)";
        var invalid = $"context.AddError({ConfigError}.Invalid(context.Path({Literal(leaf.RelativePath)}), text.ToString(), error!, source));";
        w.Open($"private static void SetText_{leaf.MethodSuffix}({spec.FullName} target, {Binding}.FlagText text, {ValueSource} source, {Context} context)");
        switch (leaf.Kind)
        {
            case ValueKind.String:
                w.Line($"{owner}.{leaf.PropertyName} = text.ToString();");
                break;
            case ValueKind.StringList:
                // A repeated flag appends to its own list; any other source starts a new one (never clearing a list
                // the model may share).
                w.Line($"var owner = {owner};");
                w.Line($"var list = context.AppendsTo({index}, source) && owner.{leaf.PropertyName} is {{ }} existing ? existing : new global::System.Collections.Generic.List<string>();");
                w.Open($"if (!{Binding}.TextValues.TryAppendList(text, list, out var error))");
                w.Line(invalid).Line("return;");
                w.Close();
                w.Line($"owner.{leaf.PropertyName} = list;");
                break;
            case ValueKind.Enum:
            case ValueKind.NullableEnum:
                var helper = EnumHelperSuffix(leaf.EnumTypeFullName!);
                if (leaf.Kind == ValueKind.NullableEnum)
                {
                    w.Open("if (text.Length == 0)");
                    w.Line($"{owner}.{leaf.PropertyName} = null;");
                    w.Line($"context.Sources.Set({index}, source);");
                    w.Line("return;");
                    w.Close();
                }
                w.Open($"if (!TryParseEnum_{helper}(text.Span, out var value))");
                w.Line($"context.AddError({ConfigError}.Invalid(context.Path({Literal(leaf.RelativePath)}), text.ToString(), {Binding}.TextValues.EnumError(s_enumNames_{helper}), source));");
                w.Line("return;");
                w.Close();
                w.Line($"{owner}.{leaf.PropertyName} = value;");
                break;
            default:
                w.Open($"if (!{Binding}.TextValues.{TextParser(leaf.Kind)}(text.Span, out var value, out var error))");
                w.Line(invalid).Line("return;");
                w.Close();
                w.Line($"{owner}.{leaf.PropertyName} = value;");
                break;
        }
        w.Line($"context.Sources.Set({index}, source);");
        w.Close();
    }

    private static void EmitEnumHelpers(SourceWriter w, string enumFullName, EquatableArray<string> names)
    {
        var helper = EnumHelperSuffix(enumFullName);
        w.Line($"private static readonly string[] s_enumNames_{helper} = [{string.Join(", ", names.Select(Literal))}];");
        w.Line();
        w.Open($"private static bool TryParseEnum_{helper}(global::System.ReadOnlySpan<char> text, out {enumFullName} value)");
        foreach (var name in names)
        {
            w.Open($"if (global::System.MemoryExtensions.Equals(text, {Literal(name)}, global::System.StringComparison.OrdinalIgnoreCase))");
            w.Line($"value = {enumFullName}.{name};");
            w.Line("return true;");
            w.Close();
        }
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line($"private static string EnumName_{helper}({enumFullName} value) => value switch");
        w.Line("{");
        foreach (var name in names)
        {
            w.Line($"    {enumFullName}.{name} => {Literal(name)},");
        }
        w.Line("    _ => ((long)value).ToString(global::System.Globalization.CultureInfo.InvariantCulture),");
        w.Line("};");
    }

    private static string TextParser(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "TryParseBool",
        ValueKind.Int32 => "TryParseInt32",
        ValueKind.Int64 => "TryParseInt64",
        ValueKind.Double => "TryParseDouble",
        ValueKind.Duration => "TryParseDuration",
        _ => "TryParseString",
    };

    internal static string FlagKindOf(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "Bool",
        ValueKind.StringList => "List",
        _ => "Value",
    };

    /// <summary>The type word pflag prints in <c>--help</c>.</summary>
    internal static string FlagTypeName(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "int64",
        ValueKind.Double => "float64",
        ValueKind.Duration => "duration",
        ValueKind.StringList => "strings",
        _ => "string",
    };
}
