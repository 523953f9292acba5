using System.Runtime.CompilerServices;

namespace Flagwork.Tls.Secrets;

public sealed partial class FileSecretStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The secret is re-read every <see cref="FileSecretStoreOptions.PollInterval"/> and whenever the file system reports
    /// a change under it; an event is emitted only when the version differs from the last one emitted. A secret deleted
    /// and created again between two reads is reported as Deleted then Added. A read that fails is logged and retried
    /// at the next poll. Every wait goes through the store's <see cref="TimeProvider"/>. Cancellation ends the sequence
    /// with <see cref="OperationCanceledException"/>.
    /// </remarks>
    public IAsyncEnumerable<SecretEvent> WatchAsync(SecretKey key, CancellationToken cancellationToken)
    {
        // Checked here, not in the iterator, so a bad key fails at the call rather than at the first MoveNextAsync.
        SecretNames.ThrowIfInvalid(key, nameof(key));
        return WatchCoreAsync(key, new SecretLayout(root, key), cancellationToken);
    }

    private async IAsyncEnumerable<SecretEvent> WatchCoreAsync(
        SecretKey key,
        SecretLayout layout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Due one interval after the watch started, whatever happens to the first read.
        var nextResync = timeProvider.GetUtcNow() + options.ResyncInterval;
        using var changes = options.WatchFileSystem ? new DirectoryChangeSignal(layout.NamespaceDirectory, key.Name, logger) : null;
        StoredVersion? last = null;
        var announced = false;
        var failing = false;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changes?.Arm();

            StoredVersion? current = null;
            var read = false;
            try
            {
                current = SecretVersionReader.Read(layout, key);
                read = true;
                if (failing)
                {
                    failing = false;
                    LogWatchReadRecovered(logger, key.ToString());
                }
            }
            catch (SecretStoreException e)
            {
                if (!failing)
                {
                    failing = true;
                    LogWatchReadFailed(logger, key.ToString(), e.Message);
                }
            }

            if (read)
            {
                if (!announced)
                {
                    announced = true;
                    yield return new SecretEvent(current is null ? SecretEventType.Resync : SecretEventType.Added, current?.Secret);
                }
                else
                {
                    foreach (var change in Changes(last, current))
                    {
                        yield return change;
                    }
                }

                last = current;
            }

            var now = timeProvider.GetUtcNow();
            if (now >= nextResync)
            {
                // A resync that falls while the secret cannot be read is skipped: it would repeat a state not re-read.
                nextResync = now + options.ResyncInterval;
                if (read)
                {
                    yield return new SecretEvent(SecretEventType.Resync, current?.Secret);
                }
            }

            await WaitForChangeAsync(changes, nextResync, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What a watch reports when the secret went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    private static IEnumerable<SecretEvent> Changes(StoredVersion? before, StoredVersion? after)
    {
        if (after is null)
        {
            if (before is not null)
            {
                yield return new SecretEvent(SecretEventType.Deleted, null);
            }
        }
        else if (before is null)
        {
            yield return new SecretEvent(SecretEventType.Added, after.Secret);
        }
        else if (before.Metadata.Uid != after.Metadata.Uid)
        {
            // Deleted and created again since the last read: a different secret under the same name.
            yield return new SecretEvent(SecretEventType.Deleted, null);
            yield return new SecretEvent(SecretEventType.Added, after.Secret);
        }
        else if (before.Secret.Version != after.Secret.Version)
        {
            yield return new SecretEvent(SecretEventType.Modified, after.Secret);
        }
    }

    /// <summary>Waits for the next poll, the next resync or a reported change, whichever comes first.</summary>
    private async Task WaitForChangeAsync(DirectoryChangeSignal? changes, DateTimeOffset nextResync, CancellationToken cancellationToken)
    {
        var untilResync = nextResync - timeProvider.GetUtcNow();
        var delay = untilResync < options.PollInterval ? untilResync : options.PollInterval;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        if (changes is null)
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.Delay(delay, timeProvider, waiting.Token), changes.WaitAsync(waiting.Token)).ConfigureAwait(false);

        // Stop whichever is still waiting (its timer, its registration); it ends cancelled, which nobody observes.
        await waiting.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
