using System.Diagnostics;

namespace Flagwork.Tls.Secrets;

/// <summary>
/// One secret's writer lock, shared by threads and processes: its lock file opened with <see cref="FileShare.None"/>,
/// which .NET on Unix backs with an exclusive <c>flock</c>. The file is never deleted (deleting a lock file lets two
/// writers lock two different files), and a writer that dies releases the lock with its last descriptor, so there is no
/// stale lock to break.
/// </summary>
internal sealed class SecretFileLock : IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly FileStream file;

    private SecretFileLock(FileStream file) => this.file = file;

    /// <summary>
    /// Takes the lock, retrying with a growing delay until <paramref name="timeout"/>. The wait is real time, not the
    /// store's <see cref="TimeProvider"/>: it waits for another process, which a test's fake clock does not move.
    /// </summary>
    public static async Task<SecretFileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = FirstRetryDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IOException held;
            try
            {
                return new SecretFileLock(PrivateFiles.OpenExclusive(path));
            }
            catch (IOException e) when (e.GetType() == typeof(IOException))
            {
                // The sharing violation of a held lock. Other plain I/O errors land here too and fail at the timeout,
                // with their message; missing directories and permission errors are subclasses and fail at once.
                held = e;
            }

            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                throw new SecretStoreException(
                    $"file store: timed out after {timeout.TotalSeconds:0.#}s waiting for the lock '{path}' held by another writer: {held.Message}",
                    held);
            }

            await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 3)), cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    public void Dispose() => file.Dispose();
}
