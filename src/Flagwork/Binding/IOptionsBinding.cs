using Flagwork.Documents;
using Microsoft.Extensions.Configuration;

namespace Flagwork.Binding;

/// <summary>
/// Implemented by the generator on every <see cref="OptionsAttribute"/> class. Static members only: the runtime reaches
/// the generated code through generic constraints, never through reflection. Paths are relative to the class; a
/// <see cref="BindingContext"/> carries the prefix when the class is bound as a section of something larger.
/// </summary>
public interface IOptionsBinding<TSelf> where TSelf : class, IOptionsBinding<TSelf>, new()
{
    /// <summary>Number of leaf values; <see cref="ValueSources"/> tracks one source per leaf.</summary>
    static abstract int ValueCount { get; }

    /// <summary>Every flag, in declaration order.</summary>
    static abstract IReadOnlyList<FlagInfo> Flags { get; }

    /// <summary>The environment-variable prefix (without the trailing underscore), or empty.</summary>
    static abstract string EnvironmentPrefix { get; }

    /// <summary>The flag table of <c>--help</c>, aligned the way pflag does, built-in flags included.</summary>
    static abstract string FlagUsages { get; }

    /// <summary>The JSON Schema (draft 2020-12) of the config file.</summary>
    static abstract string JsonSchema { get; }

    /// <summary>Index into <see cref="Flags"/> of the named flag (without <c>--</c>), or -1.</summary>
    static abstract int FindFlag(ReadOnlySpan<char> name);

    /// <summary>Parses a flag's or environment variable's text (pflag semantics) into the value the flag sets.</summary>
    static abstract void ApplyFlag(TSelf target, int flag, FlagText text, ValueSource source, BindingContext context);

    /// <summary>Binds a parsed config file strictly: unknown keys and wrong shapes are errors.</summary>
    static abstract void BindDocument(TSelf target, ConfigMapping document, BindingContext context);

    /// <summary>Binds an <c>IConfiguration</c> section (keys case-insensitive, unknown keys ignored).</summary>
    static abstract void BindConfiguration(TSelf target, IConfiguration configuration, BindingContext context);

    /// <summary>Validates field formats and cross-field rules, collecting every error.</summary>
    static abstract void Validate(TSelf value, BindingContext context);

    /// <summary>Writes the effective configuration (sensitive members redacted).</summary>
    static abstract void WriteConfig(TSelf value, ConfigWriter writer);
}
