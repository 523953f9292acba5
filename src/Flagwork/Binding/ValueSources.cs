namespace Flagwork.Binding;

/// <summary>Where each leaf value of a bound options object came from, indexed by the generator's value index.</summary>
public sealed class ValueSources(int count)
{
    private readonly ValueSource[] _sources = new ValueSource[count];

    public int Count => _sources.Length;

    public ValueSource this[int valueIndex] => _sources[valueIndex];

    public void Set(int valueIndex, ValueSource source) => _sources[valueIndex] = source;
}
