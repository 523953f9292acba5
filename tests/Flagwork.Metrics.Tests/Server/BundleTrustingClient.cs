using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Metrics.Tests.Server;

/// <summary>
/// A scraper as Prometheus is configured with <c>ca_file</c>: it trusts the certificates in the CA bundle file, re-read
/// on every handshake (keeping the last readable copy while the file is being replaced), and checks the host name.
/// </summary>
internal sealed class BundleTrustingClient : IDisposable
{
    private readonly string _caFile;
    private X509Certificate2Collection _lastBundle = [];

    public BundleTrustingClient(string caFile)
    {
        _caFile = caFile;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        };
        Http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    public HttpClient Http { get; }

    public X509Certificate2? LastLeaf { get; private set; }

    private bool Validate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, X509Chain? _, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        var leaf = new X509Certificate2(certificate);
        LastLeaf = leaf;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(ReadBundle());
        return chain.Build(leaf);
    }

    private X509Certificate2Collection ReadBundle()
    {
        try
        {
            var bundle = new X509Certificate2Collection();
            bundle.ImportFromPemFile(_caFile);
            if (bundle.Count > 0)
            {
                _lastBundle = bundle;
            }
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            // Mid-replacement: keep trusting what we last read, as a scraper does.
        }
        return _lastBundle;
    }

    public void Dispose() => Http.Dispose();
}
