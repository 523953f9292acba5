using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Metrics.Tests.Server;

/// <summary>
/// An HTTPS client for tests that trusts exactly the certificates a test issued (by thumbprint) and records which
/// certificate each new connection was served.
/// </summary>
internal sealed class TlsClient : IDisposable
{
    private readonly HashSet<string> _trusted = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public TlsClient(SslProtocols protocols = SslProtocols.None)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Validate(certificate),
            },
        };
        Http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    public HttpClient Http { get; }

    public string? LastThumbprint { get; private set; }

    public void Trust(string thumbprint)
    {
        lock (_gate)
        {
            _trusted.Add(thumbprint);
        }
    }

    /// <summary>GET over a new TLS connection; returns the thumbprint presented.</summary>
    public async Task<(HttpResponseMessage Response, string Thumbprint)> GetOnNewConnectionAsync(Uri uri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.ConnectionClose = true;
        var response = await Http.SendAsync(request);
        return (response, LastThumbprint!);
    }

    private bool Validate(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }
        var thumbprint = certificate.GetCertHashString();
        lock (_gate)
        {
            LastThumbprint = thumbprint;
            return _trusted.Contains(thumbprint);
        }
    }

    public void Dispose() => Http.Dispose();
}
