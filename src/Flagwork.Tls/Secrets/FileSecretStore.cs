using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flagwork.Tls.Secrets;

/// <summary>
/// The embedded default <see cref="ISecretStore"/>: each secret is a directory of 0600 files under a root directory,
/// safe to share between threads and between processes on one machine. <c>&lt;root&gt;/&lt;namespace&gt;/&lt;name&gt;/current/&lt;data key&gt;</c>
/// always names the current version's file (for programs that read it directly, such as a scraper's CA file); the
/// full layout is described on <c>SecretLayout</c>.
/// <list type="bullet">
/// <item>Readers take no lock. They resolve the secret's <c>current</c> link once and read every file from the version
/// directory it names; versions are written in full, flushed, and only then published by renaming a new link over
/// <c>current</c> (what kubelet does with <c>..data</c>). A reader sees the old version or the new one, even when the
/// writer is killed halfway.</item>
/// <item>Writers (create, update, delete) hold the secret's lock file (<see cref="SecretFileLock"/>), so the version
/// an update compares is the version it replaces. A create also publishes by one rename, of a fully written staging
/// directory onto the secret's name, which fails if the name exists: of several creators exactly one wins.</item>
/// </list>
/// Unix only (Linux, macOS): it relies on symbolic links, <c>rename(2)</c> and <c>flock</c>.
/// </summary>
public sealed partial class FileSecretStore : ISecretStore
{
    private readonly string root;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly FileSecretStoreOptions options;
    private readonly SecretVersionWriter writer;

    /// <param name="rootDirectory">Where secrets are kept; created as 0700 on first write if missing.</param>
    /// <param name="timeProvider">The clock for a watch's polling and resync (tests pass a fake one).</param>
    /// <param name="logger">Where writes, cleanup failures and watch problems are reported (never secret data).</param>
    /// <param name="options">Intervals and timeouts; the defaults suit production.</param>
    public FileSecretStore(
        string rootDirectory,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        FileSecretStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(
                "The file secret store needs POSIX symbolic links, rename(2) and flock; it does not run on Windows.");
        }

        if (FileLockingDisabled())
        {
            throw new InvalidOperationException(
                "The file secret store locks its files and cannot work with .NET file locking disabled " +
                "(System.IO.DisableFileLocking / DOTNET_SYSTEM_IO_DISABLEFILELOCKING).");
        }

        this.options = options ?? new FileSecretStoreOptions();
        this.options.Validate();
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        writer = new SecretVersionWriter(this.options.WriteProgress);
    }

    /// <summary>The absolute root directory.</summary>
    public string RootDirectory => root;

    /// <inheritdoc />
    public string Description => "file store " + root;

    /// <inheritdoc />
    /// <remarks>Secrets are a few small files, read synchronously; the task is already complete when returned.</remarks>
    public Task<StoredSecret?> GetAsync(SecretKey key, CancellationToken cancellationToken)
    {
        SecretNames.ThrowIfInvalid(key, nameof(key));
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<StoredSecret?>(cancellationToken);
        }

        try
        {
            return Task.FromResult(SecretVersionReader.Read(new SecretLayout(root, key), key)?.Secret);
        }
        catch (SecretStoreException e)
        {
            return Task.FromException<StoredSecret?>(e);
        }
    }

    /// <inheritdoc />
    public async Task<SecretWrite> CreateAsync(
        SecretKey key,
        IReadOnlyDictionary<string, byte[]> data,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken)
    {
        SecretNames.ThrowIfInvalid(key, nameof(key));
        SecretNames.ThrowIfInvalid(data, nameof(data));
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(annotations);

        var layout = new SecretLayout(root, key);
        if (Path.Exists(layout.SecretDirectory))
        {
            return new SecretWrite(SecretWriteOutcome.AlreadyExists, null);
        }

        var secretData = CopyOf(data);
        var metadata = SecretMetadata.First(
            secretData.Keys,
            new Dictionary<string, string>(labels, StringComparer.Ordinal),
            new Dictionary<string, string>(annotations, StringComparer.Ordinal));

        using (await LockAsync(layout, key, cancellationToken).ConfigureAwait(false))
        {
            if (Path.Exists(layout.SecretDirectory))
            {
                return new SecretWrite(SecretWriteOutcome.AlreadyExists, null);
            }

            var staging = layout.NewStagingDirectory();
            try
            {
                PrivateFiles.CreateDirectory(staging);
                var versionName = SecretLayout.NewVersionDirectoryName(metadata.Version);
                await writer.WriteAsync(Path.Combine(staging, versionName), metadata, secretData, cancellationToken).ConfigureAwait(false);
                File.CreateSymbolicLink(Path.Combine(staging, SecretLayout.CurrentLinkName), versionName);
                PosixFileSystem.FlushDirectory(staging);
                await writer.ReportAsync("publish").ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();

                // The commit point. Directory.Move refuses an existing destination, so a secret that appeared anyway
                // (a writer that does not take the lock) is not replaced.
                try
                {
                    Directory.Move(staging, layout.SecretDirectory);
                }
                catch (IOException) when (Path.Exists(layout.SecretDirectory))
                {
                    return new SecretWrite(SecretWriteOutcome.AlreadyExists, null);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure("creating", key, layout.SecretDirectory, e);
            }
            finally
            {
                RemoveBestEffort(staging);
            }

            FlushAfterCommit(key, layout.NamespaceDirectory);
        }

        LogCreated(logger, key.ToString(), metadata.StoreVersion, layout.SecretDirectory);
        return new SecretWrite(
            SecretWriteOutcome.Created,
            new StoredSecret(key, metadata.StoreVersion, secretData, metadata.Labels, metadata.Annotations));
    }

    /// <inheritdoc />
    public async Task<SecretWrite> UpdateAsync(
        SecretKey key,
        string expectedVersion,
        IReadOnlyDictionary<string, byte[]> data,
        CancellationToken cancellationToken)
    {
        SecretNames.ThrowIfInvalid(key, nameof(key));
        ArgumentNullException.ThrowIfNull(expectedVersion);
        SecretNames.ThrowIfInvalid(data, nameof(data));

        var layout = new SecretLayout(root, key);
        if (!Path.Exists(layout.SecretDirectory))
        {
            return new SecretWrite(SecretWriteOutcome.NotFound, null);
        }

        var changes = CopyOf(data);
        StoredSecret updated;
        using (await LockAsync(layout, key, cancellationToken).ConfigureAwait(false))
        {
            // Read under the lock: no other writer can publish between this comparison and our rename.
            var current = SecretVersionReader.Read(layout, key);
            if (current is null)
            {
                return new SecretWrite(SecretWriteOutcome.NotFound, null);
            }

            if (!string.Equals(current.Secret.Version, expectedVersion, StringComparison.Ordinal))
            {
                return new SecretWrite(SecretWriteOutcome.Conflict, null);
            }

            // Whatever is not the published version was left by a writer that died before publishing.
            RemoveOtherVersions(layout, current.DirectoryName);

            var merged = new Dictionary<string, byte[]>(current.Secret.Data, StringComparer.Ordinal);
            foreach (var (dataKey, value) in changes)
            {
                merged[dataKey] = value;
            }

            var metadata = current.Metadata.Next(merged.Keys);
            var versionName = SecretLayout.NewVersionDirectoryName(metadata.Version);
            var versionDirectory = Path.Combine(layout.SecretDirectory, versionName);
            var link = layout.NewLinkPath();
            var published = false;
            try
            {
                await writer.WriteAsync(versionDirectory, metadata, merged, cancellationToken).ConfigureAwait(false);
                File.CreateSymbolicLink(link, versionName);
                await writer.ReportAsync("publish").ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                PosixFileSystem.Rename(link, layout.CurrentLink); // The commit point.
                published = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure("updating", key, layout.SecretDirectory, e);
            }
            finally
            {
                if (!published)
                {
                    RemoveBestEffort(link);
                    RemoveBestEffort(versionDirectory);
                }
            }

            FlushAfterCommit(key, layout.SecretDirectory);
            RemoveOtherVersions(layout, versionName);
            updated = new StoredSecret(key, metadata.StoreVersion, merged, current.Secret.Labels, current.Secret.Annotations);
        }

        LogUpdated(logger, key.ToString(), updated.Version, layout.SecretDirectory);
        return new SecretWrite(SecretWriteOutcome.Updated, updated);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        SecretNames.ThrowIfInvalid(key, nameof(key));
        var layout = new SecretLayout(root, key);
        if (!Path.Exists(layout.SecretDirectory))
        {
            return false;
        }

        using (await LockAsync(layout, key, cancellationToken).ConfigureAwait(false))
        {
            if (!Path.Exists(layout.SecretDirectory))
            {
                return false;
            }

            // One rename makes the secret disappear for every reader; removing the files can then take its time.
            var trash = layout.NewTrashDirectory();
            try
            {
                Directory.Move(layout.SecretDirectory, trash);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure("deleting", key, layout.SecretDirectory, e);
            }

            FlushAfterCommit(key, layout.NamespaceDirectory);
            RemoveBestEffort(trash);
        }

        LogDeleted(logger, key.ToString(), layout.SecretDirectory);
        return true;
    }

    /// <summary>
    /// Takes the secret's lock (creating the directories it lives in) and removes what an earlier writer left behind
    /// when it died: scratch directories are only used under the lock, so any found now is abandoned.
    /// </summary>
    private async Task<SecretFileLock> LockAsync(SecretLayout layout, SecretKey key, CancellationToken cancellationToken)
    {
        try
        {
            PrivateFiles.CreateDirectory(layout.WorkDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure("preparing to write", key, layout.WorkDirectory, e);
        }

        SecretFileLock held;
        try
        {
            held = await SecretFileLock.AcquireAsync(layout.LockFile, options.LockTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure("locking", key, layout.LockFile, e);
        }

        foreach (var leftover in EntriesOf(layout.WorkDirectory))
        {
            if (leftover != layout.LockFile)
            {
                RemoveBestEffort(leftover);
            }
        }

        return held;
    }

    /// <summary>Removes every version but the published one, and links left by writers that died before publishing.</summary>
    private void RemoveOtherVersions(SecretLayout layout, string keep)
    {
        foreach (var entry in EntriesOf(layout.SecretDirectory))
        {
            var name = Path.GetFileName(entry);
            if (name != SecretLayout.CurrentLinkName && name != keep)
            {
                RemoveBestEffort(entry);
            }
        }
    }

    private string[] EntriesOf(string directory)
    {
        try
        {
            return Directory.GetFileSystemEntries(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(logger, directory, e.Message);
            return [];
        }
    }

    /// <summary>Deletes a file, a link (not what it points to) or a directory tree, if it exists. Leftovers are only
    /// untidy (the next writer retries), so a failure is logged, not thrown.</summary>
    private void RemoveBestEffort(string path)
    {
        try
        {
            var entry = new FileInfo(path);
            if (entry.LinkTarget is not null || entry.Exists)
            {
                entry.Delete();
            }
            else if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(logger, path, e.Message);
        }
    }

    /// <summary>
    /// Makes a committed rename durable. The change is already visible, so a failure here is reported, not thrown:
    /// throwing would tell the caller a write failed that every reader can see.
    /// </summary>
    private void FlushAfterCommit(SecretKey key, string directory)
    {
        try
        {
            PosixFileSystem.FlushDirectory(directory);
        }
        catch (IOException e)
        {
            LogFlushFailed(logger, key.ToString(), directory, e.Message);
        }
    }

    /// <summary>Whether .NET was told not to back <see cref="FileShare.None"/> with <c>flock</c>, which the writer lock needs.</summary>
    private static bool FileLockingDisabled()
    {
        if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled))
        {
            return disabled;
        }

        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        return variable == "1" || string.Equals(variable, "true", StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, byte[]> CopyOf(IReadOnlyDictionary<string, byte[]> data)
    {
        var copy = new Dictionary<string, byte[]>(data.Count, StringComparer.Ordinal);
        foreach (var (dataKey, value) in data)
        {
            copy[dataKey] = (byte[])value.Clone();
        }

        return copy;
    }

    private static SecretStoreException Failure(string what, SecretKey key, string path, Exception e) =>
        new($"file store: {what} secret {key} at '{path}' failed: {e.Message}", e);
}
