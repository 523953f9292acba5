namespace Flagwork.Tls.Secrets;

/// <summary>How a <see cref="FileSecretStore"/> watches and waits.</summary>
public sealed class FileSecretStoreOptions
{
    /// <summary>
    /// How often a watch re-reads the secret whatever the file system reports. File system notifications miss changes
    /// (a replaced symbolic link, a network file system, an overflowing event queue), so polling is what guarantees a
    /// change is seen; notifications only make it quicker.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a watch emits <see cref="SecretEventType.Resync"/> with the current state (cert-manager's
    /// informer: one minute).</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a write waits for another writer (a thread or a process) to release the secret's lock before failing
    /// with <see cref="SecretStoreException"/>. A writer holds it for milliseconds; a writer that dies releases it with
    /// its process.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether a watch also listens for file system notifications. Turn off where they do not work or are scarce
    /// (NFS, a low <c>fs.inotify.max_user_instances</c>); watches then rely on <see cref="PollInterval"/> alone.
    /// </summary>
    public bool WatchFileSystem { get; init; } = true;

    /// <summary>
    /// Test seam for the crash-safety probe: awaited after each chunk a write puts on disk (<c>"tls.crt 65536/1048576"</c>)
    /// and once just before a new version is published (<c>"publish"</c>), so a test can kill a writer at a known point.
    /// </summary>
    internal Func<string, ValueTask>? WriteProgress { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResyncInterval, TimeSpan.Zero, nameof(ResyncInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LockTimeout, TimeSpan.Zero, nameof(LockTimeout));
    }
}
