using Flagwork.Tls.Secrets;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Tls.Tests.Secrets;

/// <summary>
/// Watches driven by a fake clock with file system notifications off, so only polling can see a change: each step
/// changes the store, advances the clock by one poll interval and expects exactly the event that change implies. A
/// watch reads synchronously, so once <c>MoveNextAsync</c> returns pending the watch is waiting on the fake clock.
/// One test uses the real clock and real notifications instead, with polling an hour away.
/// </summary>
public sealed class FileSecretStoreWatchTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(1);

    // A bound on waits that should finish at once, so a broken watch fails the test instead of hanging it.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private readonly TempRoot temp = new();
    private readonly FakeTimeProvider clock = new();
    private readonly CancellationTokenSource stop = new();

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        temp.Dispose();
    }

    private FileSecretStore PollingStore() => new(
        temp.Path,
        clock,
        options: new FileSecretStoreOptions { PollInterval = Poll, ResyncInterval = Resync, WatchFileSystem = false });

    [Fact]
    public async Task AWatchOfAMissingSecretStartsWithAResyncOfNothing()
    {
        await using var watch = PollingStore().WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);

        var first = await NextAsync(watch);

        Assert.Equal(SecretEventType.Resync, first.Type);
        Assert.Null(first.Secret);
    }

    [Fact]
    public async Task PollingReportsAddedModifiedAndDeleted()
    {
        var store = PollingStore();
        await using var watch = store.WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.Equal(SecretEventType.Resync, (await NextAsync(watch)).Type);

        var created = await store.CreateAsync("first");
        var added = await AfterPollAsync(watch);
        var updated = await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);
        var modified = await AfterPollAsync(watch);
        await store.DeleteAsync(Secret.Key, CancellationToken.None);
        var deleted = await AfterPollAsync(watch);

        Assert.Equal(SecretEventType.Added, added.Type);
        Assert.Equal(created.Secret.Version, added.Secret!.Version);
        Assert.Equal(Secret.Describe(Secret.Data("first")), Secret.Describe(added.Secret.Data));
        Assert.Equal(SecretEventType.Modified, modified.Type);
        Assert.Equal(updated.Secret!.Version, modified.Secret!.Version);
        Assert.Equal(Secret.Describe(Secret.Data("second")), Secret.Describe(modified.Secret.Data));
        Assert.Equal(SecretEventType.Deleted, deleted.Type);
        Assert.Null(deleted.Secret);
    }

    [Fact]
    public async Task APollThatFindsTheSameVersionReportsNothing()
    {
        var store = PollingStore();
        var created = await store.CreateAsync("first");
        await using var watch = store.WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.Equal(SecretEventType.Added, (await NextAsync(watch)).Type);

        var next = watch.MoveNextAsync();
        clock.Advance(Poll);
        clock.Advance(Poll);
        Assert.False(next.IsCompleted);

        var updated = await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);
        clock.Advance(Poll);
        Assert.True(await next.AsTask().WaitAsync(Bound));
        Assert.Equal(SecretEventType.Modified, watch.Current.Type);
        Assert.Equal(updated.Secret!.Version, watch.Current.Secret!.Version);
    }

    [Fact]
    public async Task AWatchOfAnExistingSecretStartsWithAddedAndResyncsEveryInterval()
    {
        var store = PollingStore();
        var created = await store.CreateAsync("first");
        await using var watch = store.WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);

        var first = await NextAsync(watch);
        var next = watch.MoveNextAsync();
        clock.Advance(Resync - Poll);
        Assert.False(next.IsCompleted);
        clock.Advance(Poll);
        Assert.True(await next.AsTask().WaitAsync(Bound));
        var resync = watch.Current;
        var again = await AfterAsync(watch, Resync);

        Assert.Equal(SecretEventType.Added, first.Type);
        Assert.Equal(created.Secret!.Version, first.Secret!.Version);
        Assert.Equal(SecretEventType.Resync, resync.Type);
        Assert.Equal(created.Secret.Version, resync.Secret!.Version);
        Assert.Equal(SecretEventType.Resync, again.Type);
    }

    [Fact]
    public async Task AResyncOfAMissingSecretCarriesNothing()
    {
        await using var watch = PollingStore().WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);
        await NextAsync(watch);

        var resync = await AfterAsync(watch, Resync);

        Assert.Equal(SecretEventType.Resync, resync.Type);
        Assert.Null(resync.Secret);
    }

    [Fact]
    public async Task DeletedAndCreatedAgainBetweenTwoPollsIsDeletedThenAdded()
    {
        var store = PollingStore();
        await store.CreateAsync("old");
        await using var watch = store.WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.Equal(SecretEventType.Added, (await NextAsync(watch)).Type);

        await store.DeleteAsync(Secret.Key, CancellationToken.None);
        var recreated = await store.CreateAsync("new");
        var deleted = await AfterPollAsync(watch);
        var added = await NextAsync(watch);

        Assert.Equal(SecretEventType.Deleted, deleted.Type);
        Assert.Equal(SecretEventType.Added, added.Type);
        Assert.Equal(recreated.Secret!.Version, added.Secret!.Version);
    }

    [Fact]
    public async Task CancellingEndsTheWatchWithOperationCanceled()
    {
        await using var watch = PollingStore().WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);
        await NextAsync(watch);
        var next = watch.MoveNextAsync();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task FileSystemNotificationsReportChangesWithoutWaitingForAPoll()
    {
        // Real clock, polling an hour away: only notifications can deliver these events within the bound.
        var options = new FileSecretStoreOptions { PollInterval = TimeSpan.FromHours(1), ResyncInterval = TimeSpan.FromHours(2) };
        var store = new FileSecretStore(temp.Path, options: options);
        var writer = new FileSecretStore(temp.Path);
        await using var watch = store.WatchAsync(Secret.Key, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.Equal(SecretEventType.Resync, (await NextAsync(watch)).Type);

        var created = await writer.CreateAsync("first");
        var added = await NextAsync(watch);
        var updated = await writer.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);
        var modified = await NextAsync(watch);
        await writer.DeleteAsync(Secret.Key, CancellationToken.None);
        var deleted = await NextAsync(watch);

        Assert.Equal((SecretEventType.Added, created.Secret.Version), (added.Type, added.Secret!.Version));
        Assert.Equal((SecretEventType.Modified, updated.Secret!.Version), (modified.Type, modified.Secret!.Version));
        Assert.Equal(SecretEventType.Deleted, deleted.Type);
    }

    /// <summary>The next event, which must come without the clock moving.</summary>
    private static async Task<SecretEvent> NextAsync(IAsyncEnumerator<SecretEvent> watch)
    {
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Bound));
        return watch.Current;
    }

    private Task<SecretEvent> AfterPollAsync(IAsyncEnumerator<SecretEvent> watch) => AfterAsync(watch, Poll);

    /// <summary>The next event, which must come when the clock has moved by <paramref name="time"/>, not before.</summary>
    private async Task<SecretEvent> AfterAsync(IAsyncEnumerator<SecretEvent> watch, TimeSpan time)
    {
        var next = watch.MoveNextAsync();
        Assert.False(next.IsCompleted, "an event arrived before the clock moved");
        clock.Advance(time);
        Assert.True(await next.AsTask().WaitAsync(Bound));
        return watch.Current;
    }
}
