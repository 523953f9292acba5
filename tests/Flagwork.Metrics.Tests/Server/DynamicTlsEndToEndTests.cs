using System.Net;
using System.Security.Cryptography.X509Certificates;
using Flagwork.Metrics.Server;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Secrets;
using Flagwork.Tls.Tests.Support;
using Microsoft.Extensions.Logging;
using Prometheus;
using Xunit.Abstractions;

namespace Flagwork.Metrics.Tests.Server;

/// <summary>
/// Two replicas share one CA through one file store: both serve leaves that chain to the same CA with exactly the
/// configured SANs; deleting the secret makes both rotate, with no failed request from a client trusting ca.crt.
/// </summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime)
public sealed class DynamicTlsEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly string[] DnsNames = ["metrics.test", "localhost"];
    private readonly TempDirectory _root = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Replica> _replicas = [];
    private readonly SecretKey _secret = new("testns", "metrics-ca");

    private string CaFile => Path.Combine(_root.Path, _secret.Namespace, _secret.Name, "current", "ca.crt");

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            _replicas.Add(await Replica.StartAsync(_root.Path, _secret, _stop.Token));
        }
    }

    [Fact]
    public async Task ReplicasShareOneCaAndRotateTogetherWithoutFailedRequests()
    {
        using var client = new BundleTrustingClient(CaFile);
        Assert.True(await Eventually.TrueAsync(() => _replicas.All(r => r.Source?.Current is not null), TimeSpan.FromSeconds(30)));

        var firstCa = ReadCa();
        foreach (var replica in _replicas)
        {
            var leaf = await ScrapeAsync(client, replica);
            AssertIssuedBy(leaf, firstCa);
            Assert.Equal(DnsNames, SubjectAlternativeNames(leaf));
        }

        // A bounded client scrapes both replicas, half on new connections, while the CA secret is deleted.
        var failures = 0;
        var requests = 0;
        using var loadStop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var load = Task.Run(async () =>
        {
            for (var i = 0; i < 5000 && !loadStop.IsCancellationRequested; i++)
            {
                var replica = _replicas[i % 2];
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, replica.Url);
                    request.Headers.ConnectionClose = i % 4 < 2;
                    using var response = await client.Http.SendAsync(request, loadStop.Token);
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failures);
                    output.WriteLine("request failed: " + e.Message);
                }
                catch (TaskCanceledException) when (loadStop.IsCancellationRequested)
                {
                    break;
                }
            }
        });

        await Task.Delay(200);
        var store = new FileSecretStore(_root.Path);
        Assert.True(await store.DeleteAsync(_secret, CancellationToken.None));

        Assert.True(await Eventually.TrueAsync(
            () => File.Exists(CaFile) && ReadCa().Thumbprint != firstCa.Thumbprint
                  && _replicas.All(r => r.Source!.Current!.Certificate.Issuer == firstCa.Issuer && IssuedBy(r.Source.Current.Certificate, ReadCa())),
            TimeSpan.FromSeconds(30)));
        var atRotation = Volatile.Read(ref requests);
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref requests) >= atRotation + 200, TimeSpan.FromSeconds(30)));
        await loadStop.CancelAsync();
        await load;

        output.WriteLine($"{requests} requests ({atRotation} until both replicas served the new CA), {failures} failed");
        Assert.Equal(0, failures);
        Assert.True(requests > 0);

        var newCa = ReadCa();
        foreach (var replica in _replicas)
        {
            var leaf = await ScrapeAsync(client, replica);
            AssertIssuedBy(leaf, newCa);
            Assert.Equal(DnsNames, SubjectAlternativeNames(leaf));
            Assert.Contains(replica.Logs.Lines, l => l.Contains("Detected root CA rotation - regenerating serving certificates", StringComparison.Ordinal));
            Assert.Contains(replica.Logs.Lines, l => l.Contains("Updated TLS certificate DNSNames=[\"metrics.test\",\"localhost\"]", StringComparison.Ordinal));
        }

        // ca.crt keeps the previous CA after the new one, so scrapers holding either trust anchor keep verifying.
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(CaFile);
        Assert.Equal(newCa.Thumbprint, bundle[0].Thumbprint);
        Assert.Contains(bundle, c => c.Thumbprint == firstCa.Thumbprint);
    }

    private X509Certificate2 ReadCa()
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(CaFile);
        return bundle[0];
    }

    private static async Task<X509Certificate2> ScrapeAsync(BundleTrustingClient client, Replica replica)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, replica.Url);
        request.Headers.ConnectionClose = true;
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client.LastLeaf!;
    }

    private static void AssertIssuedBy(X509Certificate2 leaf, X509Certificate2 ca) => Assert.True(IssuedBy(leaf, ca), $"{leaf.Subject} is not signed by {ca.Subject} {ca.Thumbprint}");

    private static bool IssuedBy(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        return chain.Build(leaf) && chain.ChainElements[^1].Certificate.Thumbprint == ca.Thumbprint;
    }

    private static string[] SubjectAlternativeNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToArray();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        _stop.Dispose();
        _root.Dispose();
    }

    /// <summary>One component replica: its own store instance, authority, source and listener on 127.0.0.1.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private Task _run = Task.CompletedTask;
        private ILoggerFactory _loggers = null!;

        public ListLoggerProvider Logs { get; } = new();

        public DynamicSource? Source { get; private set; }

        public Uri Url { get; private set; } = null!;

        public static async Task<Replica> StartAsync(string root, SecretKey secret, CancellationToken stop)
        {
            var replica = new Replica();
            replica._loggers = LoggerFactory.Create(b => b.AddProvider(replica.Logs).SetMinimumLevel(LogLevel.Debug));
            var started = new TaskCompletionSource<MetricsServer>(TaskCreationOptions.RunContinuationsAsynchronously);
            var endpoint = new MetricsEndpoint
            {
                ListenAddress = "127.0.0.1:0",
                Tls = new MetricsTLSConfig { Dynamic = { SecretNamespace = secret.Namespace, SecretName = secret.Name, DnsNames = [.. DnsNames] } },
                Registry = Prometheus.Metrics.NewCustomRegistry(),
                LoggerFactory = replica._loggers,
                DynamicSource = dynamic =>
                {
                    var authority = new DynamicAuthority(new FileSecretStore(root), new DynamicAuthorityOptions { Secret = secret },
                        logger: replica._loggers.CreateLogger("authority"));
                    replica.Source = new DynamicSource(authority, new DynamicSourceOptions { DnsNames = dynamic.DnsNames },
                        logger: replica._loggers.CreateLogger("source"));
                    return replica.Source;
                },
            };
            endpoint.Started += server => started.TrySetResult(server);
            replica._run = endpoint.RunAsync(stop);
            var server = await started.Task.WaitAsync(TimeSpan.FromSeconds(30), stop);
            replica.Url = new Uri($"https://localhost:{server.Port}/metrics");
            return replica;
        }

        public async ValueTask DisposeAsync()
        {
            await _run;
            _loggers.Dispose();
        }
    }
}
