using Flagwork.Tls.Secrets;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// Wraps a real store: runs <paramref name="after"/> after each call (before it returns) and counts write outcomes in
/// <paramref name="outcomes"/> (shared by every wrapper of one test, indexed by <see cref="SecretWriteOutcome"/>).
/// </summary>
public sealed class GatedSecretStore(ISecretStore inner, Func<StoreCall, CancellationToken, Task> after, int[] outcomes) : ISecretStore
{
    public string Description => inner.Description;

    public async Task<StoredSecret?> GetAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var result = await inner.GetAsync(key, cancellationToken);
        await after(StoreCall.Get, cancellationToken);
        return result;
    }

    public async Task<SecretWrite> CreateAsync(
        SecretKey key,
        IReadOnlyDictionary<string, byte[]> data,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken)
    {
        var result = Count(await inner.CreateAsync(key, data, labels, annotations, cancellationToken));
        await after(StoreCall.Create, cancellationToken);
        return result;
    }

    public async Task<SecretWrite> UpdateAsync(SecretKey key, string expectedVersion, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken)
    {
        var result = Count(await inner.UpdateAsync(key, expectedVersion, data, cancellationToken));
        await after(StoreCall.Update, cancellationToken);
        return result;
    }

    public async Task<bool> DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        var result = await inner.DeleteAsync(key, cancellationToken);
        await after(StoreCall.Delete, cancellationToken);
        return result;
    }

    public IAsyncEnumerable<SecretEvent> WatchAsync(SecretKey key, CancellationToken cancellationToken) => inner.WatchAsync(key, cancellationToken);

    private SecretWrite Count(SecretWrite write)
    {
        Interlocked.Increment(ref outcomes[(int)write.Outcome]);
        return write;
    }
}
