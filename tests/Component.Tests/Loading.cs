using Flagwork;
using Flagwork.CommandLine;

namespace Component.Tests;

/// <summary>Loads <see cref="ComponentConfiguration"/> the way the component does, with an injected environment.</summary>
internal static class Loading
{
    public static LoadResult<ComponentConfiguration> Load(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        OptionsLoader.Load<ComponentConfiguration>(args, new LoadSettings
        {
            Environment = environment is null ? DictionaryEnvironment.Empty : new DictionaryEnvironment(environment),
        });

    public static LoadResult<ComponentConfiguration> LoadFile(string path) => Load(["--config", path]);

    public static string Describe(IEnumerable<ConfigError> errors) =>
        errors.Any() ? string.Join("\n", errors) : "(no errors)";
}
