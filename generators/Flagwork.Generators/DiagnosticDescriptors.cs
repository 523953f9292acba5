using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Flagwork.Generators;

/// <summary>Every diagnostic the generator reports. IDs are listed in AnalyzerReleases.Unshipped.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Flagwork";

    public static readonly DiagnosticDescriptor UnsupportedMemberType = new(
        "FLAG0001", "Unsupported option member type",
        "Property '{0}' has type '{1}', which Flagwork cannot bind; use string, bool, int, long, double, TimeSpan, an enum, a nullable enum, List<string> or an [Options] class",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        "FLAG0002", "Options class must be partial",
        "Options class '{0}' must be declared partial so that the generated binding can be added to it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidFlagName = new(
        "FLAG0003", "Invalid flag name",
        "Flag name '{0}' is invalid: use lower-case words joined by '-', without leading dashes, such as 'metrics-tls-cert-file'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateFlag = new(
        "FLAG0004", "Duplicate flag name",
        "Flag '--{0}' is declared more than once (or is a built-in flag) in the options tree of '{1}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateKey = new(
        "FLAG0005", "Duplicate config key",
        "Config key '{0}' is used by more than one member of '{1}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NestedTypeNotOptions = new(
        "FLAG0006", "Nested options type is not annotated",
        "Property '{0}' has class type '{1}', which must carry [Options] and have a public parameterless constructor",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AttributeNotApplicable = new(
        "FLAG0007", "Attribute does not apply to this member",
        "[{0}] cannot be used on property '{1}' of type '{2}': {3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DefaultNotConstant = new(
        "FLAG0008", "Default value cannot be read at compile time",
        "The initializer of '{0}' cannot be evaluated at compile time, so --help and the JSON Schema cannot show its default; use a literal, a constant, an enum member, TimeSpan.FromXxx(constant) or a collection of literals",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MemberNotSettable = new(
        "FLAG0009", "Option member is not settable",
        "Property '{0}' needs a public getter and a public (non-init) setter to be bound",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GroupTooSmall = new(
        "FLAG0010", "Rule group has a single member",
        "Group '{0}' ({1}) has only the member '{2}'; a cross-field rule needs at least two members of the same class",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OptionsCycle = new(
        "FLAG0011", "Options types form a cycle",
        "Property '{0}' makes options type '{1}' contain itself; options trees must be finite",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedClassShape = new(
        "FLAG0012", "Unsupported options class",
        "Options class '{0}' {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidEnvironmentPrefix = new(
        "FLAG0013", "Invalid environment prefix",
        "Environment prefix '{0}' is invalid: use upper-case letters, digits and '_', starting with a letter, such as 'COMPONENT'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new()
    {
        [UnsupportedMemberType.Id] = UnsupportedMemberType,
        [ClassNotPartial.Id] = ClassNotPartial,
        [InvalidFlagName.Id] = InvalidFlagName,
        [DuplicateFlag.Id] = DuplicateFlag,
        [DuplicateKey.Id] = DuplicateKey,
        [NestedTypeNotOptions.Id] = NestedTypeNotOptions,
        [AttributeNotApplicable.Id] = AttributeNotApplicable,
        [DefaultNotConstant.Id] = DefaultNotConstant,
        [MemberNotSettable.Id] = MemberNotSettable,
        [GroupTooSmall.Id] = GroupTooSmall,
        [OptionsCycle.Id] = OptionsCycle,
        [UnsupportedClassShape.Id] = UnsupportedClassShape,
        [InvalidEnvironmentPrefix.Id] = InvalidEnvironmentPrefix,
    };

    public static DiagnosticDescriptor ById(string id) => All[id];
}
