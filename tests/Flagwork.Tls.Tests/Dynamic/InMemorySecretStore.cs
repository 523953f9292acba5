using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Flagwork.Tls.Secrets;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>The calls an <see cref="InMemorySecretStore"/> can fail or intercept (watches are not calls).</summary>
public enum StoreCall
{
    Get,
    Create,
    Update,
    Delete,
}

/// <summary>
/// An <see cref="ISecretStore"/> in memory with the API server's semantics; the part cert-manager's fake clientset plays
/// in its authority tests. Everything happens under one lock, so a create is atomic (of concurrent creators exactly one
/// gets <see cref="SecretWriteOutcome.Created"/>), an update compares the version it replaces (a stale one gets
/// <see cref="SecretWriteOutcome.Conflict"/>), and a watch sees every change in the order it was made: first the current
/// state (Added, or Resync with null when absent), then Added, Modified and Deleted.
/// <para>Test seams: <see cref="FailNext"/> makes the next calls throw <see cref="SecretStoreException"/>,
/// <see cref="BeforeCall"/> and <see cref="AfterCall"/> run around each call (to hold calls at a barrier), <see cref="Put"/> writes as an operator
/// would (replacing all data, no version check), and every write outcome is counted.</para>
/// </summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SecretKey, StoredSecret> _secrets = [];
    private readonly List<(SecretKey Key, Channel<SecretEvent> Channel)> _watches = [];
    private readonly int[] _outcomes = new int[Enum.GetValues<SecretWriteOutcome>().Length];
    private long _version;
    private int _failures;

    public string Description => "in-memory store";

    /// <summary>Awaited before every call (after an injected failure is decided); null for none.</summary>
    public Func<StoreCall, CancellationToken, Task>? BeforeCall { get; set; }

    /// <summary>Awaited after every call has read or written, before it returns; null for none.</summary>
    public Func<StoreCall, CancellationToken, Task>? AfterCall { get; set; }

    /// <summary>How many writes ended with <paramref name="outcome"/>.</summary>
    public int Count(SecretWriteOutcome outcome) => Volatile.Read(ref _outcomes[(int)outcome]);

    /// <summary>How many watches are open now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>The next <paramref name="calls"/> calls (of any kind) throw <see cref="SecretStoreException"/>.</summary>
    public void FailNext(int calls) => Interlocked.Exchange(ref _failures, calls);

    /// <summary>The stored secret, read without going through the seams.</summary>
    public StoredSecret? Peek(SecretKey key)
    {
        lock (_gate)
        {
            return _secrets.GetValueOrDefault(key);
        }
    }

    /// <summary>Writes the secret as <c>kubectl apply</c> would: <paramref name="data"/> replaces all data, whatever the
    /// version; created if absent.</summary>
    public StoredSecret Put(SecretKey key, IReadOnlyDictionary<string, byte[]> data)
    {
        lock (_gate)
        {
            var existing = _secrets.GetValueOrDefault(key);
            var secret = new StoredSecret(key, NextVersion(), CopyOf(data), existing?.Labels, existing?.Annotations);
            _secrets[key] = secret;
            Emit(key, new SecretEvent(existing is null ? SecretEventType.Added : SecretEventType.Modified, secret));
            return secret;
        }
    }

    /// <summary>Sends every watch of <paramref name="key"/> a <see cref="SecretEventType.Resync"/> with the current state
    /// (an informer's periodic resync).</summary>
    public void Resync(SecretKey key)
    {
        lock (_gate)
        {
            Emit(key, new SecretEvent(SecretEventType.Resync, _secrets.GetValueOrDefault(key)));
        }
    }

    public async Task<StoredSecret?> GetAsync(SecretKey key, CancellationToken cancellationToken)
    {
        await EnterAsync(StoreCall.Get, cancellationToken);
        return await LeaveAsync(StoreCall.Get, Peek(key), cancellationToken);
    }

    public async Task<SecretWrite> CreateAsync(
        SecretKey key,
        IReadOnlyDictionary<string, byte[]> data,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken)
    {
        await EnterAsync(StoreCall.Create, cancellationToken);
        return await LeaveAsync(StoreCall.Create, Create(key, data, labels, annotations), cancellationToken);
    }

    private SecretWrite Create(
        SecretKey key,
        IReadOnlyDictionary<string, byte[]> data,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations)
    {
        lock (_gate)
        {
            if (_secrets.ContainsKey(key))
            {
                return Outcome(SecretWriteOutcome.AlreadyExists, null);
            }
            var secret = new StoredSecret(key, NextVersion(), CopyOf(data), new Dictionary<string, string>(labels), new Dictionary<string, string>(annotations));
            _secrets[key] = secret;
            Emit(key, new SecretEvent(SecretEventType.Added, secret));
            return Outcome(SecretWriteOutcome.Created, secret);
        }
    }

    public async Task<SecretWrite> UpdateAsync(
        SecretKey key,
        string expectedVersion,
        IReadOnlyDictionary<string, byte[]> data,
        CancellationToken cancellationToken)
    {
        await EnterAsync(StoreCall.Update, cancellationToken);
        return await LeaveAsync(StoreCall.Update, Update(key, expectedVersion, data), cancellationToken);
    }

    private SecretWrite Update(SecretKey key, string expectedVersion, IReadOnlyDictionary<string, byte[]> data)
    {
        lock (_gate)
        {
            if (!_secrets.TryGetValue(key, out var current))
            {
                return Outcome(SecretWriteOutcome.NotFound, null);
            }
            if (current.Version != expectedVersion)
            {
                return Outcome(SecretWriteOutcome.Conflict, null);
            }
            // The ISecretStore contract: the keys given replace theirs; other keys, labels and annotations are kept.
            var merged = CopyOf(current.Data);
            foreach (var (dataKey, value) in data)
            {
                merged[dataKey] = (byte[])value.Clone();
            }
            var secret = new StoredSecret(key, NextVersion(), merged, current.Labels, current.Annotations);
            _secrets[key] = secret;
            Emit(key, new SecretEvent(SecretEventType.Modified, secret));
            return Outcome(SecretWriteOutcome.Updated, secret);
        }
    }

    public async Task<bool> DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        await EnterAsync(StoreCall.Delete, cancellationToken);
        return await LeaveAsync(StoreCall.Delete, Delete(key), cancellationToken);
    }

    private bool Delete(SecretKey key)
    {
        lock (_gate)
        {
            if (!_secrets.Remove(key))
            {
                return false;
            }
            Emit(key, new SecretEvent(SecretEventType.Deleted, null));
            return true;
        }
    }

    public IAsyncEnumerable<SecretEvent> WatchAsync(SecretKey key, CancellationToken cancellationToken) =>
        WatchCoreAsync(key, cancellationToken);

    private async IAsyncEnumerable<SecretEvent> WatchCoreAsync(SecretKey key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SecretEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            // Registered and given the current state under the lock, so no change falls between the two.
            var current = _secrets.GetValueOrDefault(key);
            channel.Writer.TryWrite(new SecretEvent(current is null ? SecretEventType.Resync : SecretEventType.Added, current));
            _watches.Add((key, channel));
        }
        try
        {
            // Like the real stores, cancellation ends the sequence with OperationCanceledException.
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watches.RemoveAll(w => w.Channel == channel);
            }
        }
    }

    private async Task EnterAsync(StoreCall call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        for (var left = Volatile.Read(ref _failures); left > 0; left = Volatile.Read(ref _failures))
        {
            if (Interlocked.CompareExchange(ref _failures, left - 1, left) == left)
            {
                throw new SecretStoreException($"in-memory store: injected failure of {call}");
            }
        }
        if (BeforeCall is { } before)
        {
            await before(call, cancellationToken);
        }
        else
        {
            await Task.Yield(); // a real store answers later, not inline
        }
    }

    private async Task<T> LeaveAsync<T>(StoreCall call, T result, CancellationToken cancellationToken)
    {
        if (AfterCall is { } after)
        {
            await after(call, cancellationToken);
        }
        return result;
    }

    private SecretWrite Outcome(SecretWriteOutcome outcome, StoredSecret? secret)
    {
        Interlocked.Increment(ref _outcomes[(int)outcome]);
        return new SecretWrite(outcome, secret);
    }

    private string NextVersion() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Emit(SecretKey key, SecretEvent change)
    {
        foreach (var (watched, channel) in _watches)
        {
            if (watched == key)
            {
                channel.Writer.TryWrite(change);
            }
        }
    }

    private static Dictionary<string, byte[]> CopyOf(IReadOnlyDictionary<string, byte[]> data) =>
        data.ToDictionary(d => d.Key, d => (byte[])d.Value.Clone(), StringComparer.Ordinal);
}
