using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Benchmarks.Server;

/// <summary>
/// One HTTPS scrape of <c>https://localhost:PORT/metrics</c> on 127.0.0.1, verified as a Prometheus scraper would:
/// the chain must end at the given trust anchor and the certificate must name <c>localhost</c>. A new connection every time.
/// </summary>
public static class Scraper
{
    public static async Task<string?> TryScrapeAsync(int port, X509Certificate2Collection trust, TimeSpan timeout)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(trust);
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(new Uri($"https://localhost:{port}/metrics"));
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            var body = await response.Content.ReadAsStringAsync();
            return body.Contains("# TYPE ", StringComparison.Ordinal) ? body : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return null;
        }
    }
}
