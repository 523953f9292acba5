namespace Flagwork.Tls.Secrets;

/// <summary>
/// A secret as a store holds it: data by key (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>), labels, annotations, and
/// an opaque <see cref="Version"/> (the file store's counter, Kubernetes' resourceVersion) for optimistic concurrency.
/// Immutable: a store never changes a secret it has handed out.
/// </summary>
public sealed class StoredSecret(
    SecretKey key,
    string version,
    IReadOnlyDictionary<string, byte[]> data,
    IReadOnlyDictionary<string, string>? labels = null,
    IReadOnlyDictionary<string, string>? annotations = null)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public SecretKey Key { get; } = key;

    public string Version { get; } = version;

    public IReadOnlyDictionary<string, byte[]> Data { get; } = data;

    public IReadOnlyDictionary<string, string> Labels { get; } = labels ?? None;

    public IReadOnlyDictionary<string, string> Annotations { get; } = annotations ?? None;

    /// <summary>The bytes under <paramref name="dataKey"/>, or null when absent.</summary>
    public byte[]? Get(string dataKey) => Data.TryGetValue(dataKey, out var value) ? value : null;

    public override string ToString() => $"{Key} (version {Version})";
}
