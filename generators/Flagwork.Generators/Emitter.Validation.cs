using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flagwork.Generators.Model;

namespace Flagwork.Generators;

internal static partial class Emitter
{
    private const string Rules = "global::Flagwork.Binding.Rules";

    /// <summary>
    /// Validation: per-member formats and [Required], then each object's mutually-exclusive groups (a violation is the
    /// only error reported for those members: their required-together rules are skipped, as cert-manager's V1
    /// short-circuits), then its required-together groups, then nested objects. Every error names its path and source.
    /// </summary>
    private static string EmitValidation(OptionsSpec spec)
    {
        var w = Begin(spec);
        w.Open($"public static void Validate({spec.FullName} value, {Context} context)");
        w.Line("Validate_Root(value, context, checkGroups: true);");
        w.Close();
        var presenceNeeded = ObjectsNeedingPresence(spec.Root);
        foreach (var obj in Objects(spec.Root))
        {
            w.Line();
            EmitValidateObject(w, spec, obj);
            if (presenceNeeded.Contains(obj.MethodSuffix))
            {
                w.Line();
                EmitProvidedBy(w, spec, obj);
            }
        }
        return End(spec, w);
    }

    /// <summary>Objects whose presence a rule asks about: grouped or required object members, and the objects their
    /// presence predicate looks into.</summary>
    private static HashSet<string> ObjectsNeedingPresence(ObjectSpec root)
    {
        var needed = new HashSet<string>();
        var pending = new Stack<ObjectSpec>();
        foreach (var obj in Objects(root))
        {
            var grouped = new HashSet<string>(obj.Groups.SelectMany(g => g.MemberNames));
            foreach (var member in obj.Members.Where(m => m.Object is not null && (m.RequiredMessage is not null || grouped.Contains(m.PropertyName))))
            {
                pending.Push(member.Object!);
            }
        }
        while (pending.Count > 0)
        {
            var obj = pending.Pop();
            if (!needed.Add(obj.MethodSuffix))
            {
                continue;
            }
            foreach (var member in PresenceMembers(obj).Where(m => m.Object is not null))
            {
                pending.Push(member.Object!);
            }
        }
        return needed;
    }

    /// <summary>The members whose being set makes an object "provided".</summary>
    private static IEnumerable<MemberSpec> PresenceMembers(ObjectSpec obj)
    {
        var grouped = new HashSet<string>(obj.Groups.Where(g => g.Kind == GroupKind.RequiredTogether).SelectMany(g => g.MemberNames));
        return grouped.Count > 0 ? obj.Members.Where(m => grouped.Contains(m.PropertyName)) : obj.Members;
    }

    private static void EmitValidateObject(SourceWriter w, OptionsSpec spec, ObjectSpec obj)
    {
        w.Open($"private static void Validate_{obj.MethodSuffix}({obj.TypeFullName} value, {Context} context, bool checkGroups)");
        foreach (var member in obj.Members)
        {
            EmitMemberRules(w, spec, member);
        }

        var grouped = new HashSet<string>(obj.Groups.SelectMany(g => g.MemberNames));
        var nested = obj.Members.Where(m => m.Object is not null).ToList();
        foreach (var name in grouped)
        {
            var member = obj.Members.First(m => m.PropertyName == name);
            w.Line($"var provided_{name} = {ProvidedExpression(spec, member)};");
        }
        foreach (var member in nested)
        {
            w.Line($"var check_{member.PropertyName} = checkGroups;");
        }
        // A required-together group that shares a member with a mutually-exclusive group is skipped when that one is
        // violated; the object's other groups are still checked.
        var exclusiveMembers = new HashSet<string>(obj.Groups.Where(g => g.Kind == GroupKind.MutuallyExclusive).SelectMany(g => g.MemberNames));
        var guarded = obj.Groups.Where(g => g.Kind == GroupKind.RequiredTogether && g.MemberNames.Any(exclusiveMembers.Contains)).ToList();
        foreach (var group in guarded)
        {
            w.Line($"var checkGroup_{GroupIdentifier(group)} = checkGroups;");
        }

        foreach (var group in obj.Groups.Where(g => g.Kind == GroupKind.MutuallyExclusive))
        {
            var members = group.MemberNames.Select(n => obj.Members.First(m => m.PropertyName == n)).ToList();
            var count = string.Join(" + ", members.Select(m => $"(provided_{m.PropertyName}.HasValue ? 1 : 0)"));
            w.Open($"if ({count} > 1)");
            var list = string.Join(", ", members.Select(m => $"({Literal(m.Key)}, provided_{m.PropertyName})"));
            w.Line($"context.AddError({Rules}.MutuallyExclusive(context.Path({Literal(obj.RelativePath)}), {Literal(group.Message)}, [{list}]));");
            foreach (var member in members.Where(m => m.Object is not null))
            {
                w.Line($"check_{member.PropertyName} = false;");
            }
            foreach (var other in guarded.Where(g => g.MemberNames.Any(name => group.MemberNames.Contains(name))))
            {
                w.Line($"checkGroup_{GroupIdentifier(other)} = false;");
            }
            w.Close();
        }

        foreach (var group in obj.Groups.Where(g => g.Kind == GroupKind.RequiredTogether))
        {
            var members = group.MemberNames.Select(n => obj.Members.First(m => m.PropertyName == n)).ToList();
            var guard = guarded.Contains(group) ? "checkGroup_" + GroupIdentifier(group) : "checkGroups";
            w.Open($"if ({guard} && ({string.Join(" ?? ", members.Select(m => "provided_" + m.PropertyName))}) is {{ }} trigger_{GroupIdentifier(group)})");
            foreach (var member in members)
            {
                w.Open($"if (!provided_{member.PropertyName}.HasValue)");
                w.Line($"context.AddError({ConfigError}.Required(context.Path({Literal(member.RelativePath)}), {Literal(group.Message)}, trigger_{GroupIdentifier(group)}));");
                w.Close();
            }
            w.Close();
        }

        foreach (var member in nested)
        {
            w.Open($"if (value.{member.PropertyName} is {{ }} {Camel(member.PropertyName)})");
            w.Line($"Validate_{member.Object!.MethodSuffix}({Camel(member.PropertyName)}, context, check_{member.PropertyName});");
            w.Close();
        }
        w.Close();
    }

    private static void EmitMemberRules(SourceWriter w, OptionsSpec spec, MemberSpec member)
    {
        var access = "value." + member.PropertyName;
        var path = Literal(member.RelativePath);
        if (member.Object is not null)
        {
            if (member.RequiredMessage is not null)
            {
                w.Open($"if (!ProvidedBy_{member.Object.MethodSuffix}({access}, context).HasValue)");
                w.Line($"context.AddError({ConfigError}.Required(context.Path({path}), {Literal(member.RequiredMessage)}));");
                w.Close();
            }
            return;
        }
        var leaf = spec.Leaves[member.ValueIndex];
        var index = leaf.ValueIndex.ToString(CultureInfo.InvariantCulture);
        if (member.RequiredMessage is not null)
        {
            w.Open($"if (!({IsSetExpression(leaf.Kind, access, leaf.TypeFullName)}))");
            w.Line($"context.AddError({ConfigError}.Required(context.Path({path}), {Literal(member.RequiredMessage)}, context.Sources[{index}]));");
            w.Close();
        }
        var check = leaf.Format switch
        {
            FormatCheck.DnsName => leaf.Kind == ValueKind.StringList ? "CheckDnsNames" : "CheckDnsName",
            FormatCheck.DnsNameWildcard => leaf.Kind == ValueKind.StringList ? "CheckWildcardDnsNames" : "CheckWildcardDnsName",
            FormatCheck.DnsLabel => "CheckDnsLabel",
            FormatCheck.DnsSubdomain => "CheckDnsSubdomain",
            FormatCheck.HostPort => "CheckHostPort",
            _ => null,
        };
        if (check is not null)
        {
            w.Line($"{Rules}.{check}({access}, {path}, {index}, context);");
        }
    }

    /// <summary>The source of the first set member that makes an object "provided", or null: the presence predicate
    /// (cert-manager's <c>DynamicConfigProvided()</c>) over its grouped members, or over all members when it has no group.</summary>
    private static void EmitProvidedBy(SourceWriter w, OptionsSpec spec, ObjectSpec obj)
    {
        w.Open($"private static {ValueSource}? ProvidedBy_{obj.MethodSuffix}({obj.TypeFullName}? value, {Context} context)");
        w.Open("if (value is null)");
        w.Line("return null;");
        w.Close();
        foreach (var member in PresenceMembers(obj))
        {
            w.Open($"if ({ProvidedExpression(spec, member)} is {{ }} {Camel(member.PropertyName)})");
            w.Line($"return {Camel(member.PropertyName)};");
            w.Close();
        }
        w.Line("return null;");
        w.Close();
    }

    private static string ProvidedExpression(OptionsSpec spec, MemberSpec member)
    {
        var access = "value." + member.PropertyName;
        if (member.Object is { } nested)
        {
            return $"ProvidedBy_{nested.MethodSuffix}({access}, context)";
        }
        var leaf = spec.Leaves[member.ValueIndex];
        return $"(({IsSetExpression(leaf.Kind, access, leaf.TypeFullName)}) ? context.Sources[{leaf.ValueIndex.ToString(CultureInfo.InvariantCulture)}] : ({ValueSource}?)null)";
    }

    /// <summary>The group's name as the tail of a C# identifier: anything but a letter, a digit or '_' becomes '_'.</summary>
    private static string GroupIdentifier(GroupSpec group) =>
        new string(group.Name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());

    private static string Camel(string name) => "@" + char.ToLowerInvariant(name[0]) + name.Substring(1);
}
