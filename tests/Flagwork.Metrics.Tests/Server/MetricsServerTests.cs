using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Flagwork.Metrics.Server;
using Flagwork.Tls;
using Flagwork.Tls.Certificates;
using Flagwork.Tls.Static;
using Flagwork.Tls.Tests.Support;
using Prometheus;
using Xunit.Abstractions;

namespace Flagwork.Metrics.Tests.Server;

/// <summary>The listener end to end on 127.0.0.1: real Kestrel, real TLS handshakes, real files.</summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime)
public sealed class MetricsServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly List<IAsyncDisposable> _cleanup = [];

    public Task InitializeAsync()
    {
        var work = Prometheus.Metrics.WithCustomRegistry(_registry).CreateCounter("component_work_done_total", "Work done by the component under test.");
        work.Inc(3);
        return Task.CompletedTask;
    }

    private async Task<MetricsServer> StartAsync(ICertificateSource? source = null, TlsPolicy? policy = null)
    {
        var server = await MetricsServer.StartAsync(new MetricsServerOptions
        {
            Address = ListenAddress.Parse("127.0.0.1:0"),
            Registry = _registry,
            CertificateSource = source,
            TlsPolicy = policy ?? TlsPolicy.Default,
        });
        _cleanup.Add(server);
        return server;
    }

    private static Uri Url(MetricsServer server, string scheme, string path) => new($"{scheme}://127.0.0.1:{server.Port}{path}");

    [Fact]
    public async Task E1_PlainModeServesMetricsAndNothingElse()
    {
        var server = await StartAsync();
        using var http = new HttpClient();

        var metrics = await http.GetAsync(Url(server, "http", "/metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var body = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE component_work_done_total counter", body, StringComparison.Ordinal);
        Assert.Contains("component_work_done_total 3", body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Url(server, "http", "/"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Url(server, "http", "/metrics/extra"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Url(server, "http", "/readyz"))).StatusCode);
    }

    [Fact]
    public async Task E5_BeforeTheFirstCertificateHandshakesFailAndReadyzIsNotReady()
    {
        var publisher = new CertificatePublisher();
        var server = await StartAsync(new PublishedSource(publisher));
        using var client = new TlsClient();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.Http.GetAsync(Url(server, "https", "/readyz")));

        var pem = TestCertificates.Create("first");
        client.Trust(pem.Thumbprint);
        publisher.Publish(PemKeyPair.Load(System.Text.Encoding.UTF8.GetBytes(pem.Certificate), System.Text.Encoding.UTF8.GetBytes(pem.PrivateKey), "test"));
        var (ready, thumbprint) = await client.GetOnNewConnectionAsync(Url(server, "https", "/readyz"));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(pem.Thumbprint, thumbprint);
    }

    [Fact]
    public async Task E2_StaticTlsPicksUpOverwrittenFiles()
    {
        var (server, source, client) = await StartStaticAsync(_directory.Path);
        var first = client.LastThumbprint;

        var next = TestCertificates.Create("second");
        client.Trust(next.Thumbprint);
        var clock = Stopwatch.StartNew();
        await File.WriteAllTextAsync(_directory.File("tls.key"), next.PrivateKey);
        await File.WriteAllTextAsync(_directory.File("tls.crt"), next.Certificate);

        Assert.True(await Eventually.TrueAsync(() => source.Current?.Thumbprint == next.Thumbprint, TimeSpan.FromSeconds(30)));
        output.WriteLine($"overwrite picked up after {clock.Elapsed.TotalMilliseconds:F0} ms");
        var (response, thumbprint) = await client.GetOnNewConnectionAsync(Url(server, "https", "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(next.Thumbprint, thumbprint);
        Assert.NotEqual(first, thumbprint);
    }

    [Fact]
    public async Task E2_StaticTlsPicksUpAKubernetesSecretVolumeSymlinkSwap()
    {
        var volume = new SecretVolume(_directory.Path);
        var initial = TestCertificates.Create("v1");
        volume.Publish(initial);
        var (server, source, client) = await StartStaticAsync(_directory.Path, writeFiles: false, trusted: initial);

        var next = TestCertificates.Create("v2");
        client.Trust(next.Thumbprint);
        var clock = Stopwatch.StartNew();
        volume.Publish(next);

        Assert.True(await Eventually.TrueAsync(() => source.Current?.Thumbprint == next.Thumbprint, TimeSpan.FromSeconds(30)));
        output.WriteLine($"symlink swap picked up after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(next.Thumbprint, (await client.GetOnNewConnectionAsync(Url(server, "https", "/metrics"))).Thumbprint);
    }

    [Fact]
    public async Task RotatingTwentyTimesUnderLoadFailsNoRequest()
    {
        var volume = new SecretVolume(_directory.Path);
        var initial = TestCertificates.Create("r0", TestCertificates.KeyFormat.EcdsaPkcs8);
        volume.Publish(initial);
        var (server, source, _) = await StartStaticAsync(_directory.Path, writeFiles: false, trusted: initial);
        var uri = Url(server, "https", "/metrics");

        var certificates = Enumerable.Range(1, 20).Select(i => TestCertificates.Create("r" + i, TestCertificates.KeyFormat.EcdsaPkcs8)).ToList();
        var clients = Enumerable.Range(0, 4).Select(_ => new TlsClient()).ToList();
        foreach (var client in clients)
        {
            client.Trust(initial.Thumbprint);
            certificates.ForEach(c => client.Trust(c.Thumbprint));
        }

        var failures = 0;
        var served = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var load = clients.Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 500 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.ConnectionClose = i % 2 == 0; // half on new connections
                    using var response = await client.Http.SendAsync(request, stop.Token);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    served.AddOrUpdate(client.LastThumbprint ?? "", 1, (_, n) => n + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    output.WriteLine("request failed: " + e.Message);
                }
            }
        })).ToList();

        foreach (var certificate in certificates)
        {
            volume.Publish(certificate);
            Assert.True(await Eventually.TrueAsync(() => source.Current?.Thumbprint == certificate.Thumbprint, TimeSpan.FromSeconds(30)));
        }
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
        Assert.Equal(certificates[^1].Thumbprint, source.Current!.Thumbprint);
        output.WriteLine($"{served.Count} distinct certificates served over {served.Values.Sum()} requests");
        Assert.True(served.Count > 1);
        clients.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
#pragma warning disable SYSLIB0039, CA5397 // an old client, on purpose: it must be refused
    [InlineData(SslProtocols.Tls11)]
#pragma warning restore SYSLIB0039, CA5397
    public async Task E6_MinimumTls13RefusesOlderClients(SslProtocols clientProtocol)
    {
        var (server, _, _) = await StartStaticAsync(_directory.Path, policy: TlsPolicy.Create("VersionTLS13", null));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        var expected = _cleanup.OfType<StaticSource>().Single().Pem.Thumbprint;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate?.GetCertHashString() == expected);
        await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = clientProtocol,
        }));

        using var modern = new TlsClient(SslProtocols.Tls13);
        modern.Trust(expected);
        var (response, _) = await modern.GetOnNewConnectionAsync(Url(server, "https", "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void E6_AnUnknownCipherNameFailsWithTheReferenceMessageAndTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => TlsPolicy.Create(null, ["TLS_NOT_A_CIPHER"]));
        Assert.StartsWith("Cipher suite TLS_NOT_A_CIPHER not supported or doesn't exist; valid values: TLS_AES_128_GCM_SHA256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCipherFailsEndpointStartup()
    {
        var endpoint = new MetricsEndpoint
        {
            ListenAddress = "127.0.0.1:0",
            Tls = new MetricsTLSConfig { CipherSuites = ["TLS_RSA_WITH_NULL_SHA"] },
            Registry = _registry,
        };
        var error = await Assert.ThrowsAsync<MetricsServerException>(() => endpoint.RunAsync(CancellationToken.None));
        Assert.Equal("failed to listen on prometheus address 127.0.0.1:0: Cipher suite TLS_RSA_WITH_NULL_SHA not supported or doesn't exist",
            error.Message[..error.Message.IndexOf(';', StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task ConfiguredCipherSuitesAreUsedForTls12()
    {
        var policy = TlsPolicy.Create("VersionTLS12", ["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"]);
        var (server, _, _) = await StartStaticAsync(_directory.Path, policy: policy, format: TestCertificates.KeyFormat.EcdsaPkcs8);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        var expected = _cleanup.OfType<StaticSource>().Single().Pem.Thumbprint;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate?.GetCertHashString() == expected);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12 });
        Assert.Equal(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.NegotiatedCipherSuite);
    }

    [Fact]
    public async Task SelfMetricsDescribeTheServingCertificate()
    {
        var (server, source, client) = await StartStaticAsync(_directory.Path);
        TlsSelfMetrics.Register(_registry, source);
        TlsSelfMetrics.Register(_registry, source.Status);
        var (response, _) = await client.GetOnNewConnectionAsync(Url(server, "https", "/metrics"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"{TlsSelfMetrics.NotAfter} {source.Current!.NotAfter.ToUnixTimeSeconds()}", body, StringComparison.Ordinal);
        Assert.Contains($"{TlsSelfMetrics.Reloads}{{result=\"success\"}} 1", body, StringComparison.Ordinal);
        Assert.Contains($"{TlsSelfMetrics.ConsecutiveFailures} 0", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsPassPromtoolWhenItIsInstalled()
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
        var server = await StartAsync();
        using var http = new HttpClient();
        var body = await http.GetStringAsync(Url(server, "http", "/metrics"));
        PrometheusText.AssertWellFormed(body);
        if (promtool is null)
        {
            output.WriteLine("promtool not installed: checked with the built-in exposition-format check only");
            return;
        }
        var start = new ProcessStartInfo(promtool, "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(body);
        process.StandardInput.Close();
        var errors = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "promtool did not finish");
        // Lint findings (naming advice) are printed but only parse errors fail the check.
        Assert.True(process.ExitCode is 0 or 3, $"promtool exit {process.ExitCode}: {errors}");
        Assert.DoesNotContain("error while linting", errors, StringComparison.Ordinal);
    }

    private async Task<(MetricsServer Server, FileCertificateSource Source, TlsClient Client)> StartStaticAsync(
        string directory, bool writeFiles = true, TestCertificates.Pem? trusted = null, TlsPolicy? policy = null,
        TestCertificates.KeyFormat format = TestCertificates.KeyFormat.RsaPkcs8)
    {
        var pem = trusted ?? TestCertificates.Create("first", format);
        if (writeFiles)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "tls.key"), pem.PrivateKey);
            await File.WriteAllTextAsync(Path.Combine(directory, "tls.crt"), pem.Certificate);
        }
        var source = new FileCertificateSource(new FileCertificateSourceOptions
        {
            CertificatePath = Path.Combine(directory, "tls.crt"),
            PrivateKeyPath = Path.Combine(directory, "tls.key"),
        });
        var running = new StaticSource(source, pem);
        _cleanup.Add(running);
        Assert.True(await Eventually.TrueAsync(() => source.Current is not null));
        var server = await StartAsync(source, policy);
        var client = new TlsClient();
        client.Trust(pem.Thumbprint);
        _cleanup.Add(new DisposeAction(client.Dispose));
        var (response, _) = await client.GetOnNewConnectionAsync(Url(server, "https", "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (server, source, client);
    }

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            await item.DisposeAsync();
        }
        _directory.Dispose();
    }

    /// <summary>Runs a file source for the test's lifetime.</summary>
    private sealed class StaticSource : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;
        private readonly FileCertificateSource _source;

        public StaticSource(FileCertificateSource source, TestCertificates.Pem pem)
        {
            _source = source;
            Pem = pem;
            _run = source.RunAsync(_stop.Token);
        }

        public TestCertificates.Pem Pem { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _source.Dispose();
            _stop.Dispose();
        }
    }

    private sealed class PublishedSource(CertificatePublisher publisher) : ICertificateSource
    {
        public CertificateSnapshot? Current => publisher.Current;

        public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private sealed class DisposeAction(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}
#pragma warning restore CA1001
