namespace Flagwork.Tls.Secrets;

/// <summary>
/// Where the dynamic CA lives: a named secret with optimistic concurrency. Implementations: the file store (the embedded
/// default) and the Kubernetes store. Errors that are races (already exists, conflict, not found) are outcomes;
/// infrastructure failures (I/O, HTTP 500) throw <see cref="SecretStoreException"/>.
/// </summary>
public interface ISecretStore
{
    /// <summary>A short description for logs: "file store /var/lib/x" or "Kubernetes API https://…".</summary>
    string Description { get; }

    Task<StoredSecret?> GetAsync(SecretKey key, CancellationToken cancellationToken);

    /// <summary>Creates the secret if it does not exist. Of several concurrent creators exactly one gets
    /// <see cref="SecretWriteOutcome.Created"/>; the others get <see cref="SecretWriteOutcome.AlreadyExists"/>.
    /// Labels and annotations are set on create only.</summary>
    Task<SecretWrite> CreateAsync(
        SecretKey key,
        IReadOnlyDictionary<string, byte[]> data,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken);

    /// <summary>Replaces the data keys given (other keys, labels and annotations are kept) if the stored version still
    /// equals <paramref name="expectedVersion"/>; otherwise <see cref="SecretWriteOutcome.Conflict"/>.</summary>
    Task<SecretWrite> UpdateAsync(
        SecretKey key,
        string expectedVersion,
        IReadOnlyDictionary<string, byte[]> data,
        CancellationToken cancellationToken);

    /// <summary>Deletes the secret; false when it did not exist.</summary>
    Task<bool> DeleteAsync(SecretKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Watches one secret until cancelled: first the current state (Added, or Resync with null when absent), then every
    /// change, plus a periodic <see cref="SecretEventType.Resync"/>. A dropped underlying watch is re-established inside;
    /// the sequence ends only on cancellation.
    /// </summary>
    IAsyncEnumerable<SecretEvent> WatchAsync(SecretKey key, CancellationToken cancellationToken);
}

/// <summary>A store could not be reached or read (I/O error, API server error). Retried by callers.</summary>
public sealed class SecretStoreException(string message, Exception? inner = null) : Exception(message, inner);
