using System.Collections;

namespace Flagwork;

/// <summary>Every error found while reading and validating a configuration; collected, then reported once.</summary>
public sealed class ConfigErrors : IReadOnlyList<ConfigError>
{
    private readonly List<ConfigError> _errors = [];

    public int Count => _errors.Count;

    public bool HasErrors => _errors.Count > 0;

    public ConfigError this[int index] => _errors[index];

    public void Add(ConfigError error) => _errors.Add(error);

    public void AddRange(IEnumerable<ConfigError> errors) => _errors.AddRange(errors);

    /// <summary>Replaces an error already collected (to add context found later), keeping its place.</summary>
    public void Replace(ConfigError existing, ConfigError replacement)
    {
        var index = _errors.IndexOf(existing);
        if (index >= 0)
        {
            _errors[index] = replacement;
        }
    }

    /// <summary>One error per line, in the order found.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _errors);

    public IEnumerator<ConfigError> GetEnumerator() => _errors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
