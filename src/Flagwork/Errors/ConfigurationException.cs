namespace Flagwork;

/// <summary>Thrown only where an API cannot return errors as values (the <c>IConfiguration</c> binder). Holds every error.</summary>
public sealed class ConfigurationException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
