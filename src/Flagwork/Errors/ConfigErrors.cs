using System.Collections;

namespace Flagwork;

/// <summary>Every error found while reading and validating a configuration; collected, then reported once.</summary>
public sealed class ConfigErrors : IReadOnlyList<ConfigError>
{
    private static readonly List<ConfigError> s_none = [];

    // Created with the first error: a load that finds none allocates no list.
    private List<ConfigError>? _list;

    private List<ConfigError> Current => _list ?? s_none;

    public int Count => Current.Count;

    public bool HasErrors => Current.Count > 0;

    public ConfigError this[int index] => Current[index];

    public void Add(ConfigError error) => (_list ??= []).Add(error);

    public void AddRange(IEnumerable<ConfigError> errors) => (_list ??= []).AddRange(errors);

    /// <summary>Replaces an error already collected (to add context found later), keeping its place.</summary>
    public void Replace(ConfigError existing, ConfigError replacement)
    {
        var index = Current.IndexOf(existing);
        if (index >= 0)
        {
            Current[index] = replacement;
        }
    }

    /// <summary>One error per line, in the order found.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Current);

    public IEnumerator<ConfigError> GetEnumerator() => Current.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
