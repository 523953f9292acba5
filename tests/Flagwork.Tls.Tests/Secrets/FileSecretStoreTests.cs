using System.Runtime.Versioning;
using Flagwork.Tls.Secrets;

namespace Flagwork.Tls.Tests.Secrets;

/// <summary>The file store in one process: layout, permissions, optimistic concurrency, names, failures.</summary>
[UnsupportedOSPlatform("windows")] // The store needs POSIX links, rename(2) and flock.
public sealed class FileSecretStoreTests : IDisposable
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempRoot temp = new();

    // Below the temp directory, so the store creates the root itself (and must create it private).
    private string Root => Path.Combine(temp.Path, "store");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task CreateThenGetRoundTripsDataLabelsAndAnnotations()
    {
        var store = new FileSecretStore(Root);
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "flagwork" };
        var annotations = new Dictionary<string, string> { ["cert-manager.io/allow-direct-injection"] = "true" };
        var data = Secret.Data("first");
        data["empty"] = [];

        var created = await store.CreateAsync(Secret.Key, data, labels, annotations, CancellationToken.None);
        var read = await store.GetAsync(Secret.Key, CancellationToken.None);

        Assert.Equal(SecretWriteOutcome.Created, created.Outcome);
        Assert.NotNull(created.Secret);
        Assert.NotNull(read);
        Assert.Equal(Secret.Key, read.Key);
        Assert.Equal(created.Secret.Version, read.Version);
        Assert.Equal(Secret.Describe(data), Secret.Describe(read.Data));
        Assert.Equal(Secret.Describe(data), Secret.Describe(created.Secret.Data));
        Assert.Equal(labels, read.Labels);
        Assert.Equal(annotations, read.Annotations);
    }

    [Fact]
    public async Task EveryDirectoryIsPrivateAndEveryFileOwnerReadWriteOnly()
    {
        var store = new FileSecretStore(Root);
        var created = await store.CreateAsync("first");
        await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);

        var directories = Directory.GetDirectories(Root, "*", SearchOption.AllDirectories).Prepend(Root).ToArray();
        var files = Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).LinkTarget is null)
            .ToArray();

        Assert.NotEmpty(files);
        Assert.All(directories, d => Assert.True(File.GetUnixFileMode(d) == PrivateDirectory, $"{d}: {File.GetUnixFileMode(d)}"));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == PrivateFile, $"{f}: {File.GetUnixFileMode(f)}"));
    }

    [Fact]
    public async Task TheCurrentVersionIsReadableThroughTheCurrentLink()
    {
        // The documented layout: <root>/<namespace>/<name>/current/<key>, a path other programs (a scraper's CA file) can use.
        var store = new FileSecretStore(Root);
        var created = await store.CreateAsync("first");
        await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);

        var secretDirectory = Path.Combine(Root, "flagwork", "metrics-ca");
        var current = Path.Combine(secretDirectory, "current");

        Assert.Equal("second:ca.crt", File.ReadAllText(Path.Combine(current, "ca.crt")));
        Assert.NotNull(new FileInfo(current).LinkTarget);
        Assert.Equal(
            ["current", new FileInfo(current).LinkTarget!],
            Directory.GetFileSystemEntries(secretDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DescriptionNamesTheAbsoluteRoot()
    {
        var store = new FileSecretStore(Path.Combine(temp.Path, "a", "..", "store") + Path.DirectorySeparatorChar);

        Assert.Equal("file store " + Root, store.Description);
        Assert.Null(await store.GetAsync(Secret.Key, CancellationToken.None));
    }

    [Fact]
    public async Task GetOfAMissingSecretIsNullAndCreatesNothing()
    {
        var store = new FileSecretStore(Root);

        Assert.Null(await store.GetAsync(Secret.Key, CancellationToken.None));
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task CreatingAnExistingSecretIsAlreadyExistsAndKeepsTheFirst()
    {
        var store = new FileSecretStore(Root);
        var first = await store.CreateAsync("first");

        var second = await new FileSecretStore(Root).CreateAsync("second");
        var read = await store.GetAsync(Secret.Key, CancellationToken.None);

        Assert.Equal(SecretWriteOutcome.AlreadyExists, second.Outcome);
        Assert.Null(second.Secret);
        Assert.Equal(first.Secret!.Version, read!.Version);
        Assert.Equal(Secret.Describe(Secret.Data("first")), Secret.Describe(read.Data));
    }

    [Fact]
    public async Task ThirtyTwoThreadsCreatingAtOnceMakeExactlyOneCreated()
    {
        const int creators = 32;
        using var start = new Barrier(creators);
        var outcomes = new SecretWriteOutcome[creators];
        var reads = new string[creators];
        var threads = Enumerable.Range(0, creators).Select(i => new Thread(() =>
        {
            // Each thread is a replica with its own store instance, as separate processes would be.
            var store = new FileSecretStore(Root);
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            outcomes[i] = store.CreateAsync("creator-" + i).GetAwaiter().GetResult().Outcome;
            reads[i] = Secret.Describe(store.GetAsync(Secret.Key, CancellationToken.None).GetAwaiter().GetResult()!.Data);
        })).ToList();

        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(30))));

        var winner = Assert.Single(Enumerable.Range(0, creators), i => outcomes[i] == SecretWriteOutcome.Created);
        Assert.Equal(creators - 1, outcomes.Count(o => o == SecretWriteOutcome.AlreadyExists));
        Assert.All(reads, read => Assert.Equal(Secret.Describe(Secret.Data("creator-" + winner)), read));
    }

    [Fact]
    public async Task UpdateWithTheCurrentVersionReplacesTheDataAndBumpsTheVersion()
    {
        var store = new FileSecretStore(Root);
        var created = await store.CreateAsync("first");

        var updated = await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);
        var read = await store.GetAsync(Secret.Key, CancellationToken.None);

        Assert.Equal(SecretWriteOutcome.Updated, updated.Outcome);
        Assert.NotEqual(created.Secret.Version, updated.Secret!.Version);
        Assert.Equal(updated.Secret.Version, read!.Version);
        Assert.Equal(Secret.Describe(Secret.Data("second")), Secret.Describe(read.Data));
    }

    [Fact]
    public async Task UpdateWithAStaleVersionIsAConflictAndChangesNothing()
    {
        var store = new FileSecretStore(Root);
        var created = await store.CreateAsync("first");
        var updated = await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);

        var stale = await store.UpdateAsync(Secret.Key, created.Secret.Version, Secret.Data("third"), CancellationToken.None);
        var read = await store.GetAsync(Secret.Key, CancellationToken.None);

        Assert.Equal(SecretWriteOutcome.Conflict, stale.Outcome);
        Assert.Null(stale.Secret);
        Assert.Equal(updated.Secret!.Version, read!.Version);
        Assert.Equal(Secret.Describe(Secret.Data("second")), Secret.Describe(read.Data));
    }

    [Fact]
    public async Task UpdateKeepsLabelsAnnotationsAndDataKeysNotGiven()
    {
        var store = new FileSecretStore(Root);
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "flagwork" };
        var annotations = new Dictionary<string, string> { ["cert-manager.io/allow-direct-injection"] = "true" };
        var data = Secret.Data("first");
        data["operator-note"] = "kept"u8.ToArray();
        var created = await store.CreateAsync(Secret.Key, data, labels, annotations, CancellationToken.None);

        var changes = new Dictionary<string, byte[]> { ["tls.crt"] = "new cert"u8.ToArray(), ["tls.key"] = "new key"u8.ToArray() };
        var updated = await store.UpdateAsync(Secret.Key, created.Secret!.Version, changes, CancellationToken.None);
        var read = await store.GetAsync(Secret.Key, CancellationToken.None);

        var expected = new Dictionary<string, byte[]>(data) { ["tls.crt"] = changes["tls.crt"], ["tls.key"] = changes["tls.key"] };
        Assert.Equal(Secret.Describe(expected), Secret.Describe(read!.Data));
        Assert.Equal(Secret.Describe(expected), Secret.Describe(updated.Secret!.Data));
        Assert.Equal(labels, read.Labels);
        Assert.Equal(annotations, read.Annotations);
        Assert.Equal(labels, updated.Secret.Labels);
    }

    [Fact]
    public async Task UpdateAfterDeleteIsNotFound()
    {
        var store = new FileSecretStore(Root);
        var created = await store.CreateAsync("first");
        Assert.True(await store.DeleteAsync(Secret.Key, CancellationToken.None));

        var update = await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None);

        Assert.Equal(SecretWriteOutcome.NotFound, update.Outcome);
        Assert.Null(await store.GetAsync(Secret.Key, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteRemovesEveryFileAndSaysWhetherTheSecretExisted()
    {
        var store = new FileSecretStore(Root);
        await store.CreateAsync("first");

        Assert.True(await store.DeleteAsync(Secret.Key, CancellationToken.None));
        Assert.False(await store.DeleteAsync(Secret.Key, CancellationToken.None));

        Assert.Null(await store.GetAsync(Secret.Key, CancellationToken.None));
        Assert.False(Path.Exists(Path.Combine(Root, "flagwork", "metrics-ca")));
        // Only the lock file stays (a lock file must never be deleted), and it holds nothing.
        var remaining = Assert.Single(Directory.GetFiles(Root, "*", SearchOption.AllDirectories));
        Assert.Equal("lock", Path.GetFileName(remaining));
        Assert.Equal(0, new FileInfo(remaining).Length);
    }

    [Fact]
    public async Task AVersionFromBeforeADeleteNeverMatchesTheSecretCreatedAfterIt()
    {
        var store = new FileSecretStore(Root);
        var old = await store.CreateAsync("old");
        await store.DeleteAsync(Secret.Key, CancellationToken.None);
        var recreated = await store.CreateAsync("new");

        var update = await store.UpdateAsync(Secret.Key, old.Secret!.Version, Secret.Data("stale"), CancellationToken.None);

        Assert.Equal(SecretWriteOutcome.Created, recreated.Outcome);
        Assert.NotEqual(old.Secret.Version, recreated.Secret!.Version);
        Assert.Equal(SecretWriteOutcome.Conflict, update.Outcome);
    }

    [Fact]
    public async Task SecretsAreIndependentByNamespaceAndName()
    {
        var store = new FileSecretStore(Root);
        SecretKey[] keys = [new("a", "ca"), new("b", "ca"), new("a", "ca.backup")];

        foreach (var key in keys)
        {
            Assert.Equal(SecretWriteOutcome.Created, (await store.CreateAsync(key.ToString(), key)).Outcome);
        }

        foreach (var key in keys)
        {
            var read = await store.GetAsync(key, CancellationToken.None);
            Assert.Equal(Secret.Describe(Secret.Data(key.ToString())), Secret.Describe(read!.Data));
        }
    }

    [Fact]
    public async Task ReturnedAndStoredSecretsDoNotShareArraysWithTheCaller()
    {
        var store = new FileSecretStore(Root);
        var data = Secret.Data("first");
        var created = await store.CreateAsync(Secret.Key, data, Secret.NoLabels, Secret.NoLabels, CancellationToken.None);

        data["tls.key"][0] ^= 0xff;

        Assert.Equal(Secret.Describe(Secret.Data("first")), Secret.Describe(created.Secret!.Data));
        Assert.Equal(Secret.Describe(Secret.Data("first")), Secret.Describe((await store.GetAsync(Secret.Key, CancellationToken.None))!.Data));
    }

    [Fact]
    public async Task ACancelledCreateLeavesNoSecretAndNoScratchFiles()
    {
        var store = new FileSecretStore(Root);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.CreateAsync(Secret.Key, Secret.Data("first"), Secret.NoLabels, Secret.NoLabels, cancelled.Token));

        Assert.Null(await store.GetAsync(Secret.Key, CancellationToken.None));
        Assert.Equal(SecretWriteOutcome.Created, (await store.CreateAsync("second")).Outcome);
        Assert.Equal(["lock"], Directory.GetFileSystemEntries(Path.Combine(Root, "flagwork", ".work", "metrics-ca")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("flagwork", "../x", "secret name \"../x\" is invalid: a lowercase RFC 1123 subdomain")]
    [InlineData("flagwork", "Bad_Name", "secret name \"Bad_Name\" is invalid: a lowercase RFC 1123 subdomain")]
    [InlineData("flagwork", "a/b", "secret name \"a/b\" is invalid")]
    [InlineData("flagwork", "..", "secret name \"..\" is invalid")]
    [InlineData("flagwork", ".work", "secret name \".work\" is invalid")]
    [InlineData("flagwork", "", "secret name \"\" is invalid: must not be empty")]
    [InlineData("../etc", "ca", "secret namespace \"../etc\" is invalid: a lowercase RFC 1123 label")]
    [InlineData("a.b", "ca", "secret namespace \"a.b\" is invalid: a lowercase RFC 1123 label")]
    [InlineData("/abs", "ca", "secret namespace \"/abs\" is invalid")]
    public async Task InvalidNamespacesAndNamesAreRejectedBeforeTouchingTheDisk(string ns, string name, string message)
    {
        var store = new FileSecretStore(Root);
        var key = new SecretKey(ns, name);

        var errors = new List<ArgumentException>
        {
            await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(key, CancellationToken.None)),
            await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync("x", key)),
            await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync(key, "1", Secret.Data("x"), CancellationToken.None)),
            await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key, CancellationToken.None)),
            Assert.Throws<ArgumentException>(() => store.WatchAsync(key, CancellationToken.None)),
        };

        Assert.All(errors, e => Assert.StartsWith(message, e.Message, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task ANameOfTheMaximumLengthIsAccepted()
    {
        var store = new FileSecretStore(Root);
        var longest = new SecretKey(new string('n', 63), string.Join('.', [new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61)]));

        Assert.Equal(253, longest.Name.Length);
        Assert.Equal(SecretWriteOutcome.Created, (await store.CreateAsync("longest", longest)).Outcome);
        Assert.NotNull(await store.GetAsync(longest, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => store.WatchAsync(longest with { Name = longest.Name + "a" }, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => store.WatchAsync(longest with { Namespace = longest.Namespace + "n" }, CancellationToken.None));
    }

    [Theory]
    [InlineData("../tls.key", "must not start with '..'")]
    [InlineData("tls/../key", "a valid data key")]
    [InlineData("a/b", "a valid data key")]
    [InlineData(".", "must not be '.'")]
    [InlineData("..", "must not be '..'")]
    [InlineData("..metadata.json", "must not start with '..'")]
    [InlineData("", "must not be empty")]
    public async Task InvalidDataKeysAreRejected(string dataKey, string problem)
    {
        var store = new FileSecretStore(Root);
        var data = new Dictionary<string, byte[]> { [dataKey] = [1] };

        var create = await Assert.ThrowsAsync<ArgumentException>(
            () => store.CreateAsync(Secret.Key, data, Secret.NoLabels, Secret.NoLabels, CancellationToken.None));
        var update = await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync(Secret.Key, "1", data, CancellationToken.None));

        Assert.Contains($"data key \"{dataKey}\" is invalid: {problem}", create.Message, StringComparison.Ordinal);
        Assert.Contains(problem, update.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task DamagedMetadataIsAStoreFailureNamingThePathButNoData()
    {
        var store = new FileSecretStore(Root);
        await store.CreateAsync("very-secret-payload");
        var version = new FileInfo(Path.Combine(Root, "flagwork", "metrics-ca", "current")).LinkTarget!;
        var metadata = Path.Combine(Root, "flagwork", "metrics-ca", version, "..metadata.json");
        File.WriteAllText(metadata, "{ \"format\": 1, \"version\": 1, \"uid\": \"abc\", \"keys\": [\"../../x\"] }");

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync(Secret.Key, CancellationToken.None));

        Assert.True(error.Message.Contains(metadata, StringComparison.Ordinal), error.Message);
        Assert.True(error.Message.Contains("data key \"../../x\" is invalid", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain("very-secret-payload", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACurrentLinkPointingOutsideTheSecretIsAStoreFailure()
    {
        var store = new FileSecretStore(Root);
        await store.CreateAsync("first");
        var current = Path.Combine(Root, "flagwork", "metrics-ca", "current");
        File.Delete(current);
        File.CreateSymbolicLink(current, "../../..");

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync(Secret.Key, CancellationToken.None));

        Assert.Contains("points to '../../..', which is not a version directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriterBlockedByAHeldLockFailsAfterTheLockTimeout()
    {
        var store = new FileSecretStore(Root, options: new FileSecretStoreOptions { LockTimeout = TimeSpan.FromMilliseconds(200) });
        var created = await store.CreateAsync("first");
        var lockFile = Path.Combine(Root, "flagwork", ".work", "metrics-ca", "lock");

        SecretStoreException error;
        using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            error = await Assert.ThrowsAsync<SecretStoreException>(
                () => store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None));
        }

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains(lockFile, error.Message, StringComparison.Ordinal);
        Assert.Equal(SecretWriteOutcome.Updated, (await store.UpdateAsync(Secret.Key, created.Secret!.Version, Secret.Data("second"), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task ARootThatIsAFileIsAStoreFailure()
    {
        var file = Path.Combine(temp.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");
        var store = new FileSecretStore(file);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.CreateAsync("first"));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileSecretStore(Root, options: new FileSecretStoreOptions { PollInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileSecretStore(Root, options: new FileSecretStoreOptions { ResyncInterval = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentException>(() => new FileSecretStore(" "));
    }
}
