namespace Flagwork.Binding;

/// <summary>How a flag takes its value on the command line.</summary>
public enum FlagKind : byte
{
    /// <summary>Needs a value: <c>--x=v</c> or <c>--x v</c>.</summary>
    Value,

    /// <summary>A boolean: <c>--x</c> means true, <c>--x=false</c> sets false; <c>--x false</c> is not a value.</summary>
    Bool,

    /// <summary>A CSV list: each occurrence is split, and occurrences append.</summary>
    List,
}

/// <summary>A flag as the generator describes it: its name, the value it sets, and what <c>--help</c> shows.</summary>
public sealed record FlagInfo(
    string Name,
    FlagKind Kind,
    string TypeName,
    string ConfigPath,
    int ValueIndex,
    string EnvironmentVariable,
    string DefaultText,
    string Description);
