using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Flagwork.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flagwork.Generators;

public sealed partial class OptionsGenerator
{
    /// <summary>Turns an annotated class symbol into an <see cref="OptionsSpec"/>. Never writes source text.</summary>
    internal static class Parser
    {
        private const string AttributeNamespace = "Flagwork";
        private static readonly Regex FlagName = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex EnvironmentPrefix = new("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant);
        private static readonly string[] BuiltInFlags = ["config", "help", "print-config", "print-config-schema"];

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var state = new ParseState(context.SemanticModel, cancellationToken);

            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                state.Report(DiagnosticDescriptors.ClassNotPartial, syntax.Identifier.GetLocation(), type.Name);
            }
            if (type.ContainingType is not null)
            {
                state.Report(DiagnosticDescriptors.UnsupportedClassShape, syntax.Identifier.GetLocation(), type.Name,
                    "is nested in another type; declare options classes at namespace level");
            }
            if (type.IsGenericType)
            {
                state.Report(DiagnosticDescriptors.UnsupportedClassShape, syntax.Identifier.GetLocation(), type.Name,
                    "is generic; options classes cannot have type parameters");
            }
            if (type.IsStatic || type.IsAbstract)
            {
                state.Report(DiagnosticDescriptors.UnsupportedClassShape, syntax.Identifier.GetLocation(), type.Name,
                    "is static or abstract; the generated code creates instances of it");
            }
            else if (!HasPublicParameterlessConstructor(type))
            {
                state.Report(DiagnosticDescriptors.UnsupportedClassShape, syntax.Identifier.GetLocation(), type.Name,
                    "has no public parameterless constructor; the generated code creates instances of it");
            }
            if (state.HasErrors)
            {
                return state.Result(null);
            }

            var attribute = context.Attributes[0];
            var prefix = NamedString(attribute, "EnvPrefix") ?? "";
            if (prefix.Length > 0 && !EnvironmentPrefix.IsMatch(prefix))
            {
                state.Report(DiagnosticDescriptors.InvalidEnvironmentPrefix, AttributeLocation(attribute), prefix);
            }
            state.EnvironmentPrefix = prefix;
            state.RootName = type.Name;
            state.ReservedRootKeys = new[] { ("apiVersion", NamedString(attribute, "ApiVersion")), ("kind", NamedString(attribute, "Kind")) }
                .Where(k => k.Item2 is not null).Select(k => k.Item1).ToArray();
            foreach (var builtIn in BuiltInFlags)
            {
                state.Flags.Add(builtIn);
            }

            var visiting = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { type };
            var root = ParseObject(type, "", "Root", visiting, state);
            if (state.HasErrors)
            {
                return state.Result(null);
            }

            var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            var spec = new OptionsSpec(
                ns,
                type.Name,
                FullName(type),
                type.DeclaredAccessibility == Accessibility.Public,
                prefix,
                NamedString(attribute, "ApiVersion"),
                NamedString(attribute, "Kind"),
                root,
                state.Leaves.Count,
                state.Leaves.ToEquatableArray());
            return state.Result(spec);
        }

        private static ObjectSpec ParseObject(INamedTypeSymbol type, string relativePath, string methodSuffix, HashSet<ITypeSymbol> visiting, ParseState state)
        {
            var members = new List<MemberSpec>();
            var groups = new Dictionary<(GroupKind, string), (string Message, List<string> Members, Location? Location)>();
            var keys = new HashSet<string>(StringComparer.Ordinal);

            foreach (var property in DeclaredProperties(type))
            {
                state.CancellationToken.ThrowIfCancellationRequested();
                var location = property.Locations.FirstOrDefault();
                if (property.SetMethod is null && !IsAutoProperty(property) && !property.GetAttributes().Any(IsOurs))
                {
                    // A computed property (an expression over other members) is not an option.
                    continue;
                }
                if (property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }
                    || property.SetMethod is not { DeclaredAccessibility: Accessibility.Public }
                    || property.SetMethod.IsInitOnly)
                {
                    state.Report(DiagnosticDescriptors.MemberNotSettable, location, property.Name);
                    continue;
                }

                var attributes = property.GetAttributes();
                var key = StringArgument(Find(attributes, "KeyAttribute")) ?? CamelCase(property.Name);
                if (!keys.Add(key) || (relativePath.Length == 0 && state.ReservedRootKeys.Contains(key)))
                {
                    state.Report(DiagnosticDescriptors.DuplicateKey, location, key, type.Name);
                    continue;
                }
                var memberPath = relativePath.Length == 0 ? key : relativePath + "." + key;
                var kind = Classify(property.Type, out var enumType);
                var description = StringArgument(Find(attributes, "DescriptionAttribute"));
                var flagAttribute = Find(attributes, "FlagAttribute");
                var requiredAttribute = Find(attributes, "RequiredAttribute");
                string? requiredMessage = requiredAttribute is null ? null : NamedString(requiredAttribute, "Message") ?? "must be specified";

                foreach (var rule in attributes)
                {
                    var ruleKind = rule.AttributeClass?.Name switch
                    {
                        "RequiredTogetherAttribute" => GroupKind.RequiredTogether,
                        "MutuallyExclusiveAttribute" => (GroupKind?)GroupKind.MutuallyExclusive,
                        _ => null,
                    };
                    if (ruleKind is null || !IsOurs(rule))
                    {
                        continue;
                    }
                    var groupName = StringArgument(rule) ?? "";
                    var message = NamedString(rule, "Message") ?? (ruleKind == GroupKind.RequiredTogether
                        ? "must be specified together with the other members of its group"
                        : "only one of these may be specified");
                    if (!groups.TryGetValue((ruleKind.Value, groupName), out var group))
                    {
                        group = (message, new List<string>(), AttributeLocation(rule));
                        groups.Add((ruleKind.Value, groupName), group);
                    }
                    group.Members.Add(property.Name);
                }

                if (kind is null)
                {
                    var named = property.Type as INamedTypeSymbol;
                    if (named is { TypeKind: TypeKind.Class } && named.SpecialType == SpecialType.None && !IsCollection(named))
                    {
                        state.Report(DiagnosticDescriptors.NestedTypeNotOptions, location, property.Name, property.Type.ToDisplayString());
                    }
                    else
                    {
                        state.Report(DiagnosticDescriptors.UnsupportedMemberType, location, property.Name, property.Type.ToDisplayString());
                    }
                    continue;
                }

                if (kind == ValueKind.Object)
                {
                    var nested = (INamedTypeSymbol)property.Type;
                    if (flagAttribute is not null)
                    {
                        state.Report(DiagnosticDescriptors.AttributeNotApplicable, AttributeLocation(flagAttribute), "Flag", property.Name,
                            nested.Name, "a nested options object has no flag of its own; put flags on its members");
                    }
                    ReportNotApplicable(attributes, property, kind.Value, state);
                    if (!visiting.Add(nested))
                    {
                        state.Report(DiagnosticDescriptors.OptionsCycle, location, property.Name, nested.Name);
                        continue;
                    }
                    var nestedSuffix = methodSuffix == "Root" ? property.Name : methodSuffix + "_" + property.Name;
                    var objectSpec = ParseObject(nested, memberPath, nestedSuffix, visiting, state);
                    visiting.Remove(nested);
                    members.Add(new MemberSpec(property.Name, key, memberPath, ValueKind.Object, FullName(nested), -1,
                        description ?? StringArgument(Find(nested.GetAttributes(), "DescriptionAttribute")), null, requiredMessage, objectSpec));
                    continue;
                }

                ReportNotApplicable(attributes, property, kind.Value, state);
                string? flag = null;
                if (flagAttribute is not null)
                {
                    flag = StringArgument(flagAttribute) ?? "";
                    if (!FlagName.IsMatch(flag))
                    {
                        state.Report(DiagnosticDescriptors.InvalidFlagName, AttributeLocation(flagAttribute), flag);
                        flag = null;
                    }
                    else if (!state.Flags.Add(flag))
                    {
                        state.Report(DiagnosticDescriptors.DuplicateFlag, AttributeLocation(flagAttribute), flag, state.RootName);
                        flag = null;
                    }
                }

                var enumNames = enumType is null
                    ? EquatableArray<string>.Empty
                    : enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToEquatableArray();
                var defaults = Defaults.Evaluate(property, kind.Value, enumType, state);
                var index = state.Leaves.Count;
                var leaf = new LeafSpec(
                    index,
                    memberPath,
                    key,
                    property.Name,
                    methodSuffix,
                    kind.Value,
                    FullName(property.Type),
                    enumType is null ? null : FullName(enumType),
                    enumNames,
                    flag,
                    flag is null ? null : EnvironmentName(state.EnvironmentPrefix, flag),
                    description ?? "",
                    defaults.Text,
                    Find(attributes, "FilePathAttribute") is not null,
                    Find(attributes, "SensitiveAttribute") is not null,
                    FormatOf(attributes));
                state.Leaves.Add(leaf);
                members.Add(new MemberSpec(property.Name, key, memberPath, kind.Value, FullName(property.Type), index,
                    description, defaults.Json, requiredMessage, null));
            }

            var groupSpecs = new List<GroupSpec>();
            foreach (var entry in groups)
            {
                var (groupKind, name) = entry.Key;
                if (entry.Value.Members.Count < 2)
                {
                    state.Report(DiagnosticDescriptors.GroupTooSmall, entry.Value.Location, name,
                        groupKind == GroupKind.RequiredTogether ? "RequiredTogether" : "MutuallyExclusive", entry.Value.Members[0]);
                    continue;
                }
                groupSpecs.Add(new GroupSpec(name, groupKind, entry.Value.Message, entry.Value.Members.ToEquatableArray()));
            }

            return new ObjectSpec(relativePath, methodSuffix, FullName(type), type.Name,
                StringArgument(Find(type.GetAttributes(), "DescriptionAttribute")),
                members.ToEquatableArray(), groupSpecs.ToEquatableArray());
        }

        private static void ReportNotApplicable(IEnumerable<AttributeData> attributes, IPropertySymbol property, ValueKind kind, ParseState state)
        {
            foreach (var attribute in attributes)
            {
                if (!IsOurs(attribute))
                {
                    continue;
                }
                var name = attribute.AttributeClass!.Name;
                var reason = name switch
                {
                    "FilePathAttribute" when kind != ValueKind.String => "a file path must be a string",
                    "SensitiveAttribute" when kind is not (ValueKind.String or ValueKind.StringList) => "only strings and string lists can be sensitive",
                    "DnsNameAttribute" when kind is not (ValueKind.String or ValueKind.StringList) => "DNS names are strings or string lists",
                    "DnsLabelAttribute" or "DnsSubdomainAttribute" or "HostPortAttribute" when kind != ValueKind.String => "the format applies to strings",
                    "RequiredAttribute" when kind == ValueKind.Bool => "a bool is always set; make it a nullable enum or a string instead",
                    _ => null,
                };
                if (reason is not null)
                {
                    state.Report(DiagnosticDescriptors.AttributeNotApplicable, AttributeLocation(attribute),
                        name.Substring(0, name.Length - "Attribute".Length), property.Name, property.Type.ToDisplayString(), reason);
                }
            }
        }

        private static IEnumerable<IPropertySymbol> DeclaredProperties(INamedTypeSymbol type) =>
            type.GetMembers()
                .OfType<IPropertySymbol>()
                .Where(p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && !p.IsImplicitlyDeclared)
                .OrderBy(p => p.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(p => p.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0);

        private static ValueKind? Classify(ITypeSymbol type, out INamedTypeSymbol? enumType)
        {
            enumType = null;
            switch (type.SpecialType)
            {
                case SpecialType.System_String: return ValueKind.String;
                case SpecialType.System_Boolean: return ValueKind.Bool;
                case SpecialType.System_Int32: return ValueKind.Int32;
                case SpecialType.System_Int64: return ValueKind.Int64;
                case SpecialType.System_Double: return ValueKind.Double;
            }
            if (type is not INamedTypeSymbol named)
            {
                return null;
            }
            if (named.TypeKind == TypeKind.Enum)
            {
                enumType = named;
                return ValueKind.Enum;
            }
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                && named.TypeArguments[0] is INamedTypeSymbol { TypeKind: TypeKind.Enum } inner)
            {
                enumType = inner;
                return ValueKind.NullableEnum;
            }
            var display = named.OriginalDefinition.ToDisplayString();
            if (display == "System.TimeSpan")
            {
                return ValueKind.Duration;
            }
            if (display == "System.Collections.Generic.List<T>" && named.TypeArguments[0].SpecialType == SpecialType.System_String)
            {
                return ValueKind.StringList;
            }
            if (named.TypeKind == TypeKind.Class && named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == OptionsAttributeName)
                && HasPublicParameterlessConstructor(named))
            {
                return ValueKind.Object;
            }
            return null;
        }

        private static bool IsAutoProperty(IPropertySymbol property) =>
            property.ContainingType.GetMembers().OfType<IFieldSymbol>()
                .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

        private static bool IsCollection(INamedTypeSymbol type) =>
            type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);

        private static bool HasPublicParameterlessConstructor(INamedTypeSymbol type) =>
            type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);

        private static FormatCheck FormatOf(IEnumerable<AttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                if (!IsOurs(attribute))
                {
                    continue;
                }
                switch (attribute.AttributeClass!.Name)
                {
                    case "DnsNameAttribute":
                        return NamedBool(attribute, "AllowWildcard") ? FormatCheck.DnsNameWildcard : FormatCheck.DnsName;
                    case "DnsLabelAttribute":
                        return FormatCheck.DnsLabel;
                    case "DnsSubdomainAttribute":
                        return FormatCheck.DnsSubdomain;
                    case "HostPortAttribute":
                        return FormatCheck.HostPort;
                }
            }
            return FormatCheck.None;
        }

        internal static string EnvironmentName(string prefix, string flag)
        {
            var name = flag.ToUpperInvariant().Replace('-', '_');
            return prefix.Length == 0 ? name : prefix + "_" + name;
        }

        private static string CamelCase(string name) =>
            name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

        internal static string FullName(ITypeSymbol type) =>
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private static bool IsOurs(AttributeData attribute) =>
            attribute.AttributeClass?.ContainingNamespace?.ToDisplayString() == AttributeNamespace;

        private static AttributeData? Find(IEnumerable<AttributeData> attributes, string name) =>
            attributes.FirstOrDefault(a => a.AttributeClass?.Name == name && IsOurs(a));

        private static string? StringArgument(AttributeData? attribute) =>
            attribute is { ConstructorArguments.Length: > 0 } && attribute.ConstructorArguments[0].Value is string s ? s : null;

        private static string? NamedString(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

        private static bool NamedBool(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is true;

        private static Location? AttributeLocation(AttributeData attribute) =>
            attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();
    }

    /// <summary>What one parse accumulates: leaves, flags seen, diagnostics.</summary>
    internal sealed class ParseState(SemanticModel targetModel, CancellationToken cancellationToken)
    {
        private readonly List<DiagnosticInfo> _diagnostics = [];
        private readonly Dictionary<SyntaxTree, SemanticModel> _models = new() { [targetModel.SyntaxTree] = targetModel };

        public Compilation Compilation { get; } = targetModel.Compilation;

        /// <summary>
        /// One semantic model per syntax tree, starting with the one the attribute search already made: asking the
        /// compilation for a new model per initializer re-binds the tree each time (half the parse time of a large model).
        /// </summary>
        public SemanticModel ModelFor(SyntaxTree tree)
        {
            if (!_models.TryGetValue(tree, out var model))
            {
                model = Compilation.GetSemanticModel(tree);
                _models[tree] = model;
            }
            return model;
        }

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public string EnvironmentPrefix { get; set; } = "";

        /// <summary>The class being generated: flags must be unique across its whole tree, nested objects included.</summary>
        public string RootName { get; set; } = "";

        /// <summary>Top-level keys the class declares through ApiVersion/Kind, which no member may reuse.</summary>
        public string[] ReservedRootKeys { get; set; } = [];

        public List<LeafSpec> Leaves { get; } = [];

        public HashSet<string> Flags { get; } = new(StringComparer.Ordinal);

        public bool HasErrors => _diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);

        public void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray()));

        public ParseResult Result(OptionsSpec? spec) => new(spec, _diagnostics.ToEquatableArray());
    }
}
