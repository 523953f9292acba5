using System.Globalization;
using System.Linq;
using Flagwork.Generators.Model;

namespace Flagwork.Generators;

internal static partial class Emitter
{
    private const string Documents = "global::Flagwork.Documents";
    private const string DocumentValues = "global::Flagwork.Binding.DocumentValues";

    /// <summary>Config-file binding (strict), IConfiguration binding, the effective-config writer and the
    /// <c>OptionsBuilder.Bind</c> overload that replaces the reflection binder for this type.</summary>
    private static string EmitBinding(OptionsSpec spec)
    {
        var w = Begin(spec);
        w.Open($"public static void BindDocument({spec.FullName} target, {Documents}.ConfigMapping document, {Context} context)");
        w.Line($"BindDocument_Root(target, document, context);");
        w.Close();
        foreach (var obj in Objects(spec.Root))
        {
            w.Line();
            EmitBindDocument(w, spec, obj);
        }

        w.Line();
        w.Open($"public static void BindConfiguration({spec.FullName} target, global::Microsoft.Extensions.Configuration.IConfiguration configuration, {Context} context)");
        w.Line("BindConfiguration_Root(target, configuration, context);");
        w.Close();
        foreach (var obj in Objects(spec.Root))
        {
            w.Line();
            EmitBindConfiguration(w, spec, obj);
        }

        w.Line();
        w.Open($"public static void WriteConfig({spec.FullName} value, {Binding}.ConfigWriter writer)");
        if (spec.ApiVersion is not null)
        {
            w.Line($"writer.WriteString(\"apiVersion\", {Literal(spec.ApiVersion)});");
        }
        if (spec.Kind is not null)
        {
            w.Line($"writer.WriteString(\"kind\", {Literal(spec.Kind)});");
        }
        w.Line("WriteConfig_Root(value, writer);");
        w.Close();
        foreach (var obj in Objects(spec.Root))
        {
            w.Line();
            EmitWriteConfig(w, spec, obj);
        }
        var text = End(spec, w);
        return text + EmitOptionsBuilderExtension(spec);
    }

    private static void EmitBindDocument(SourceWriter w, OptionsSpec spec, ObjectSpec obj)
    {
        var isRoot = obj.MethodSuffix == "Root";
        var keys = obj.Members.Select(m => m.Key).ToList();
        if (isRoot && spec.Kind is not null) keys.Insert(0, "kind");
        if (isRoot && spec.ApiVersion is not null) keys.Insert(0, "apiVersion");
        w.Line($"private static readonly string[] s_keys_{obj.MethodSuffix} = [{string.Join(", ", keys.Select(Literal))}];");
        w.Line();
        w.Open($"private static void BindDocument_{obj.MethodSuffix}({spec.FullName} target, {Documents}.ConfigMapping mapping, {Context} context)");
        w.Open("foreach (var entry in mapping.Entries)");
        w.Open("switch (entry.Key)");
        if (isRoot && spec.ApiVersion is not null)
        {
            w.Line($"case \"apiVersion\": {DocumentValues}.CheckFixedString(entry, {Literal(spec.ApiVersion)}, context); break;");
        }
        if (isRoot && spec.Kind is not null)
        {
            w.Line($"case \"kind\": {DocumentValues}.CheckFixedString(entry, {Literal(spec.Kind)}, context); break;");
        }
        foreach (var member in obj.Members)
        {
            w.Open($"case {Literal(member.Key)}:");
            EmitReadDocumentValue(w, spec, member);
            w.Line("break;");
            w.Close();
        }
        w.Line($"default: {DocumentValues}.UnknownKey(entry, {Literal(obj.RelativePath)}, s_keys_{obj.MethodSuffix}, context); break;");
        w.Close();
        w.Close();
        w.Close();
    }

    private static void EmitReadDocumentValue(SourceWriter w, OptionsSpec spec, MemberSpec member)
    {
        var path = Literal(member.RelativePath);
        if (member.Object is { } nestedObject)
        {
            w.Open($"if ({DocumentValues}.TryReadMapping(entry.Value, {path}, context, out var nested))");
            w.Line($"BindDocument_{nestedObject.MethodSuffix}(target, nested, context);");
            w.Close();
            return;
        }
        var leaf = spec.Leaves[member.ValueIndex];
        var index = leaf.ValueIndex.ToString(CultureInfo.InvariantCulture);
        var owner = $"{ObjectAccessor(leaf.OwnerAccessor)}(target)";
        var record = $"context.Sources.Set({index}, entry.Value.Source);";
        switch (leaf.Kind)
        {
            case ValueKind.String:
                w.Open($"if ({DocumentValues}.TryReadString(entry.Value, {path}, context, out var value))");
                w.Line($"{owner}.{leaf.PropertyName} = {(leaf.IsFilePath ? "context.ResolveFilePath(value)" : "value")};");
                break;
            case ValueKind.Bool:
                w.Open($"if ({DocumentValues}.TryReadBool(entry.Value, {path}, context, out var value))");
                w.Line($"{owner}.{leaf.PropertyName} = value;");
                break;
            case ValueKind.Duration:
                w.Open($"if ({DocumentValues}.TryReadDuration(entry.Value, {path}, context, out var value))");
                w.Line($"{owner}.{leaf.PropertyName} = value;");
                break;
            case ValueKind.StringList:
                w.Open($"if ({DocumentValues}.TryReadStringList(entry.Value, {path}, context, out var value))");
                w.Line($"{owner}.{leaf.PropertyName} = value;");
                break;
            case ValueKind.Int32:
            case ValueKind.Int64:
            case ValueKind.Double:
                w.Open($"if ({DocumentValues}.TryReadNumberText(entry.Value, {path}, context, out var text))");
                w.Open($"if (!{Binding}.TextValues.{TextParser(leaf.Kind)}(text, out var value, out var error))");
                w.Line($"context.AddError({ConfigError}.Invalid(context.Path({path}), text, error!, entry.Value.Source));");
                w.Line("break;");
                w.Close();
                w.Line($"{owner}.{leaf.PropertyName} = value;");
                break;
            default:
                // Enums: matched by name, case-insensitively, exactly as their flag does.
                w.Open($"if ({DocumentValues}.TryReadEnumText(entry.Value, {path}, context, out var text))");
                w.Line($"SetText_{leaf.MethodSuffix}(target, text, entry.Value.Source, context);");
                w.Close();
                return;
        }
        w.Line(record);
        w.Close();
    }

    private static void EmitBindConfiguration(SourceWriter w, OptionsSpec spec, ObjectSpec obj)
    {
        const string configuration = "global::Microsoft.Extensions.Configuration.IConfiguration";
        w.Open($"private static void BindConfiguration_{obj.MethodSuffix}({spec.FullName} target, {configuration} section, {Context} context)");
        foreach (var member in obj.Members)
        {
            w.Open("");
            w.Line($"var child = section.GetSection({Literal(member.Key)});");
            if (member.Object is { } nested)
            {
                w.Open("if (global::System.Linq.Enumerable.Any(child.GetChildren()))");
                w.Line($"BindConfiguration_{nested.MethodSuffix}(target, child, context);");
                w.Close();
                w.Close();
                continue;
            }
            var leaf = spec.Leaves[member.ValueIndex];
            if (leaf.Kind == ValueKind.StringList)
            {
                w.Open($"if (global::Flagwork.Configuration.ConfigurationValues.TryReadList(child, out var list))");
                w.Line($"{ObjectAccessor(leaf.OwnerAccessor)}(target).{leaf.PropertyName} = list;");
                w.Line($"context.Sources.Set({leaf.ValueIndex.ToString(CultureInfo.InvariantCulture)}, {ValueSource}.ConfigurationKey(child.Path));");
                w.Close();
                w.Open("else if (child.Value is { } text)");
            }
            else
            {
                w.Open("if (child.Value is { } text)");
            }
            w.Line($"SetText_{leaf.MethodSuffix}(target, text, {ValueSource}.ConfigurationKey(child.Path), context);");
            w.Close();
            w.Close();
        }
        w.Close();
    }

    private static void EmitWriteConfig(SourceWriter w, OptionsSpec spec, ObjectSpec obj)
    {
        w.Open($"private static void WriteConfig_{obj.MethodSuffix}({obj.TypeFullName} value, {Binding}.ConfigWriter writer)");
        foreach (var member in obj.Members)
        {
            var key = Literal(member.Key);
            var access = "value." + member.PropertyName;
            if (member.Object is { } nested)
            {
                w.Line($"writer.BeginMapping({key});");
                w.Open($"if ({access} is {{ }} {member.PropertyName.ToLowerInvariant()}Value)");
                w.Line($"WriteConfig_{nested.MethodSuffix}({member.PropertyName.ToLowerInvariant()}Value, writer);");
                w.Close();
                w.Line("writer.EndMapping();");
                continue;
            }
            var leaf = spec.Leaves[member.ValueIndex];
            if (leaf.IsSensitive)
            {
                var isSet = IsSetExpression(leaf.Kind, access, leaf.TypeFullName);
                w.Line($"if ({isSet}) writer.WriteRedacted({key}); else writer.WriteString({key}, \"\");");
                continue;
            }
            w.Line(leaf.Kind switch
            {
                ValueKind.String => $"writer.WriteString({key}, {access} ?? \"\");",
                ValueKind.Bool => $"writer.WriteBool({key}, {access});",
                ValueKind.Int32 or ValueKind.Int64 => $"writer.WriteNumber({key}, (long){access});",
                ValueKind.Double => $"writer.WriteNumber({key}, {access});",
                ValueKind.Duration => $"writer.WriteString({key}, global::Flagwork.Text.GoDuration.Format({access}));",
                ValueKind.StringList => $"writer.WriteList({key}, {access});",
                ValueKind.Enum => $"writer.WriteString({key}, EnumName_{EnumHelperSuffix(leaf.EnumTypeFullName!)}({access}));",
                _ => $"writer.WriteString({key}, {access} is {{ }} {leaf.PropertyName.ToLowerInvariant()}Value ? EnumName_{EnumHelperSuffix(leaf.EnumTypeFullName!)}({leaf.PropertyName.ToLowerInvariant()}Value) : \"\");",
            });
        }
        w.Close();
    }

    /// <summary>
    /// A non-generic <c>Bind</c> for this type in the namespace of the library's generic one: C# prefers it, so
    /// <c>AddOptions&lt;T&gt;().Bind(section)</c> binds through generated code and registers the generated validation.
    /// </summary>
    private static string EmitOptionsBuilderExtension(OptionsSpec spec)
    {
        var className = "Flagwork_" + spec.FullName.Replace("global::", "").Replace('.', '_') + "_OptionsBuilderExtensions";
        var accessibility = spec.IsPublic ? "public" : "internal";
        var builder = $"global::Microsoft.Extensions.Options.OptionsBuilder<{spec.FullName}>";
        var w = new SourceWriter();
        w.Line();
        w.Open("namespace Microsoft.Extensions.DependencyInjection");
        w.Line($"/// <summary>Binds <see cref=\"{spec.FullName.Replace("global::", "")}\"/> through its generated code and validates it with its generated rules.</summary>");
        w.Open($"{accessibility} static class {className}");
        w.Open($"public static {builder} Bind(this {builder} builder, global::Microsoft.Extensions.Configuration.IConfiguration configuration)");
        w.Line("global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddEnumerable(");
        w.Line("    builder.Services,");
        w.Line($"    global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<global::Microsoft.Extensions.Options.IValidateOptions<{spec.FullName}>, global::Flagwork.Configuration.OptionsValidator<{spec.FullName}>>());");
        w.Line("builder.Configure(options => global::Flagwork.Configuration.ConfigurationBinding.Bind(options, configuration));");
        w.Line("return builder;");
        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }
}
