using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using Flagwork.Tls.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flagwork.Tls.Dynamic;

/// <summary>
/// A CA kept in a named secret that every replica shares (cert-manager's <c>DynamicAuthority</c>, reference §5.2). The
/// first replica to find the secret missing creates it; a replica that loses the create or update race adopts what the
/// store holds. The CA is checked on start, on every watch event and every <see cref="DynamicAuthorityOptions.CheckInterval"/>,
/// and regenerated when it is missing, malformed or has less than a third of its life left.
/// </summary>
public sealed class DynamicAuthority : ICertificateAuthority, IDisposable
{
    private readonly ISecretStore _store;
    private readonly DynamicAuthorityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private readonly Lock _watchGate = new();
    private readonly List<Channel<bool>> _watchers = [];
    private CurrentCa? _current;

    public DynamicAuthority(ISecretStore store, DynamicAuthorityOptions options, TimeProvider? time = null, ILogger? logger = null, DynamicTlsStatus? status = null)
    {
        _store = store;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Status = status ?? new DynamicTlsStatus();
    }

    public DynamicTlsStatus Status { get; }

    /// <summary>The CA certificate in use (without its key), or null before one is loaded.</summary>
    public X509Certificate2? Certificate => Volatile.Read(ref _current)?.Certificate;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.Secret.Namespace))
        {
            throw new ArgumentException("SecretNamespace must be set");
        }
        if (string.IsNullOrEmpty(_options.Secret.Name))
        {
            throw new ArgumentException("SecretName must be set");
        }

        // Either loop ends only on cancellation or with an error a check does not handle (not a store failure). Then
        // the other is stopped and the error thrown: one loop must not carry on alone, silently.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchAsync(stop.Token);
        var poll = PollAsync(stop.Token);
        await Task.WhenAny(watch, poll).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(watch, poll).ConfigureAwait(false);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _store.WatchAsync(_options.Secret, cancellationToken).ConfigureAwait(false))
            {
                await EnsureAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await EnsureAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.CheckInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>One check of the stored CA (cert-manager's <c>ensureCA</c>), serialised. Store failures are logged and
    /// retried on the next event or tick.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await _ensure.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreException e)
        {
            Status.StoreFailed();
            _logger.LogError("error ensuring CA: {Reason}", e.Message);
        }
        finally
        {
            _ensure.Release();
        }
    }

    private async Task EnsureOnceAsync(CancellationToken cancellationToken)
    {
        var secret = await _store.GetAsync(_options.Secret, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (secret is null)
        {
            _logger.LogInformation("Will regenerate CA reason={Reason}", "CA secret not found");
            await CreateAsync(now, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reason = CaSecretData.RegenerationReason(secret.Data, now);
        if (reason is not null)
        {
            _logger.LogInformation("Will regenerate CA reason={Reason}", reason);
            await RegenerateAsync(secret, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        Adopt(secret);
        await DropExpiredPreviousAuthoritiesAsync(secret, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // After a deletion, the CA this replica still holds stays trusted through ca.crt until its leaves are replaced.
        var data = NewCaData(now, Volatile.Read(ref _current)?.CertificatePem);
        var result = await _store.CreateAsync(_options.Secret, data, _options.Labels, _options.Annotations, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == SecretWriteOutcome.AlreadyExists)
        {
            _logger.LogDebug("Failed to create new root CA Secret, another controller has created it, adopting it");
            await AdoptStoredAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        _logger.LogInformation("Created new root CA Secret secret={Secret}", _options.Secret);
        Adopt(result.Secret!);
    }

    private async Task RegenerateAsync(StoredSecret secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The CA whose leaves this replica serves stays trusted; without one, the stored certificate if it is a CA
        // (NewCaData keeps only a CA that has not expired).
        var previous = Volatile.Read(ref _current)?.CertificatePem ?? secret.Get(CaSecretData.Certificate);
        var data = NewCaData(now, previous);
        var result = await _store.UpdateAsync(_options.Secret, secret.Version, data, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case SecretWriteOutcome.Updated:
                _logger.LogInformation("Updated existing root CA Secret secret={Secret}", _options.Secret);
                Adopt(result.Secret!);
                break;
            case SecretWriteOutcome.Conflict:
                // Another replica regenerated it first: use theirs.
                _logger.LogDebug("root CA Secret was changed by another replica, adopting it");
                await AdoptStoredAsync(cancellationToken).ConfigureAwait(false);
                break;
            case SecretWriteOutcome.NotFound:
                await CreateAsync(now, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AdoptStoredAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.GetAsync(_options.Secret, cancellationToken).ConfigureAwait(false);
        if (stored is not null && CaSecretData.RegenerationReason(stored.Data, _time.GetUtcNow()) is null)
        {
            Adopt(stored);
        }
    }

    /// <summary>
    /// The new CA's data. On rotation <c>ca.crt</c> holds the new CA followed by the previous one (while that one is
    /// valid), so scrapers that trust either keep verifying; <c>tls.crt</c> is the new CA alone.
    /// </summary>
    private Dictionary<string, byte[]> NewCaData(DateTimeOffset now, byte[]? previousCertificatePem)
    {
        using var key = CertificateMaker.NewKey();
        using var certificate = CertificateMaker.CreateAuthority(key, _options.CommonName, now, _options.CaDuration, _options.Backdate);
        var certificatePem = CaSecretData.Pem(certificate);
        var bundle = new StringBuilder(certificatePem);
        if (previousCertificatePem is not null && TryParseCertificate(previousCertificatePem) is { } old)
        {
            using (old)
            {
                if (old.NotAfter.ToUniversalTime() > now.UtcDateTime && old.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority))
                {
                    bundle.Append(CaSecretData.Pem(old));
                }
            }
        }
        return new Dictionary<string, byte[]>
        {
            [CaSecretData.Certificate] = Encoding.UTF8.GetBytes(certificatePem),
            [CaSecretData.PrivateKey] = Encoding.UTF8.GetBytes(key.ExportPkcs8PrivateKeyPem()),
            [CaSecretData.CaBundle] = Encoding.UTF8.GetBytes(bundle.ToString()),
        };
    }

    /// <summary>Once a previous CA kept in <c>ca.crt</c> expires, <c>ca.crt</c> goes back to the current CA alone.</summary>
    private async Task DropExpiredPreviousAuthoritiesAsync(StoredSecret secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = CaSecretData.PreviousAuthorities(secret.Data);
        if (previous.Count == 0 || previous.Any(c => c.NotAfter.ToUniversalTime() > now.UtcDateTime))
        {
            return;
        }
        var data = new Dictionary<string, byte[]> { [CaSecretData.CaBundle] = secret.Get(CaSecretData.Certificate)! };
        var result = await _store.UpdateAsync(_options.Secret, secret.Version, data, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            _logger.LogInformation("Removed the expired previous CA from ca.crt secret={Secret}", _options.Secret);
        }
    }

    /// <summary>cert-manager's <c>notifyWatches</c>: load the stored CA if it differs from the one in use.</summary>
    private void Adopt(StoredSecret secret)
    {
        var certificatePem = secret.Get(CaSecretData.Certificate)!;
        var keyPem = secret.Get(CaSecretData.PrivateKey)!;
        var current = Volatile.Read(ref _current);
        if (current is not null && current.CertificatePem.AsSpan().SequenceEqual(certificatePem) && current.KeyPem.AsSpan().SequenceEqual(keyPem))
        {
            return;
        }
        _logger.LogInformation("Detected change in CA secret data, update current CA data and notify watches");
        var pair = CaSecretData.LoadPair(certificatePem, keyPem);
        Volatile.Write(ref _current, new CurrentCa(certificatePem, keyPem, pair));
        Status.CaLoaded(new DateTimeOffset(pair.NotAfter.ToUniversalTime()), rotation: current is not null);
        if (current is null)
        {
            // The first CA is not a rotation: a source still waiting for its first leaf picks it up on its next retry.
            return;
        }
        lock (_watchGate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(true);
            }
        }
    }

    public X509Certificate2 Sign(CertificateRequest request, TimeSpan lifetime)
    {
        var ca = Volatile.Read(ref _current) ?? throw new CertificateNotAvailableException();
        var now = _time.GetUtcNow();
        var caNotBefore = new DateTimeOffset(ca.Certificate.NotBefore.ToUniversalTime());
        var caNotAfter = new DateTimeOffset(ca.Certificate.NotAfter.ToUniversalTime());
        if (caNotAfter < now)
        {
            throw new InvalidOperationException("internal error: CA certificate has expired, try again later");
        }
        // Backdated for clock skew, but never before the CA (.NET refuses that, and verifiers would too); never after it.
        var notBefore = Max(now - _options.Backdate, caNotBefore);
        var notAfter = Min(now + lifetime, caNotAfter);
        using var caKey = (AsymmetricAlgorithm?)ca.Certificate.GetECDsaPrivateKey() ?? ca.Certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("failed decoding CA private key: unsupported key type");
        var generator = caKey switch
        {
            ECDsa ecdsa => X509SignatureGenerator.CreateForECDsa(ecdsa),
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException("failed decoding CA private key: unsupported key type"),
        };
        // Name the issuing key: during a rotation two CAs share a subject, and verifiers pick the issuer by this. A CA
        // without a subject key identifier (an operator-seeded one may have none) has no key name to give: like Go,
        // leave the extension out rather than fail (CreateFromCertificate throws for such a CA).
        // A copy of the request carries it, so the caller's request is left as it was given.
        var signed = new CertificateRequest(request.SubjectName, request.PublicKey, request.HashAlgorithm);
        foreach (var extension in request.CertificateExtensions.Where(e => e is not X509AuthorityKeyIdentifierExtension))
        {
            signed.CertificateExtensions.Add(extension);
        }
        if (ca.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any())
        {
            signed.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        }
        return signed.Create(ca.Certificate.SubjectName, generator, notBefore, notAfter, CertificateMaker.NewSerial());
    }

    public ChannelReader<bool> WatchRotation()
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_watchGate)
        {
            _watchers.Add(channel);
        }
        return channel.Reader;
    }

    public void StopWatchingRotation(ChannelReader<bool> reader)
    {
        lock (_watchGate)
        {
            _watchers.RemoveAll(c => c.Reader == reader);
        }
    }

    private static X509Certificate2? TryParseCertificate(byte[] pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(pem));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }


    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public void Dispose() => _ensure.Dispose();

    private sealed record CurrentCa(byte[] CertificatePem, byte[] KeyPem, X509Certificate2 Certificate);
}
