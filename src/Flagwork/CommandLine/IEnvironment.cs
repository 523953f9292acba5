namespace Flagwork.CommandLine;

/// <summary>Environment variables, injectable so tests never touch the process environment.</summary>
public interface IEnvironment
{
    string? Get(string name);
}

/// <summary>The process's real environment.</summary>
public sealed class ProcessEnvironment : IEnvironment
{
    public static ProcessEnvironment Instance { get; } = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}

/// <summary>A fixed set of variables (tests, embedding).</summary>
public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> variables) : IEnvironment
{
    public static DictionaryEnvironment Empty { get; } = new(new Dictionary<string, string>());

    public string? Get(string name) => variables.TryGetValue(name, out var value) ? value : null;
}
