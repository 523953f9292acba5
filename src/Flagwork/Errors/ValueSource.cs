namespace Flagwork;

/// <summary>Where a value came from, in the order of precedence (a later kind wins).</summary>
public enum ValueSourceKind : byte
{
    Default = 0,
    File,
    Configuration,
    Environment,
    Flag,
}

/// <summary>Where a value came from: a default, <c>config.yaml:7:5</c>, an environment variable, a flag or an
/// <c>IConfiguration</c> key. Rendered the way an operator would look for it.</summary>
public readonly record struct ValueSource(ValueSourceKind Kind, string? Name = null, int Line = 0, int Column = 0)
{
    public static ValueSource Default => default;

    public static ValueSource Flag(string flagName) => new(ValueSourceKind.Flag, flagName);

    public static ValueSource Environment(string variable) => new(ValueSourceKind.Environment, variable);

    public static ValueSource File(string path, int line, int column) => new(ValueSourceKind.File, path, line, column);

    public static ValueSource ConfigurationKey(string key) => new(ValueSourceKind.Configuration, key);

    public bool IsDefault => Kind == ValueSourceKind.Default;

    public override string ToString() => Kind switch
    {
        ValueSourceKind.Flag => "--" + Name,
        ValueSourceKind.Environment => "$" + Name,
        ValueSourceKind.File when Line > 0 => $"{Name}:{Line}:{Column}",
        ValueSourceKind.File => Name ?? "config file",
        ValueSourceKind.Configuration => "configuration key " + Name,
        _ => "default",
    };
}
