using Flagwork.Binding;
using Flagwork.CommandLine;

namespace Flagwork.Metrics.Tests;

/// <summary>Runs the real loader against real temp files and a fixed environment.</summary>
internal sealed class TestLoad : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flagwork-test-").FullName;

    public string Folder => _directory;

    /// <summary>Writes a config file into the temp directory and returns its full path.</summary>
    public string Write(string fileName, string content)
    {
        var path = Path.Combine(_directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public static LoadResult<T> Load<T>(string[] args, IReadOnlyDictionary<string, string>? environment = null)
        where T : class, IOptionsBinding<T>, new() =>
        OptionsLoader.Load<T>(args, new LoadSettings
        {
            Environment = environment is null ? DictionaryEnvironment.Empty : new DictionaryEnvironment(environment),
        });

    /// <summary>Loads with a YAML file (written to the temp dir) and extra flags.</summary>
    public LoadResult<T> LoadYaml<T>(string yaml, params string[] args) where T : class, IOptionsBinding<T>, new()
    {
        var path = Write("config.yaml", yaml);
        return Load<T>(["--config", path, .. args]);
    }

    public static string[] Messages(ConfigErrors errors) => errors.Select(e => e.ToString()).ToArray();

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);
}
