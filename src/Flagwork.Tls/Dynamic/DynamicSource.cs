using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Flagwork.Tls.Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flagwork.Tls.Dynamic;

/// <summary>
/// Serves leaves signed by a <see cref="ICertificateAuthority"/> (cert-manager's <c>DynamicSource</c>, reference §5.3):
/// a fresh P-384 key per leaf, SANs equal to the DNS names, renewed at two thirds of its life or when the wall clock shows
/// the moment was missed, and re-issued whenever the CA rotates. Until the first leaf exists, handshakes fail.
/// </summary>
public sealed class DynamicSource : ICertificateSource
{
    private readonly ICertificateAuthority _authority;
    private readonly DynamicSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CertificatePublisher _publisher;
    private readonly string _dnsNamesText;

    public DynamicSource(ICertificateAuthority authority, DynamicSourceOptions options, TimeProvider? time = null, ILogger? logger = null,
        CertificatePublisher? publisher = null, DynamicTlsStatus? status = null)
    {
        _authority = authority;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _publisher = publisher ?? new CertificatePublisher();
        Status = status ?? (authority as DynamicAuthority)?.Status ?? new DynamicTlsStatus();
        _dnsNamesText = JsonSerializer.Serialize(options.DnsNames, DynamicSourceJson.Default.IReadOnlyListString);
    }

    public CertificateSnapshot? Current => _publisher.Current;

    public CertificatePublisher Publisher => _publisher;

    public DynamicTlsStatus Status { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TrustStoreWarmUp.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Registered before the first leaf, so a rotation during the first issue is not missed.
        var rotations = _authority.WatchRotation();
        var authority = RunAuthorityAsync(stop.Token);
        try
        {
            var serving = ServeAsync(rotations, stop.Token);
            await Task.WhenAny(authority, serving).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(authority, serving).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            _authority.StopWatchingRotation(rotations);
        }
    }

    private async Task RunAuthorityAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _authority.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new CertificateSourceException("failed to run certificate authority: " + e.Message, e);
        }
        if (!cancellationToken.IsCancellationRequested)
        {
            throw new CertificateSourceException("certificate authority stopped unexpectedly");
        }
    }

    private async Task ServeAsync(System.Threading.Channels.ChannelReader<bool> rotations, CancellationToken cancellationToken)
    {
        var renewAt = await IssueUntilSuccessAsync(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var renewalStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewal = RenewalWatcher.WaitAsync(renewAt, renewAt + _options.RenewalStaleAfter, _options.RenewalCheckInterval, _time, renewalStop.Token);
            var rotation = rotations.WaitToReadAsync(renewalStop.Token).AsTask();
            var first = await Task.WhenAny(renewal, rotation).ConfigureAwait(false);
            await renewalStop.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == rotation && rotation.IsCompletedSuccessfully)
            {
                rotations.TryRead(out _);
                _logger.LogInformation("Detected root CA rotation - regenerating serving certificates");
            }
            else if (renewal.IsCompletedSuccessfully)
            {
                _logger.LogInformation("Certificate needs renewal reason={Reason}", renewal.Result);
                _logger.LogInformation("TLS certificate requires renewal, regenerating DNSNames={DNSNames}", _dnsNamesText);
            }
            await Observe(renewal, rotation).ConfigureAwait(false);
            renewAt = await IssueUntilSuccessAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Retries every <see cref="DynamicSourceOptions.RetryInterval"/> until a leaf is issued; returns its renewal moment.</summary>
    private async Task<DateTimeOffset> IssueUntilSuccessAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _logger.LogDebug("try to generate a serving certificate");
            try
            {
                var renewAt = Issue();
                _logger.LogDebug("Serving certificate generated successfully");
                return renewAt;
            }
            catch (CertificateNotAvailableException)
            {
                _logger.LogInformation("Certificate is not yet created, retrying... interval={Interval}", _options.RetryInterval);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Status.SigningFailed();
                _logger.LogError("Failed to generate serving certificate, retrying... interval={Interval} error={Error}", _options.RetryInterval, e.Message);
            }
            await Task.Delay(_options.RetryInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private DateTimeOffset Issue()
    {
        using var key = CertificateMaker.NewKey();
        var request = CertificateMaker.LeafRequest(key, _options.DnsNames);
        using var signed = _authority.Sign(request, _options.LeafDuration);
        var leaf = signed.CopyWithPrivateKey(key);
        var snapshot = CertificateSnapshot.Create(leaf, [], "dynamic CA");
        _publisher.Publish(snapshot);
        Status.LeafIssued();
        _logger.LogInformation("Updated TLS certificate DNSNames={DNSNames}", _dnsNamesText);
        var lifetime = snapshot.NotAfter - snapshot.NotBefore;
        return snapshot.NotAfter - lifetime / 3;
    }

    private static async Task Observe(Task renewal, Task rotation)
    {
        try
        {
            await Task.WhenAll(renewal, rotation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The one that did not fire was cancelled.
        }
    }
}
