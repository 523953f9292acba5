using System.Collections.Generic;
using System.Linq;
using Flagwork.Generators.Model;

namespace Flagwork.Generators;

internal static partial class Emitter
{
    /// <summary>Go duration syntax: one or more number+unit pairs (or a bare 0).</summary>
    internal const string DurationPattern = @"^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$";
    private const string Label = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    private const string DnsLabelPattern = "^" + Label + "$";
    private const string DnsSubdomainPattern = @"^" + Label + @"(\." + Label + ")*$";
    private const string WildcardDnsPattern = @"^(\*\.)?" + Label + @"(\." + Label + ")*$";
    private const string HostPortPattern = @"^(\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]*):[0-9]{1,5}$";

    /// <summary>The JSON Schema (draft 2020-12) of the config file, as a constant: types, descriptions, defaults,
    /// enums, patterns, no additional properties, and the cross-field rules expressed with if/then and not.</summary>
    private static string EmitSchema(OptionsSpec spec)
    {
        var schema = new JsonObject()
            .Add("$schema", "https://json-schema.org/draft/2020-12/schema")
            .Add("title", spec.TypeName);
        if (spec.Root.Description is { } description)
        {
            schema.Add("description", description);
        }
        AddObjectBody(schema, spec, spec.Root, isRoot: true);

        var w = Begin(spec);
        w.RawStringAssignment("public static string JsonSchema => ", schema.ToJson());
        return End(spec, w);
    }

    private static void AddObjectBody(JsonObject schema, OptionsSpec spec, ObjectSpec obj, bool isRoot)
    {
        schema.Add("type", isRoot ? (object)"object" : new List<object> { "object", "null" });
        var properties = new JsonObject();
        if (isRoot && spec.ApiVersion is not null)
        {
            properties.Add("apiVersion", new JsonObject().Add("const", spec.ApiVersion));
        }
        if (isRoot && spec.Kind is not null)
        {
            properties.Add("kind", new JsonObject().Add("const", spec.Kind));
        }
        foreach (var member in obj.Members)
        {
            properties.Add(member.Key, MemberSchema(spec, member));
        }
        schema.Add("properties", properties);
        schema.Add("additionalProperties", false);

        var rules = new List<object>();
        foreach (var group in obj.Groups)
        {
            var members = group.MemberNames.Select(n => obj.Members.First(m => m.PropertyName == n)).ToList();
            if (group.Kind == GroupKind.RequiredTogether)
            {
                rules.Add(new JsonObject()
                    .Add("if", new JsonObject().Add("anyOf", members.Select(m => (object)NonEmpty(m)).ToList()))
                    .Add("then", new JsonObject().Add("allOf", members.Select(m => (object)NonEmpty(m)).ToList())));
            }
            else
            {
                var pairs = new List<object>();
                for (var i = 0; i < members.Count; i++)
                {
                    for (var j = i + 1; j < members.Count; j++)
                    {
                        pairs.Add(new JsonObject().Add("allOf", new List<object> { NonEmpty(members[i]), NonEmpty(members[j]) }));
                    }
                }
                rules.Add(new JsonObject()
                    .Add("description", group.Message)
                    .Add("not", new JsonObject().Add("anyOf", pairs)));
            }
        }
        var required = obj.Members.Where(m => m.RequiredMessage is not null).Select(m => (object)NonEmpty(m)).ToList();
        rules.AddRange(required);
        if (rules.Count > 0)
        {
            schema.Add("allOf", rules);
        }
    }

    private static JsonObject MemberSchema(OptionsSpec spec, MemberSpec member)
    {
        var schema = new JsonObject();
        if (member.Object is { } nested)
        {
            if (member.Description is { } objectDescription)
            {
                schema.Add("description", objectDescription);
            }
            AddObjectBody(schema, spec, nested, isRoot: false);
            return schema;
        }
        var leaf = spec.Leaves[member.ValueIndex];
        if (leaf.Description.Length > 0)
        {
            schema.Add("description", leaf.Description);
        }
        switch (leaf.Kind)
        {
            case ValueKind.String:
                schema.Add("type", new List<object> { "string", "null" });
                AddFormat(schema, leaf.Format, allowEmpty: leaf.Format != FormatCheck.HostPort);
                break;
            case ValueKind.Bool:
                schema.Add("type", new List<object> { "boolean", "null" });
                break;
            case ValueKind.Int32:
            case ValueKind.Int64:
                schema.Add("type", new List<object> { "integer", "null" });
                break;
            case ValueKind.Double:
                schema.Add("type", new List<object> { "number", "null" });
                break;
            case ValueKind.Duration:
                schema.Add("type", new List<object> { "string", "null" });
                schema.Add("pattern", DurationPattern);
                break;
            case ValueKind.Enum:
            case ValueKind.NullableEnum:
                var names = leaf.EnumNames.Select(n => (object)n).ToList();
                if (leaf.Kind == ValueKind.NullableEnum)
                {
                    names.Add("");
                }
                names.Add(new JsonObject.Raw("null"));
                schema.Add("enum", names);
                break;
            case ValueKind.StringList:
                schema.Add("type", new List<object> { "array", "null" });
                var items = new JsonObject().Add("type", "string");
                AddFormat(items, leaf.Format, allowEmpty: false);
                schema.Add("items", items);
                break;
        }
        if (member.DefaultJson is { } defaultJson)
        {
            schema.Add("default", new JsonObject.Raw(defaultJson));
        }
        if (leaf.Flag is not null)
        {
            schema.Add("x-flag", "--" + leaf.Flag);
        }
        return schema;
    }

    /// <param name="allowEmpty">An empty scalar means "not set" to the binder (required-ness is checked separately);
    /// list elements and listen addresses must never be empty.</param>
    private static void AddFormat(JsonObject schema, FormatCheck format, bool allowEmpty)
    {
        var pattern = format switch
        {
            FormatCheck.DnsLabel => DnsLabelPattern,
            FormatCheck.DnsSubdomain or FormatCheck.DnsName => DnsSubdomainPattern,
            FormatCheck.DnsNameWildcard => WildcardDnsPattern,
            FormatCheck.HostPort => HostPortPattern,
            _ => null,
        };
        if (pattern is not null)
        {
            schema.Add("pattern", allowEmpty ? "^$|" + pattern : pattern);
        }
        if (format == FormatCheck.DnsLabel)
        {
            schema.Add("maxLength", 63);
        }
        else if (format is FormatCheck.DnsSubdomain or FormatCheck.DnsName or FormatCheck.DnsNameWildcard)
        {
            schema.Add("maxLength", 253);
        }
    }

    /// <summary>"This member is present and not empty", the schema form of the binder's presence test.</summary>
    private static JsonObject NonEmpty(MemberSpec member)
    {
        JsonObject condition;
        if (member.Object is { } nested)
        {
            condition = new JsonObject().Add("type", "object").Add("anyOf", PresenceMembers(nested).Select(m => (object)NonEmpty(m)).ToList());
        }
        else
        {
            condition = member.Kind switch
            {
                ValueKind.StringList => new JsonObject().Add("type", "array").Add("minItems", 1),
                ValueKind.Bool => new JsonObject().Add("const", true),
                ValueKind.String or ValueKind.Duration or ValueKind.NullableEnum or ValueKind.Enum => new JsonObject().Add("type", "string").Add("minLength", 1),
                _ => new JsonObject().Add("type", "number").Add("not", new JsonObject().Add("const", 0)),
            };
        }
        return new JsonObject()
            .Add("required", new List<object> { member.Key })
            .Add("properties", new JsonObject().Add(member.Key, condition));
    }
}
