using Microsoft.Extensions.Logging;

namespace Flagwork.Tls.Secrets;

/// <summary>
/// Wakes a watch when the file system reports a change to one secret: a <see cref="FileSystemWatcher"/> on the
/// namespace directory, subdirectories included, filtered to paths under the secret's name (a create renames the secret
/// in, a delete renames it out, an update renames a new link over <c>current</c>). It is only a hint that makes a watch
/// quicker: the watch polls as well, because notifications can be lost (a full queue, a network file system, a watcher
/// that could not start). A watcher that reports an error is replaced at the next <see cref="Arm"/>.
/// </summary>
internal sealed partial class DirectoryChangeSignal(string directory, string name, ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
    private FileSystemWatcher? watcher;
    private bool broken = true;
    private bool pending;
    private bool disposed;
    private bool reportedFailure;
    private TaskCompletionSource? waiter;

    /// <summary>
    /// Starts the watcher if it is not running, then forgets the changes seen so far. Call it just before reading the
    /// secret: a change after this call is either seen by that read or wakes the next <see cref="WaitAsync"/>.
    /// </summary>
    public void Arm()
    {
        bool restart;
        lock (gate)
        {
            restart = broken;
        }

        if (restart)
        {
            Restart();
        }

        lock (gate)
        {
            pending = false;
        }
    }

    /// <summary>Completes when a change was reported since the last <see cref="Arm"/>.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (pending)
            {
                return Task.CompletedTask;
            }

            waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        FileSystemWatcher? stopped;
        lock (gate)
        {
            disposed = true;
            stopped = watcher;
            watcher = null;
        }

        stopped?.Dispose();
    }

    private void Restart()
    {
        FileSystemWatcher? replacement = null;
        try
        {
            // The namespace directory is where the secret will appear; it must exist to be watched.
            PrivateFiles.CreateDirectory(directory);
            replacement = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName,
            };
            replacement.Created += OnChanged;
            replacement.Deleted += OnChanged;
            replacement.Renamed += OnChanged;
            replacement.Error += OnError;
            replacement.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            // Typically the inotify instance limit. Polling still sees every change; say so once, not every poll.
            replacement?.Dispose();
            replacement = null;
            if (!reportedFailure)
            {
                reportedFailure = true;
                LogWatcherUnavailable(logger, directory, e.Message);
            }
        }

        FileSystemWatcher? previous;
        lock (gate)
        {
            if (disposed)
            {
                previous = replacement;
            }
            else
            {
                previous = watcher;
                watcher = replacement;
                broken = replacement is null;
                if (replacement is not null)
                {
                    reportedFailure = false;
                }
            }
        }

        previous?.Dispose();
    }

    private void OnChanged(object? sender, FileSystemEventArgs e)
    {
        if (Concerns(e.Name) || (e is RenamedEventArgs renamed && Concerns(renamed.OldName)))
        {
            Signal();
        }
    }

    private void OnError(object? sender, ErrorEventArgs e)
    {
        lock (gate)
        {
            broken = true;
        }

        LogWatcherFailed(logger, directory, e.GetException().Message);
        Signal();
    }

    /// <summary>Whether a path relative to the namespace directory is the secret's directory or inside it.</summary>
    private bool Concerns(string? relativePath)
    {
        if (relativePath is null || !relativePath.StartsWith(name, StringComparison.Ordinal))
        {
            return false;
        }

        return relativePath.Length == name.Length || relativePath[name.Length] == Path.DirectorySeparatorChar;
    }

    private void Signal()
    {
        TaskCompletionSource? woken;
        lock (gate)
        {
            pending = true;
            woken = waiter;
            waiter = null;
        }

        woken?.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching {Directory} for changes failed; relying on polling: {Error}")]
    private static partial void LogWatcherUnavailable(ILogger logger, string directory, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "File system watcher on {Directory} reported an error and will be restarted: {Error}")]
    private static partial void LogWatcherFailed(ILogger logger, string directory, string error);
}
