using Flagwork.Tls;
using Flagwork.Tls.Certificates;
using Flagwork.Tls.Static;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Flagwork.Metrics.Server;

/// <summary>
/// Wires a bound <see cref="MetricsTLSConfig"/> to a running listener: picks the mode (filesystem first, then dynamic,
/// else plain, as cert-manager's <c>buildCertificateSource</c>), builds the TLS policy, starts the server and runs the
/// certificate source until cancelled.
/// </summary>
public sealed class MetricsEndpoint
{
    public required string ListenAddress { get; init; }

    public required MetricsTLSConfig Tls { get; init; }

    public required CollectorRegistry Registry { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Builds the dynamic-TLS source; required only when <c>dynamic</c> is configured.</summary>
    public Func<DynamicServingConfig, ICertificateSource>? DynamicSource { get; init; }

    /// <summary>Raised once the listener is bound, with its real URLs (tests use port 0).</summary>
    public event Action<MetricsServer>? Started;

    public ICertificateSource? CertificateSource { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var logger = LoggerFactory.CreateLogger("Flagwork.Metrics");
        var address = Server.ListenAddress.Parse(ListenAddress);
        TlsPolicy policy;
        try
        {
            policy = TlsPolicy.Create(TLSVersionNames.Name(Tls.MinTLSVersion), Tls.CipherSuites);
        }
        catch (Exception e) when (e is ArgumentException or PlatformNotSupportedException)
        {
            throw new MetricsServerException($"failed to listen on prometheus address {address}: {e.Message}", e);
        }

        var source = CreateSource(logger);
        CertificateSource = source;
        if (source is not null)
        {
            TlsSelfMetrics.Register(Registry, source);
            if (source is FileCertificateSource files)
            {
                TlsSelfMetrics.Register(Registry, files.Status);
            }
            else if (source is Flagwork.Tls.Dynamic.DynamicSource dynamicSource)
            {
                TlsSelfMetrics.Register(Registry, dynamicSource.Status);
            }
        }

        // The certificate source runs on the thread pool while Kestrel starts: its first steps (reading the store,
        // making a CA and a leaf) are synchronous CPU work, and called inline they ran before the listener was even built
        // (cold start to the first scrape went from 1.33x to 1.08x the floor app's). Handshakes fail until a certificate
        // is published either way (there is no plaintext fallback).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sourceRun = source is null ? Task.Delay(Timeout.Infinite, stop.Token) : Task.Run(() => source.RunAsync(stop.Token), CancellationToken.None);
        MetricsServer server;
        try
        {
            server = await MetricsServer.StartAsync(
                new MetricsServerOptions { Address = address, Registry = Registry, CertificateSource = source, TlsPolicy = policy },
                LoggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellation(sourceRun).ConfigureAwait(false);
            (source as IDisposable)?.Dispose();
            throw;
        }

        await using (server.ConfigureAwait(false))
        {
            Started?.Invoke(server);
            logger.LogInformation("starting metrics server address={Address}", address);
            try
            {
                await sourceRun.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutdown requested.
            }
            finally
            {
                using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await server.StopAsync(shutdown.Token).ConfigureAwait(false);
                (source as IDisposable)?.Dispose();
            }
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped because the listener could not start.
        }
    }

    private ICertificateSource? CreateSource(ILogger logger)
    {
        var filesystem = Tls.Filesystem;
        if (filesystem.IsProvided)
        {
            return new FileCertificateSource(
                new FileCertificateSourceOptions { CertificatePath = filesystem.CertFile, PrivateKeyPath = filesystem.KeyFile },
                Time, LoggerFactory.CreateLogger("Flagwork.Tls.FileCertificateSource"));
        }
        var dynamic = Tls.Dynamic;
        if (dynamic.IsProvided)
        {
            logger.LogInformation("using dynamic certificate generating using CA stored in Secret resource secret_namespace={Namespace} secret_name={Name}",
                dynamic.SecretNamespace, dynamic.SecretName);
            return DynamicSource?.Invoke(dynamic)
                   ?? throw new InvalidOperationException("dynamic TLS is configured but no dynamic certificate source was provided");
        }
        logger.LogWarning("serving insecurely as tls certificate data not provided");
        return null;
    }
}
