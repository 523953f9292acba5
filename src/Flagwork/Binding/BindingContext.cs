namespace Flagwork.Binding;

/// <summary>
/// What generated binding and validation code writes into: the errors found, the source of every value, the path
/// prefix of the section being bound, and the config file's directory for resolving relative file paths.
/// </summary>
public sealed class BindingContext(ConfigErrors errors, ValueSources sources, string pathPrefix = "")
{
    public ConfigErrors Errors { get; } = errors;

    public ValueSources Sources { get; } = sources;

    /// <summary>Config path of the object being bound, e.g. <c>metricsTLSConfig</c>; empty at the root.</summary>
    public string PathPrefix { get; } = pathPrefix;

    /// <summary>Absolute directory of the config file being bound; null outside config-file binding.</summary>
    public string? ConfigDirectory { get; set; }

    /// <summary>The full config path of a member, given its path relative to the bound object.</summary>
    public string Path(string relativePath) =>
        PathPrefix.Length == 0 ? relativePath
        : relativePath.Length == 0 ? PathPrefix
        : relativePath[0] == '[' ? PathPrefix + relativePath
        : PathPrefix + "." + relativePath;

    /// <summary>
    /// pflag's list semantics: the first occurrence of a list flag replaces the value from lower-precedence sources,
    /// later occurrences of the same flag append. Every other source replaces.
    /// </summary>
    public bool AppendsTo(int valueIndex, ValueSource source) =>
        source.Kind == ValueSourceKind.Flag && Sources[valueIndex].Kind == ValueSourceKind.Flag;

    /// <summary>Resolves a relative file path from a config file against the file's directory.</summary>
    public string ResolveFilePath(string path) =>
        ConfigDirectory is null || path.Length == 0 || System.IO.Path.IsPathRooted(path)
            ? path
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(ConfigDirectory, path));

    public void AddError(ConfigError error) => Errors.Add(error);
}
