namespace Flagwork;

/// <summary>The member's key in config files and <c>IConfiguration</c>. Defaults to the property name with its first letter lowered.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class KeyAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>The member's command-line flag (pflag style, without the leading <c>--</c>). It also gets an environment variable.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FlagAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Help text, shown by <c>--help</c> and written into the JSON Schema.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class DescriptionAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>A file path: a relative value read from a config file is resolved against the config file's directory.
/// Values from flags and environment variables are taken as given.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FilePathAttribute : Attribute;

/// <summary>The member must be set to a non-empty value.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RequiredAttribute : Attribute
{
    public string Message { get; set; } = "must be specified";
}

/// <summary>
/// All members of the named group (within one class) are required as soon as any one of them is set (non-empty).
/// A nested options object counts as "set" when any member of one of its <see cref="RequiredTogetherAttribute"/> groups is set.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = true)]
public sealed class RequiredTogetherAttribute(string group) : Attribute
{
    public string Group { get; } = group;
    public string Message { get; set; } = "must be specified together with the other members of its group";
}

/// <summary>At most one member of the named group (within one class) may be set. When more are, this is the only error
/// reported for them: their own <see cref="RequiredTogetherAttribute"/> rules are not checked.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = true)]
public sealed class MutuallyExclusiveAttribute(string group) : Attribute
{
    public string Group { get; } = group;
    public string Message { get; set; } = "only one of these may be specified";
}

/// <summary>Never printed by <c>--print-config</c> nor in errors (a password, a token, inline key material).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SensitiveAttribute : Attribute;
