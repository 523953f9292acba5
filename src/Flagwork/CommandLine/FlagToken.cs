using Flagwork.Binding;

namespace Flagwork.CommandLine;

/// <summary>The flags every Flagwork command line understands, besides the model's own.</summary>
public enum BuiltInFlag : byte
{
    None,
    Config,
    Help,
    PrintConfig,
    PrintConfigSchema,
}

/// <summary>
/// One flag occurrence read from argv: a model flag (by index) or a built-in, with its value text (for
/// <c>--name=value</c>, the tail of the argument itself). <see cref="Name"/> is the flag table's own string.
/// </summary>
public readonly record struct FlagToken(string Name, int FlagIndex, BuiltInFlag BuiltIn, FlagText Value);
