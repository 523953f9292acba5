using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Benchmarks.Server;

/// <summary>
/// A server binary measured in scenarios 3 and 4: the sample component in dynamic TLS mode (its CA created in, or
/// adopted from, the file store under a secrets directory) or the floor app with its fixed certificate.
/// </summary>
public sealed class ServerTarget
{
    private const string Namespace = "ns";
    private const string SecretName = "ca";

    private readonly string _fileName;
    private readonly string[] _prefix;
    private readonly TestCertificate? _fixed;

    private ServerTarget(string name, string build, string fileName, string[] prefix, TestCertificate? fixedCertificate)
    {
        Name = name;
        Build = build;
        _fileName = fileName;
        _prefix = prefix;
        _fixed = fixedCertificate;
    }

    /// <summary>"component" or "floor".</summary>
    public string Name { get; }

    /// <summary>"JIT" or "Native AOT".</summary>
    public string Build { get; }

    public bool IsFloor => _fixed is not null;

    public static ServerTarget ComponentJit(string dll) => new("component", "JIT", DotnetHost(), [dll], null);

    public static ServerTarget ComponentAot(string executable) => new("component", "Native AOT", executable, [], null);

    public static ServerTarget FloorJit(string dll, TestCertificate certificate) => new("floor", "JIT", DotnetHost(), [dll], certificate);

    public static ServerTarget FloorAot(string executable, TestCertificate certificate) => new("floor", "Native AOT", executable, [], certificate);

    /// <summary>Starts the server on 127.0.0.1:<paramref name="port"/>; the component keeps its CA under <paramref name="secretsDirectory"/>.</summary>
    public ServerProcess Start(int port, string secretsDirectory)
    {
        var listen = "127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] arguments = _fixed is { } certificate
            ? [.. _prefix, "--listen", listen, "--cert", certificate.CertificateFile, "--key", certificate.KeyFile]
            : [.. _prefix, "--metrics-listen-address=" + listen,
                "--metrics-dynamic-serving-ca-secret-namespace=" + Namespace,
                "--metrics-dynamic-serving-ca-secret-name=" + SecretName,
                "--metrics-dynamic-serving-dns-names=localhost",
                "--secrets-dir=" + secretsDirectory];
        return ServerProcess.Start(_fileName, arguments);
    }

    /// <summary>The trust anchor: the floor's CA, or the component's <c>ca.crt</c> once it exists (null before).</summary>
    public X509Certificate2Collection? TryTrust(string secretsDirectory)
    {
        if (_fixed is { } certificate)
        {
            return certificate.Trust;
        }
        var caFile = Path.Combine(secretsDirectory, Namespace, SecretName, "current", "ca.crt");
        if (!File.Exists(caFile))
        {
            return null;
        }
        try
        {
            var trust = new X509Certificate2Collection();
            trust.ImportFromPemFile(caFile);
            return trust.Count > 0 ? trust : null;
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts the server and polls (every 5 ms, each attempt a new HTTPS connection) until a scrape verifies and returns
    /// metrics. Returns the server and the milliseconds from just before process start to that scrape's end.
    /// </summary>
    public async Task<(ServerProcess Server, int Port, double Milliseconds, string Body)> StartUntilScrapedAsync(string secretsDirectory, TimeSpan limit)
    {
        var port = ServerProcess.FreePort();
        var stopwatch = Stopwatch.StartNew();
        var server = Start(port, secretsDirectory);
        try
        {
            X509Certificate2Collection? trust = null;
            while (stopwatch.Elapsed < limit)
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"{this} exited before its first scrape:{Environment.NewLine}{server.Output()}");
                }
                trust ??= TryTrust(secretsDirectory);
                if (trust is not null && await Scraper.TryScrapeAsync(port, trust, TimeSpan.FromSeconds(2)) is { } body)
                {
                    return (server, port, stopwatch.Elapsed.TotalMilliseconds, body);
                }
                await Task.Delay(5);
            }
            throw new TimeoutException($"{this} served no verified scrape within {limit.TotalSeconds} s:{Environment.NewLine}{server.Output()}");
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public string Url(int port) => $"https://127.0.0.1:{port}/metrics";

    public override string ToString() => $"{Name} ({Build})";

    private static string DotnetHost() => Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
