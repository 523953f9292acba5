using System.Threading.Channels;
using Flagwork.Tls.Secrets;

namespace Flagwork.Kubernetes.Tests;

/// <summary>Runs a store's watch in the background and hands its events out one at a time, each wait bounded.</summary>
internal sealed class WatchReader : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<SecretEvent> events = Channel.CreateUnbounded<SecretEvent>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;

    public WatchReader(ISecretStore store, SecretKey key)
    {
        pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in store.WatchAsync(key, stop.Token))
                {
                    events.Writer.TryWrite(item);
                }

                events.Writer.TryComplete(new InvalidOperationException("the watch ended without being cancelled"));
            }
            catch (Exception e)
            {
                events.Writer.TryComplete(e);
                throw;
            }
        });
    }

    /// <summary>The task that enumerates; faults with what the enumeration threw.</summary>
    public Task Pump => pump;

    public async Task<SecretEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            return await events.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"no watch event within {timeout ?? Patience}");
        }
    }

    /// <summary>Reads events until one matches, failing after <paramref name="limit"/> events or the patience.</summary>
    public async Task<SecretEvent> NextMatchingAsync(Func<SecretEvent, bool> predicate, int limit = 10)
    {
        var seen = new List<SecretEvent>();
        for (var i = 0; i < limit; i++)
        {
            var next = await NextAsync();
            if (predicate(next))
            {
                return next;
            }

            seen.Add(next);
        }

        throw new InvalidOperationException("no matching event among: " + string.Join(", ", seen.Select(e => $"{e.Type} {e.Secret}")));
    }

    /// <summary>True when nothing arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> IsQuietAsync(TimeSpan quiet)
    {
        using var deadline = new CancellationTokenSource(quiet);
        try
        {
            await events.Reader.WaitToReadAsync(deadline.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Cancels the watch and returns what the enumeration ended with.</summary>
    public async Task<Exception?> CancelAsync()
    {
        await stop.CancelAsync();
        try
        {
            await pump.WaitAsync(Patience);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CancelAsync();
        stop.Dispose();
    }
}
