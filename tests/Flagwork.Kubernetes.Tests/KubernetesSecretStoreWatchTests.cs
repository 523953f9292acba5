using Flagwork.Tls.Secrets;
using Microsoft.Extensions.Time.Testing;

namespace Flagwork.Kubernetes.Tests;

/// <summary>
/// The store's watch through the real KubernetesClient: list-then-watch on one name, reconnects that lose nothing, and
/// the periodic resync. Reconnect tests on the real clock use a 20 ms backoff; those that must act while the store is
/// reconnecting hold it in its backoff with a fake clock.
/// </summary>
public sealed class KubernetesSecretStoreWatchTests : StoreTestBase
{
    private static readonly KubernetesSecretStoreOptions FastReconnect = new()
    {
        InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task Watch_OfAnAbsentSecret_StartsWithResyncNull_ThenSeesAddedModifiedDeletedInOrder()
    {
        using var store = NewStore(FastReconnect);
        using var writer = NewStore();
        await using var watch = new WatchReader(store, Key);

        var initial = await watch.NextAsync();
        Assert.Equal(SecretEventType.Resync, initial.Type);
        Assert.Null(initial.Secret);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        var created = await CreateAsync(writer, ("tls.crt", "V1"));
        var updated = (await writer.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded)).Secret!;
        Assert.True(await writer.DeleteAsync(Key, Bounded));

        var added = await watch.NextAsync();
        Assert.Equal(SecretEventType.Added, added.Type);
        Assert.Equal(created.Version, added.Secret!.Version);
        Assert.Equal("V1", Text(added.Secret, "tls.crt"));
        Assert.Equal(Labels, added.Secret.Labels);
        Assert.Equal(Annotations, added.Secret.Annotations);

        var modified = await watch.NextAsync();
        Assert.Equal(SecretEventType.Modified, modified.Type);
        Assert.Equal(updated.Version, modified.Secret!.Version);
        Assert.Equal("V2", Text(modified.Secret, "tls.crt"));

        var deleted = await watch.NextAsync();
        Assert.Equal(SecretEventType.Deleted, deleted.Type);
        Assert.Null(deleted.Secret);
    }

    [Fact]
    public async Task Watch_OfAnExistingSecret_StartsWithAdded()
    {
        using var store = NewStore(FastReconnect);
        var created = await CreateAsync(store, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);

        var initial = await watch.NextAsync();

        Assert.Equal(SecretEventType.Added, initial.Type);
        Assert.Equal(created.Version, initial.Secret!.Version);
    }

    [Fact]
    public async Task Watch_ListsAndWatchesOnlyTheOneName_FromTheListsResourceVersion()
    {
        using var store = NewStore(FastReconnect);
        await CreateAsync(store, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);
        var listVersion = Server.ResourceVersion;

        // Another secret in the same namespace is not this watch's business.
        var other = await store.CreateAsync(Key with { Name = "someone-else" }, Data(("x", "y")), Labels, Annotations, Bounded);
        Assert.Equal(SecretWriteOutcome.Created, other.Outcome);
        Assert.True(await watch.IsQuietAsync(TimeSpan.FromMilliseconds(200)));

        // KubernetesClient sends watch=false on a plain list.
        var list = Assert.Single(Server.Requests, r => r.StartsWith("GET /api/v1/namespaces/cert-manager/secrets?", StringComparison.Ordinal) && !r.Contains("watch=true", StringComparison.Ordinal));
        Assert.Contains("fieldSelector=metadata.name%3Dcert-manager-metrics-ca", list, StringComparison.Ordinal);
        var watchRequest = Assert.Single(Server.Requests, r => r.Contains("watch=true", StringComparison.Ordinal));
        Assert.Contains("fieldSelector=metadata.name%3Dcert-manager-metrics-ca", watchRequest, StringComparison.Ordinal);
        Assert.Contains($"resourceVersion={listVersion}", watchRequest, StringComparison.Ordinal);
        Assert.Contains("allowWatchBookmarks=true", watchRequest, StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds=300", watchRequest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedWatch_IsReestablished_AndLaterChangesAreSeen()
    {
        using var store = NewStore(FastReconnect);
        using var writer = NewStore();
        var created = await CreateAsync(writer, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        Assert.Equal(1, Server.DropWatches());
        await Server.WaitForWatchesStartedAsync(2, WatchReader.Patience);
        var updated = (await writer.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded)).Secret!;

        var modified = await watch.NextAsync();
        Assert.Equal(SecretEventType.Modified, modified.Type);
        Assert.Equal(updated.Version, modified.Secret!.Version);
        Assert.Equal(2, Server.CountRequests("GET", "fieldSelector") - Server.CountRequests("GET", "watch=true"));
    }

    [Fact]
    public async Task ChangesMadeWhileTheWatchIsDown_AreReportedByTheRelist()
    {
        var clock = new FakeTimeProvider();
        using var store = NewStore(new KubernetesSecretStoreOptions { TimeProvider = clock });
        using var writer = NewStore();
        var created = await CreateAsync(writer, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        // The store now waits out its backoff on the fake clock; nothing watches while the secret changes twice.
        Server.DropWatches();
        var v2 = (await writer.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded)).Secret!;
        var v3 = (await writer.UpdateAsync(Key, v2.Version, Data(("tls.crt", "V3")), Bounded)).Secret!;
        Assert.True(await watch.IsQuietAsync(TimeSpan.FromMilliseconds(100)));

        await AdvanceUntilWatchesStartedAsync(clock, 2);

        var caughtUp = await watch.NextAsync();
        Assert.Equal(SecretEventType.Modified, caughtUp.Type);
        Assert.Equal(v3.Version, caughtUp.Secret!.Version);
        Assert.Equal("V3", Text(caughtUp.Secret, "tls.crt"));
    }

    [Fact]
    public async Task ADeleteAndARecreateWhileTheWatchIsDown_AreReportedByTheRelist()
    {
        var clock = new FakeTimeProvider();
        using var store = NewStore(new KubernetesSecretStoreOptions { TimeProvider = clock });
        using var writer = NewStore();
        await CreateAsync(writer, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        Server.DropWatches();
        Assert.True(await writer.DeleteAsync(Key, Bounded));
        await AdvanceUntilWatchesStartedAsync(clock, 2);
        var deleted = await watch.NextAsync();
        Assert.Equal(SecretEventType.Deleted, deleted.Type);

        Server.DropWatches();
        var recreated = await CreateAsync(writer, ("tls.crt", "NEW CA"));
        await AdvanceUntilWatchesStartedAsync(clock, 3);
        var added = await watch.NextAsync();
        Assert.Equal(SecretEventType.Added, added.Type);
        Assert.Equal(recreated.Version, added.Secret!.Version);
    }

    [Fact]
    public async Task ASecretDeletedAndCreatedAgainWhileTheWatchIsDown_IsReportedAsDeletedThenAdded()
    {
        var clock = new FakeTimeProvider();
        using var store = NewStore(new KubernetesSecretStoreOptions { TimeProvider = clock });
        using var writer = NewStore();
        await CreateAsync(writer, ("tls.crt", "OLD CA"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        Server.DropWatches();
        Assert.True(await writer.DeleteAsync(Key, Bounded));
        var recreated = await CreateAsync(writer, ("tls.crt", "NEW CA"));
        await AdvanceUntilWatchesStartedAsync(clock, 2);

        Assert.Equal(SecretEventType.Deleted, (await watch.NextAsync()).Type);
        var added = await watch.NextAsync();
        Assert.Equal(SecretEventType.Added, added.Type);
        Assert.Equal(recreated.Version, added.Secret!.Version);
        Assert.Equal("NEW CA", Text(added.Secret, "tls.crt"));
    }

    [Fact]
    public async Task AQuietWatchEndedByTheServersTimeout_IsRenewedWithoutAWarning()
    {
        var logger = new ListLogger();
        using var store = NewStore(new KubernetesSecretStoreOptions
        {
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
            WatchTimeout = TimeSpan.FromSeconds(1),
            Logger = logger,
        });
        using var writer = NewStore();
        var created = await CreateAsync(writer, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);

        // timeoutSeconds=1: the server closes the first watch, having sent nothing, after a second.
        await Server.WaitForWatchesStartedAsync(2, WatchReader.Patience);
        var updated = (await writer.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded)).Secret!;

        Assert.Equal(updated.Version, (await watch.NextAsync()).Secret!.Version);
        Assert.Contains(logger.Entries, e => e.StartsWith("Debug: Watch of secret cert-manager/cert-manager-metrics-ca ended", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => !e.StartsWith("Debug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInterruptedWatchIsInformation_AFailedListAWarning_NeitherWithSecretData()
    {
        var logger = new ListLogger();
        using var store = NewStore(FastReconnect with { Logger = logger });
        await CreateAsync(store, ("tls.key", "PRIVATE-KEY-MATERIAL"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        Server.FailNextRequests(1);
        Server.DropWatches();
        await Server.WaitForWatchesStartedAsync(2, WatchReader.Patience);

        Assert.Contains(logger.Entries, e => e.StartsWith("Information: Watch of secret cert-manager/cert-manager-metrics-ca was interrupted", StringComparison.Ordinal));
        var warning = Assert.Single(logger.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains("HTTP 500", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(logger.Entries, e => e.Contains("PRIVATE-KEY-MATERIAL", StringComparison.Ordinal) || e.Contains("UFJJVkFURS1LRVktTUFURVJJQUw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredWatch_410Gone_RelistsAndKeepsWatching()
    {
        using var store = NewStore(FastReconnect);
        using var writer = NewStore();
        var created = await CreateAsync(writer, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        Server.ExpireNextWatches(1);
        Server.DropWatches();
        await Server.WaitForWatchesStartedAsync(3, WatchReader.Patience);
        var updated = (await writer.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded)).Secret!;

        var modified = await watch.NextAsync();
        Assert.Equal(SecretEventType.Modified, modified.Type);
        Assert.Equal(updated.Version, modified.Secret!.Version);
    }

    [Fact]
    public async Task AnApiOutageWhileReconnecting_DoesNotEndTheWatch()
    {
        using var store = NewStore(FastReconnect);
        using var writer = NewStore();
        var created = await CreateAsync(writer, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        Server.FailNextRequests(5);
        Server.DropWatches();
        await Server.WaitForWatchesStartedAsync(2, WatchReader.Patience);
        var updated = (await writer.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded)).Secret!;

        var modified = await watch.NextAsync();
        Assert.Equal(updated.Version, modified.Secret!.Version);
        Assert.False(watch.Pump.IsCompleted);
    }

    [Fact]
    public async Task Resync_EveryPeriod_RereadsTheSecret()
    {
        var clock = new FakeTimeProvider();
        using var store = NewStore(new KubernetesSecretStoreOptions { TimeProvider = clock });
        var created = await CreateAsync(store, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        var readsBefore = Server.CountRequests("GET", "/secrets/" + Key.Name);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(await watch.IsQuietAsync(TimeSpan.FromMilliseconds(100)));
        clock.Advance(TimeSpan.FromSeconds(1));

        var resync = await watch.NextAsync();
        Assert.Equal(SecretEventType.Resync, resync.Type);
        Assert.Equal(created.Version, resync.Secret!.Version);
        Assert.Equal(readsBefore + 1, Server.CountRequests("GET", "/secrets/" + Key.Name));

        Assert.True(await store.DeleteAsync(Key, Bounded));
        Assert.Equal(SecretEventType.Deleted, (await watch.NextAsync()).Type);
        clock.Advance(TimeSpan.FromMinutes(1));
        var empty = await watch.NextAsync();
        Assert.Equal(SecretEventType.Resync, empty.Type);
        Assert.Null(empty.Secret);
    }

    [Fact]
    public async Task Resync_WhenTheReadFails_IsSkipped_AndTheWatchGoesOn()
    {
        var clock = new FakeTimeProvider();
        using var store = NewStore(new KubernetesSecretStoreOptions { TimeProvider = clock });
        var created = await CreateAsync(store, ("tls.crt", "V1"));
        await using var watch = new WatchReader(store, Key);
        Assert.Equal(SecretEventType.Added, (await watch.NextAsync()).Type);
        await Server.WaitForWatchesStartedAsync(1, WatchReader.Patience);

        Server.FailNextRequests(1);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await watch.IsQuietAsync(TimeSpan.FromMilliseconds(200)));

        clock.Advance(TimeSpan.FromMinutes(1));
        var resync = await watch.NextAsync();
        Assert.Equal(SecretEventType.Resync, resync.Type);
        Assert.Equal(created.Version, resync.Secret!.Version);
    }

    [Fact]
    public async Task Watch_EndsOnlyOnCancellation_WithOperationCanceledException()
    {
        using var store = NewStore(FastReconnect);
        var watch = new WatchReader(store, Key);
        await watch.NextAsync();
        Assert.False(watch.Pump.IsCompleted);

        var ended = await watch.CancelAsync();

        Assert.IsAssignableFrom<OperationCanceledException>(ended);
        await watch.DisposeAsync();
    }

    /// <summary>Moves the fake clock in backoff-sized steps until the store has re-established its watch (bounded).</summary>
    private async Task AdvanceUntilWatchesStartedAsync(FakeTimeProvider clock, int count)
    {
        for (var step = 0; step < 100 && Server.WatchesStarted < count; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(20);
        }

        await Server.WaitForWatchesStartedAsync(count, WatchReader.Patience);
    }
}
