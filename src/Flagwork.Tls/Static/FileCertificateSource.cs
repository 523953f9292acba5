using Flagwork.Tls.Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flagwork.Tls.Static;

/// <summary>
/// Serves a certificate and key from PEM files and picks up new files without a restart: it watches the files'
/// directories (which also sees a Kubernetes Secret volume's <c>..data</c> symlink swap) and polls every
/// <see cref="FileCertificateSourceOptions.PollInterval"/>. Files are re-parsed only when their bytes change. A pair that
/// does not parse or does not match keeps the last good certificate serving and is retried; after
/// <see cref="FileCertificateSourceOptions.MaxConsecutiveFailures"/> failed polls in a row the source gives up.
/// </summary>
public sealed class FileCertificateSource : ICertificateSource, IDisposable
{
    private readonly FileCertificateSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CertificatePublisher _publisher;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private byte[]? _loadedCertificate;
    private byte[]? _loadedKey;

    public FileCertificateSource(FileCertificateSourceOptions options, TimeProvider? time = null, ILogger? logger = null, CertificatePublisher? publisher = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _publisher = publisher ?? new CertificatePublisher();
    }

    public CertificateSnapshot? Current => _publisher.Current;

    public CertificatePublisher Publisher => _publisher;

    public CertificateReloadStatus Status { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TrustStoreWarmUp.Start();
        _logger.LogInformation("using TLS certificate from local filesystem certificate={Certificate} private_key_path={PrivateKeyPath}",
            _options.CertificatePath, _options.PrivateKeyPath);
        StartWatching();

        // The first read's failure is logged but not counted, as cert-manager does: the files may not be mounted yet.
        if (TryReload(out var firstError) is false)
        {
            _logger.LogError("failed to read certificate from disk: {Reason}", firstError);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var tick = await WaitForTickOrChangeAsync(cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (TryReload(out var error) is not false)
            {
                continue;
            }
            var consecutive = Status.RecordFailure(countsTowardsLimit: tick);
            if (!tick)
            {
                // A file-system event can arrive while a writer is still writing; its last write wakes us again.
                _logger.LogInformation("certificate files changed but could not be loaded yet, will retry: {Reason}", error);
                continue;
            }
            _logger.LogError("failed to update certificate from disk: {Reason} failures={Failures}", error, consecutive);
            if (consecutive >= _options.MaxConsecutiveFailures)
            {
                throw new CertificateSourceException($"failed to update certificate from disk {consecutive} times in a row: {error}");
            }
        }
    }

    /// <summary>Reads both files and publishes them if they changed. Null: unchanged; true: reloaded; false: failed.</summary>
    private bool? TryReload(out string? error)
    {
        error = null;
        if (!TryReadPair(out var certificate, out var key, out error))
        {
            return false;
        }
        if (_loadedCertificate is not null && certificate.AsSpan().SequenceEqual(_loadedCertificate) && key.AsSpan().SequenceEqual(_loadedKey))
        {
            _logger.LogDebug("key and certificate on disk have not changed");
            return null;
        }

        if (_loadedCertificate is not null)
        {
            _logger.LogInformation("detected private key or certificate data on disk has changed. reloading certificate");
        }
        CertificateSnapshot snapshot;
        try
        {
            snapshot = PemKeyPair.Load(certificate, key, _options.CertificatePath);
        }
        catch (InvalidDataException e)
        {
            error = e.Message;
            return false;
        }
        _loadedCertificate = certificate;
        _loadedKey = key;
        _publisher.Publish(snapshot);
        Status.RecordSuccess();
        _logger.LogInformation("loaded TLS certificate subject={Subject} notAfter={NotAfter:O} thumbprint={Thumbprint}",
            snapshot.Certificate.Subject, snapshot.NotAfter, snapshot.Thumbprint);
        return true;
    }

    /// <summary>
    /// Reads key, certificate, then the key again, and retries if the key changed in between, so a rotation that
    /// swaps both files (a Secret volume's symlink swap) is never read half old, half new.
    /// </summary>
    private bool TryReadPair(out byte[] certificate, out byte[] key, out string? error)
    {
        certificate = [];
        key = [];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (!TryRead(_options.PrivateKeyPath, "keyPath", out key, out error)
                || !TryRead(_options.CertificatePath, "certPath", out certificate, out error)
                || !TryRead(_options.PrivateKeyPath, "keyPath", out var keyAgain, out error))
            {
                return false;
            }
            if (key.AsSpan().SequenceEqual(keyAgain))
            {
                return true;
            }
        }
        error = "the key file kept changing while it was read";
        return false;
    }

    private static bool TryRead(string path, string what, out byte[] bytes, out string? error)
    {
        try
        {
            bytes = File.ReadAllBytes(path);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bytes = [];
            error = $"failed to read {what}: {e.Message}";
            return false;
        }
    }

    /// <summary>Waits for the next poll (true) or a file-system event (false).</summary>
    private async Task<bool> WaitForTickOrChangeAsync(CancellationToken cancellationToken)
    {
        using var tickCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tick = Task.Delay(_options.PollInterval, _time, tickCancellation.Token);
        var change = _wake.WaitAsync(tickCancellation.Token);
        var first = await Task.WhenAny(tick, change).ConfigureAwait(false);
        await tickCancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(tick, change).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loser of the race was cancelled; nothing to do.
        }
        return first == tick && !change.IsCompletedSuccessfully;
    }

    private void StartWatching()
    {
        var directories = new[] { _options.CertificatePath, _options.PrivateKeyPath }
            .Select(p => Path.GetDirectoryName(Path.GetFullPath(p)))
            .Where(d => d is not null && Directory.Exists(d))
            .Distinct(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            try
            {
                var watcher = new FileSystemWatcher(directory!) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime };
                watcher.Changed += (_, _) => Wake();
                watcher.Created += (_, _) => Wake();
                watcher.Renamed += (_, _) => Wake();
                watcher.Deleted += (_, _) => Wake();
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // inotify limits and the like: polling still picks changes up.
                _logger.LogWarning("cannot watch {Directory} for changes, relying on polling: {Reason}", directory, e.Message);
            }
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one reload covers every event before it.
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        _wake.Dispose();
    }
}
