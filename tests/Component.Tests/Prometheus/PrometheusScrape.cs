using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Component.Tests.Prometheus;

/// <summary>
/// Runs the scrape once for all of <see cref="PrometheusScrapeTests"/>: the built component in static TLS mode and, twice,
/// in dynamic TLS mode sharing one file store, all on 127.0.0.1, and a real Prometheus server scraping them over HTTPS
/// with <c>ca_file</c> and <c>server_name</c>, plus one job per mode whose <c>server_name</c> is wrong. It polls
/// Prometheus' HTTP API until every target has settled (or the time is up) and keeps what it saw for the tests.
/// </summary>
public sealed class PrometheusScrape : IAsyncLifetime, IDisposable
{
    public const string PrometheusPath = "/usr/bin/prometheus";
    public const string StaticDnsName = "component.test";
    public const string DynamicDnsName = "cert-manager-metrics";
    public const string StaticJob = "static";
    public const string DynamicJob = "dynamic";
    public const string StaticWrongNameJob = "static-wrong-server-name";
    public const string DynamicWrongNameJob = "dynamic-wrong-server-name";
    public const string WrongStaticName = "wrong.component.test";
    public const string WrongDynamicName = "wrong-cert-manager-metrics";

    private const string SecretNamespace = "cert-manager";
    private const string SecretName = "cert-manager-metrics-ca";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly TempDirectory _directory = new();
    private readonly List<RunningProcess> _processes = [];
    private readonly Dictionary<string, string[]> _instances = new(StringComparer.Ordinal);
    private PrometheusApi? _api;
    private bool _disposed;

    /// <summary>True when <see cref="PrometheusPath"/> does not exist; nothing was started.</summary>
    public bool PrometheusMissing { get; private set; }

    /// <summary>Whether every target reached the state the tests expect before <see cref="Timeout"/>.</summary>
    public bool Settled { get; private set; }

    /// <summary>From the first process start to the settled (or timed-out) state.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>From the first process start to the shared store's ca.crt existing (Prometheus starts then).</summary>
    public TimeSpan CaCreated { get; private set; }

    public string DynamicCaFile { get; private set; } = "";

    public IReadOnlyList<ScrapeTarget> Targets { get; private set; } = [];

    /// <summary>The instant query <c>up</c>.</summary>
    public IReadOnlyList<QuerySample> Up { get; private set; } = [];

    /// <summary>The component's own counter, one series per target whose scrape succeeded.</summary>
    public IReadOnlyList<QuerySample> ComponentScrapes { get; private set; } = [];

    /// <summary>The dynamic instances' <c>flagwork_tls_ca_not_after_timestamp_seconds</c>.</summary>
    public IReadOnlyList<QuerySample> CaNotAfter { get; private set; } = [];

    /// <summary>The 127.0.0.1:port targets of a job, as Prometheus' instance label spells them.</summary>
    public IReadOnlyList<string> InstancesOf(string job) => _instances[job];

    public static bool IsGoodJob(string job) => job is StaticJob or DynamicJob;

    public async Task InitializeAsync()
    {
        if (!File.Exists(PrometheusPath))
        {
            PrometheusMissing = true;
            return;
        }
        try
        {
            await RunAsync();
        }
        catch
        {
            // Whether xunit disposes a fixture whose initialisation threw is not something to rely on: stop what started.
            Dispose();
            throw;
        }
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(Timeout);
        var ports = LoopbackPort.Reserve(4);
        var (staticPort, dynamicPorts, prometheusPort) = (ports[0], ports[1..3], ports[3]);
        _instances[StaticJob] = _instances[StaticWrongNameJob] = [$"127.0.0.1:{staticPort}"];
        _instances[DynamicJob] = _instances[DynamicWrongNameJob] = dynamicPorts.Select(p => $"127.0.0.1:{p}").ToArray();

        var pki = TestPki.Write(_directory.Subdirectory("static-tls"), StaticDnsName);
        _processes.Add(RunningProcess.StartComponent("component (static TLS)", _directory.Path,
            $"--metrics-listen-address=127.0.0.1:{staticPort}",
            $"--metrics-tls-cert-file={pki.CertFile}",
            $"--metrics-tls-private-key-file={pki.KeyFile}"));

        var secrets = _directory.Subdirectory("secrets");
        for (var i = 0; i < dynamicPorts.Length; i++)
        {
            _processes.Add(RunningProcess.StartComponent($"component (dynamic TLS, replica {i + 1})", _directory.Path,
                $"--metrics-listen-address=127.0.0.1:{dynamicPorts[i]}",
                $"--secrets-dir={secrets}",
                $"--metrics-dynamic-serving-ca-secret-namespace={SecretNamespace}",
                $"--metrics-dynamic-serving-ca-secret-name={SecretName}",
                $"--metrics-dynamic-serving-dns-names={DynamicDnsName}"));
        }

        // Prometheus reads ca_file when it builds a job's HTTP client, so the shared CA must exist first.
        DynamicCaFile = Path.Combine(secrets, SecretNamespace, SecretName, "current", "ca.crt");
        if (!await PollAsync(() => Task.FromResult(File.Exists(DynamicCaFile)), timeout.Token))
        {
            Elapsed = clock.Elapsed;
            return;
        }
        CaCreated = clock.Elapsed;

        var configFile = _directory.File("prometheus.yml", PrometheusConfig(pki.CaFile));
        _processes.Add(RunningProcess.Start("prometheus", PrometheusPath,
        [
            $"--config.file={configFile}",
            $"--storage.tsdb.path={_directory.Subdirectory("tsdb")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
        ], _directory.Path));
        _api = new PrometheusApi(prometheusPort);

        Settled = await PollAsync(ObserveAsync, timeout.Token);
        Elapsed = clock.Elapsed;
    }

    /// <summary>Everything the processes printed and the last targets seen, for a failure message.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"settled: {Settled} after {Elapsed.TotalSeconds:0.0} s (ca.crt after {CaCreated.TotalSeconds:0.0} s)");
        text.AppendLine("targets:");
        foreach (var target in Targets)
        {
            text.AppendLine("  " + target);
        }
        text.AppendLine("up: " + string.Join("; ", Up));
        foreach (var process in _processes)
        {
            text.AppendLine(process.Describe());
        }
        return text.ToString();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Idempotent: xunit calls both this and <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _api?.Dispose();
        // Prometheus first (so it stops scraping), then the components; each killed by its PID with its children.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }
        _directory.Dispose();
    }

    private string PrometheusConfig(string staticCaFile)
    {
        var config = new StringBuilder();
        config.AppendLine("""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
            """);
        AppendJob(StaticJob, staticCaFile, StaticDnsName);
        AppendJob(DynamicJob, DynamicCaFile, DynamicDnsName);
        AppendJob(StaticWrongNameJob, staticCaFile, WrongStaticName);
        AppendJob(DynamicWrongNameJob, DynamicCaFile, WrongDynamicName);
        return config.ToString();

        void AppendJob(string job, string caFile, string serverName) => config.Append(CultureInfo.InvariantCulture, $"""
              - job_name: {job}
                scheme: https
                tls_config:
                  ca_file: '{caFile}'
                  server_name: {serverName}
                static_configs:
                  - targets: [{string.Join(", ", _instances[job].Select(i => $"'{i}'"))}]

            """);
    }

    /// <summary>
    /// Reads targets and queries; true once every right-name target is up (and <c>up</c> is 1) and every wrong-name target
    /// is down with a certificate error (and <c>up</c> is 0). A wrong-name target can first be down because its component
    /// is not listening yet; only a certificate error settles it.
    /// </summary>
    private async Task<bool> ObserveAsync()
    {
        using var request = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (!await _api!.IsReadyAsync(request.Token))
            {
                return false;
            }
            Targets = await _api.TargetsAsync(request.Token);
            Up = await _api.QueryAsync("up", request.Token);
            ComponentScrapes = await _api.QueryAsync("component_scrapes_total", request.Token);
            CaNotAfter = await _api.QueryAsync($"flagwork_tls_ca_not_after_timestamp_seconds{{job=\"{DynamicJob}\"}}", request.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false; // Prometheus is still starting.
        }

        foreach (var (job, instances) in _instances)
        {
            foreach (var instance in instances)
            {
                var target = Targets.SingleOrDefault(t => t.Job == job && t.Instance == instance);
                var up = Up.SingleOrDefault(s => s.Job == job && s.Instance == instance);
                var settled = IsGoodJob(job)
                    ? target is { Health: "up" } && up is { Value: 1 }
                    : target is { Health: "down" } && target.LastError.Contains("certificate", StringComparison.Ordinal) && up is { Value: 0 };
                if (!settled)
                {
                    return false;
                }
            }
        }
        return CaNotAfter.Count == InstancesOf(DynamicJob).Count;
    }

    private async Task<bool> PollAsync(Func<Task<bool>> condition, CancellationToken timeout)
    {
        while (!timeout.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }
            if (_processes.Any(p => p.HasExited))
            {
                return false; // A process died: waiting longer cannot help, and Diagnostics() shows why.
            }
            try
            {
                await Task.Delay(PollInterval, timeout);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return false;
    }

    /// <summary>NotAfter of the first certificate in a PEM file, as Unix seconds.</summary>
    public static long NotAfterOfFirstCertificate(string pemFile)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(pemFile));
        return new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds();
    }
}
