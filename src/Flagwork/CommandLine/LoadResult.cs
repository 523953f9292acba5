using Flagwork.Binding;

namespace Flagwork.CommandLine;

/// <summary>What the command line asked for.</summary>
public enum CommandAction : byte
{
    Run,
    Help,
    PrintConfig,
    PrintConfigSchema,
}

/// <summary>The merged, validated options with the source of every value, or every error found.</summary>
public sealed class LoadResult<T>(T value, ValueSources sources, ConfigErrors errors, CommandAction action, string? configFile, IReadOnlyList<string> arguments)
    where T : class, IOptionsBinding<T>, new()
{
    public T Value { get; } = value;

    public ValueSources Sources { get; } = sources;

    public ConfigErrors Errors { get; } = errors;

    public CommandAction Action { get; } = action;

    /// <summary>The config file read, as the user named it, if any.</summary>
    public string? ConfigFile { get; } = configFile;

    /// <summary>Arguments after <c>--</c> (and positional arguments, when allowed).</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments;

    public bool Succeeded => !Errors.HasErrors;
}

/// <summary>Where a load reads from; every part is injectable for tests.</summary>
public sealed class LoadSettings
{
    public IEnvironment Environment { get; init; } = ProcessEnvironment.Instance;

    /// <summary>Accept positional arguments before <c>--</c> instead of reporting them as errors.</summary>
    public bool AllowPositionalArguments { get; init; }

    /// <summary>
    /// A config document used when no config file is named (by flag or environment variable): a component's built-in
    /// configuration. Relative file paths in it resolve against the working directory.
    /// </summary>
    public DefaultConfig? DefaultConfig { get; init; }
}

/// <summary>A built-in config document: its name in error messages (e.g. <c>embedded:component.yaml</c>), format and text.</summary>
public sealed record DefaultConfig(string Name, Flagwork.Documents.ConfigFormat Format, string Text);
