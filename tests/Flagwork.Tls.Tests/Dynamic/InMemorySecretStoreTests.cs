using Flagwork.Tls.Secrets;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>The test double keeps the <see cref="ISecretStore"/> contract the authority tests rely on.</summary>
public sealed class InMemorySecretStoreTests
{
    private static readonly SecretKey Key = Fixtures.Key;
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    private readonly InMemorySecretStore _store = new();

    private static Dictionary<string, byte[]> Data(string value) => Fixtures.Data(("tls.crt", value), ("tls.key", value), ("ca.crt", value));

    [Fact]
    public async Task OfConcurrentCreatorsExactlyOneCreates()
    {
        var writes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => _store.CreateAsync(Key, Data("v" + i), None, None, CancellationToken.None))));

        Assert.Single(writes, w => w.Outcome == SecretWriteOutcome.Created);
        Assert.Equal(31, writes.Count(w => w.Outcome == SecretWriteOutcome.AlreadyExists && w.Secret is null));
        Assert.Equal(1, _store.Count(SecretWriteOutcome.Created));
    }

    [Fact]
    public async Task UpdatesCompareVersionsAndMergeKeys()
    {
        var created = (await _store.CreateAsync(Key, Data("one"), None, new Dictionary<string, string> { ["a"] = "b" }, CancellationToken.None)).Secret!;

        var updated = await _store.UpdateAsync(Key, created.Version, Fixtures.Data(("ca.crt", "two")), CancellationToken.None);
        var stale = await _store.UpdateAsync(Key, created.Version, Fixtures.Data(("ca.crt", "three")), CancellationToken.None);

        Assert.Equal(SecretWriteOutcome.Updated, updated.Outcome);
        Assert.NotEqual(created.Version, updated.Secret!.Version);
        Assert.Equal("one", updated.Secret.Text("tls.crt")); // other keys kept
        Assert.Equal("two", updated.Secret.Text("ca.crt"));
        Assert.Equal("b", updated.Secret.Annotations["a"]);
        Assert.Equal(SecretWriteOutcome.Conflict, stale.Outcome);
        Assert.Equal("two", _store.Peek(Key)!.Text("ca.crt"));
    }

    [Fact]
    public async Task MissingSecrets()
    {
        Assert.Null(await _store.GetAsync(Key, CancellationToken.None));
        Assert.Equal(SecretWriteOutcome.NotFound, (await _store.UpdateAsync(Key, "1", Data("x"), CancellationToken.None)).Outcome);
        Assert.False(await _store.DeleteAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task AWatchSeesTheCurrentStateThenEveryChange()
    {
        using var stop = new CancellationTokenSource();
        await using var watch = _store.WatchAsync(Key, stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await watch.MoveNextAsync().AsTask().Promptly());
        Assert.Equal(new SecretEvent(SecretEventType.Resync, null), watch.Current);

        var created = (await _store.CreateAsync(Key, Data("one"), None, None, CancellationToken.None)).Secret!;
        var updated = (await _store.UpdateAsync(Key, created.Version, Data("two"), CancellationToken.None)).Secret!;
        var put = _store.Put(Key, Fixtures.Data(("tls.crt", "three")));
        await _store.DeleteAsync(Key, CancellationToken.None);

        (SecretEventType, StoredSecret?)[] expected =
            [(SecretEventType.Added, created), (SecretEventType.Modified, updated), (SecretEventType.Modified, put), (SecretEventType.Deleted, null)];
        foreach (var (type, secret) in expected)
        {
            Assert.True(await watch.MoveNextAsync().AsTask().Promptly());
            Assert.Equal(type, watch.Current.Type);
            Assert.Same(secret, watch.Current.Secret);
        }
        Assert.Equal(["tls.crt"], put.Data.Keys); // Put replaces all data

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.MoveNextAsync().AsTask().Promptly());
        Assert.Equal(0, _store.OpenWatches);
    }

    [Fact]
    public async Task AWatchOfAnExistingSecretStartsWithAdded()
    {
        var put = _store.Put(Key, Data("one"));
        using var stop = new CancellationTokenSource();
        await using var watch = _store.WatchAsync(Key, stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await watch.MoveNextAsync().AsTask().Promptly());
        Assert.Equal(new SecretEvent(SecretEventType.Added, put), watch.Current);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task InjectedFailuresHitTheNextCallsOnly()
    {
        _store.FailNext(2);

        await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(Key, CancellationToken.None));
        await Assert.ThrowsAsync<SecretStoreException>(() => _store.CreateAsync(Key, Data("x"), None, None, CancellationToken.None));
        Assert.Equal(SecretWriteOutcome.Created, (await _store.CreateAsync(Key, Data("x"), None, None, CancellationToken.None)).Outcome);
        Assert.NotNull(await _store.GetAsync(Key, CancellationToken.None));
    }
}
