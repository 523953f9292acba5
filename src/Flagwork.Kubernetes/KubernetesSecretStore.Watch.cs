using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Flagwork.Tls.Secrets;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Flagwork.Kubernetes;

public sealed partial class KubernetesSecretStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The informer pattern for one object: list with the field selector <c>metadata.name=&lt;name&gt;</c>, then watch from
    /// the list's resourceVersion. When the watch ends (the server's timeout, a dropped connection, 410 Gone) the store
    /// waits a short, growing, bounded delay, lists again and reports what changed meanwhile as Added, Modified or
    /// Deleted (a secret deleted and created again meanwhile, told apart by its uid, as Deleted then Added), so nothing is
    /// lost while reconnecting. Cancellation ends the sequence with
    /// <see cref="OperationCanceledException"/>.
    /// </remarks>
    public IAsyncEnumerable<SecretEvent> WatchAsync(SecretKey key, CancellationToken cancellationToken)
    {
        // Checked here, not in the iterator, so a bad call fails at once rather than at the first MoveNextAsync.
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(key.Namespace);
        ArgumentException.ThrowIfNullOrEmpty(key.Name);
        return WatchCoreAsync(key, cancellationToken);
    }

    private async IAsyncEnumerable<SecretEvent> WatchCoreAsync(SecretKey key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateBounded<SecretEvent>(new BoundedChannelOptions(16)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Armed before the first list, so the first resync is due one period after the watch started whatever the
        // clock does meanwhile (a test's fake clock may jump as soon as it has seen the first event).
        using var resyncTimer = new PeriodicTimer(options.ResyncPeriod, options.TimeProvider);
        using var watch = new SecretWatch(this, key, events.Writer);
        var running = Task.WhenAll(watch.ListAndWatchAsync(stop.Token), watch.ResyncAsync(resyncTimer, stop.Token));

        try
        {
            await foreach (var item in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // How both loops end.
            }
        }
    }

    /// <summary>
    /// Escapes a field selector value as the API server's parser expects (Go's <c>fields.EscapeValue</c>):
    /// backslash, comma and equals sign are preceded by a backslash.
    /// </summary>
    internal static string EscapeFieldSelectorValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or ',' or '=')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// One running watch. Two loops feed one channel: the list-and-watch loop and the resync loop. A lock orders what
    /// they emit and keeps <see cref="current"/> (and its uid), the last state the consumer was told about.
    /// </summary>
    private sealed partial class SecretWatch(KubernetesSecretStore store, SecretKey key, ChannelWriter<SecretEvent> events) : IDisposable
    {
        private readonly SemaphoreSlim emitLock = new(1, 1);
        private readonly string fieldSelector = "metadata.name=" + EscapeFieldSelectorValue(key.Name);
        private readonly ILogger? logger = store.options.Logger;

        private StoredSecret? current;
        private string? currentUid;
        private bool announced;
        private long changes;

        public void Dispose() => emitLock.Dispose();

        public async Task ListAndWatchAsync(CancellationToken cancellationToken)
        {
            var options = store.options;
            var delay = options.InitialReconnectDelay;
            try
            {
                while (true)
                {
                    var started = options.TimeProvider.GetTimestamp();
                    var listed = false;
                    try
                    {
                        var listVersion = await ListAsync(cancellationToken).ConfigureAwait(false);
                        listed = true;
                        var delivered = await WatchFromAsync(listVersion, cancellationToken).ConfigureAwait(false);
                        delay = delivered || LastedLong(started) ? options.InitialReconnectDelay : delay;
                        if (logger is not null)
                        {
                            LogWatchEnded(logger, key.ToString(), delay);
                        }
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsEmptyWatchClosed(e))
                    {
                        // The server ended a watch that had nothing to report (its timeoutSeconds on a quiet secret).
                        delay = LastedLong(started) ? options.InitialReconnectDelay : delay;
                        if (logger is not null)
                        {
                            LogWatchEnded(logger, key.ToString(), delay);
                        }
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested && listed
                        && e is IOException or HttpRequestException { StatusCode: null })
                    {
                        // The connection broke under an open watch (API server restart, proxy, load balancer).
                        if (logger is not null)
                        {
                            LogWatchInterrupted(logger, key.ToString(), delay, Describe(e));
                        }
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested
                        && (e is SecretStoreException || IsStoreFailure(e, cancellationToken)))
                    {
                        // The list failed, or the API server refused the watch (403, 500, …).
                        if (logger is not null)
                        {
                            LogWatchFailed(logger, key.ToString(), delay, Describe(e));
                        }
                    }

                    await Task.Delay(delay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug, not a network failure: let the consumer see it instead of waiting forever.
                events.TryComplete(e);
                throw;
            }
        }

        /// <summary>A watch that stayed up for the longest backoff was healthy: the next reconnect starts from the shortest delay.</summary>
        private bool LastedLong(long started) =>
            store.options.TimeProvider.GetElapsedTime(started) >= store.options.MaxReconnectDelay;

        /// <summary>
        /// KubernetesClient reads a watch's first line before it returns the stream, and throws EndOfStreamException
        /// (wrapped by HttpClient) when the server closes the watch without sending any.
        /// </summary>
        private static bool IsEmptyWatchClosed(Exception e) =>
            e is EndOfStreamException || e.InnerException is EndOfStreamException;

        public async Task ResyncAsync(PeriodicTimer timer, CancellationToken cancellationToken)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    long before;
                    await emitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        before = changes;
                        if (!announced)
                        {
                            // The first event is the initial state from the first list; until then there is nothing to resync.
                            continue;
                        }
                    }
                    finally
                    {
                        emitLock.Release();
                    }

                    V1Secret? read;
                    try
                    {
                        read = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
                    }
                    catch (SecretStoreException e)
                    {
                        if (logger is not null)
                        {
                            LogResyncFailed(logger, key.ToString(), e.Message);
                        }

                        continue;
                    }

                    await emitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        // A watch event that arrived while we were reading is newer than what we read: resync with it.
                        if (changes == before)
                        {
                            current = read is null ? null : ToStored(key, read, "read");
                            currentUid = read?.Metadata?.Uid;
                        }

                        await events.WriteAsync(new SecretEvent(SecretEventType.Resync, current), cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        emitLock.Release();
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                events.TryComplete(e);
                throw;
            }
        }

        /// <summary>Lists, tells the consumer what differs from what it last heard, and returns the list's resourceVersion.</summary>
        private async Task<string?> ListAsync(CancellationToken cancellationToken)
        {
            var list = await store.client.CoreV1.ListNamespacedSecretAsync(
                    key.Namespace,
                    fieldSelector: fieldSelector,
                    cancellationToken: cancellationToken)
                .ConfigureAwait(false);

            V1Secret? item = null;
            foreach (var candidate in list.Items ?? [])
            {
                if (candidate.Metadata?.Name == key.Name)
                {
                    item = candidate;
                }
            }

            var found = item is null ? null : ToStored(key, item, "list");

            var foundUid = item?.Metadata?.Uid;
            await emitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                SecretEvent[] news;
                if (!announced)
                {
                    news = [new SecretEvent(found is null ? SecretEventType.Resync : SecretEventType.Added, found)];
                    announced = true;
                }
                else
                {
                    news = (current, found) switch
                    {
                        (null, null) => [],
                        (null, _) => [new SecretEvent(SecretEventType.Added, found)],
                        (_, null) => [new SecretEvent(SecretEventType.Deleted, null)],
                        _ when currentUid is not null && foundUid is not null && currentUid != foundUid =>
                            [new SecretEvent(SecretEventType.Deleted, null), new SecretEvent(SecretEventType.Added, found)],
                        _ when current.Version != found.Version => [new SecretEvent(SecretEventType.Modified, found)],
                        _ => [],
                    };
                }

                current = found;
                currentUid = foundUid;
                foreach (var change in news)
                {
                    changes++;
                    await events.WriteAsync(change, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                emitLock.Release();
            }

            return list.Metadata?.ResourceVersion;
        }

        /// <summary>Follows one watch until it ends; true when it delivered anything (the connection was worth having).</summary>
        private async Task<bool> WatchFromAsync(string? resourceVersion, CancellationToken cancellationToken)
        {
            var delivered = false;
            Exception? streamError = null;
            var timeoutSeconds = store.options.WatchTimeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : (int?)null;

            var stream = store.client.CoreV1.WatchListNamespacedSecretAsync(
                key.Namespace,
                allowWatchBookmarks: true,
                fieldSelector: fieldSelector,
                resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds,
                onError: e => streamError ??= e,
                cancellationToken: cancellationToken);

            await foreach (var (type, secret) in stream.ConfigureAwait(false))
            {
                delivered = true;
                SecretEvent? change = type switch
                {
                    _ when secret?.Metadata?.Name != key.Name => null,
                    WatchEventType.Added => new SecretEvent(SecretEventType.Added, ToStored(key, secret, "watch")),
                    WatchEventType.Modified => new SecretEvent(SecretEventType.Modified, ToStored(key, secret, "watch")),
                    WatchEventType.Deleted => new SecretEvent(SecretEventType.Deleted, null),
                    _ => null, // BOOKMARK only moves the resourceVersion; ERROR arrives through onError.
                };
                if (change is null)
                {
                    continue;
                }

                await emitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    current = change.Secret;
                    currentUid = change.Secret is null ? null : secret!.Metadata.Uid;
                    changes++;
                    await events.WriteAsync(change, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    emitLock.Release();
                }
            }

            if (streamError is not null && logger is not null)
            {
                // Typically 410 Gone ("too old resource version") just before the server closes the stream.
                LogWatchError(logger, key.ToString(), Describe(streamError));
            }

            return delivered;
        }

        private static string Describe(Exception e) => e switch
        {
            KubernetesException { Status: { } status } => $"{status.Code} {status.Reason}: {status.Message}",
            k8s.Autorest.HttpOperationException http => $"HTTP {(int?)http.Response?.StatusCode} {http.Response?.ReasonPhrase}",
            _ => e.GetType().Name + ": " + e.Message,
        };

        [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of secret {Secret} ended; listing again in {Delay}")]
        private static partial void LogWatchEnded(ILogger logger, string secret, TimeSpan delay);

        [LoggerMessage(Level = LogLevel.Information, Message = "Watch of secret {Secret} was interrupted; listing again in {Delay}: {Error}")]
        private static partial void LogWatchInterrupted(ILogger logger, string secret, TimeSpan delay, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of secret {Secret} failed, retrying in {Delay}: {Error}")]
        private static partial void LogWatchFailed(ILogger logger, string secret, TimeSpan delay, string error);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of secret {Secret} reported an error: {Error}")]
        private static partial void LogWatchError(ILogger logger, string secret, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Resync of secret {Secret} failed: {Error}")]
        private static partial void LogResyncFailed(ILogger logger, string secret, string error);
    }
}
