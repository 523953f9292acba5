using System.Linq;

namespace Flagwork.Generators.Model;

/// <summary>Everything the emitters need for one annotated class, flattened: no symbols, no syntax.</summary>
internal sealed record OptionsSpec(
    string? Namespace,
    string TypeName,
    string FullName,
    bool IsPublic,
    string EnvironmentPrefix,
    string? ApiVersion,
    string? Kind,
    ObjectSpec Root,
    int ValueCount,
    EquatableArray<LeafSpec> Leaves)
{
    /// <summary>Prefix of every hint name: <c>Ns.Type</c>.</summary>
    public string HintPrefix => Namespace is null ? TypeName : Namespace + "." + TypeName;

    public EquatableArray<LeafSpec> FlagLeaves => Leaves.Where(l => l.Flag is not null).ToEquatableArray();
}

/// <summary>An options object at a path: the root class or a nested options member.</summary>
internal sealed record ObjectSpec(
    string RelativePath,
    string MethodSuffix,
    string TypeFullName,
    string TypeName,
    string? Description,
    EquatableArray<MemberSpec> Members,
    EquatableArray<GroupSpec> Groups);

/// <summary>The kind of value a member holds; decides parsing, validation, schema and help.</summary>
internal enum ValueKind
{
    String,
    Bool,
    Int32,
    Int64,
    Double,
    Duration,
    Enum,
    NullableEnum,
    StringList,
    Object,
}

/// <summary>A string format checked by validation (and described in the schema).</summary>
internal enum FormatCheck
{
    None,
    DnsName,
    DnsNameWildcard,
    DnsLabel,
    DnsSubdomain,
    HostPort,
}

/// <summary>One property of an options object.</summary>
internal sealed record MemberSpec(
    string PropertyName,
    string Key,
    string RelativePath,
    ValueKind Kind,
    string TypeFullName,
    int ValueIndex,
    string? Description,
    string? DefaultJson,
    string? RequiredMessage,
    ObjectSpec? Object);

/// <summary>A leaf value (not an object), flattened with everything its flag, env var and binders need.</summary>
internal sealed record LeafSpec(
    int ValueIndex,
    string RelativePath,
    string Key,
    string PropertyName,
    string OwnerAccessor,
    ValueKind Kind,
    string TypeFullName,
    string? EnumTypeFullName,
    EquatableArray<string> EnumNames,
    string? Flag,
    string? EnvironmentVariable,
    string Description,
    string DefaultText,
    bool IsFilePath,
    bool IsSensitive,
    FormatCheck Format)
{
    /// <summary>A C# identifier unique within the class, from the property chain: <c>MetricsTLSConfig_Dynamic_DnsNames</c>.</summary>
    public string MethodSuffix => OwnerAccessor.Length == 0 ? PropertyName : OwnerAccessor + "_" + PropertyName;
}

internal enum GroupKind
{
    RequiredTogether,
    MutuallyExclusive,
}

/// <summary>A cross-field rule over members of one object.</summary>
internal sealed record GroupSpec(string Name, GroupKind Kind, string Message, EquatableArray<string> MemberNames);
