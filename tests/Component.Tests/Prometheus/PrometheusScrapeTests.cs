using System.Globalization;
using Xunit.Abstractions;

namespace Component.Tests.Prometheus;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package, <c>/usr/bin/prometheus</c>) scrapes the built component over
/// HTTPS with verification on: static TLS from PEM files and dynamic TLS from two replicas sharing one file store are
/// <c>up == 1</c>; the same targets scraped with a wrong <c>server_name</c> are <c>up == 0</c> with a certificate error.
/// Without the binary the tests fail in CI (CI=true) and elsewhere report themselves skipped on their output.
/// </summary>
public sealed class PrometheusScrapeTests(PrometheusScrape scrape, ITestOutputHelper output) : IClassFixture<PrometheusScrape>
{
    [Fact]
    public void TargetsScrapedWithTheirCaFileAndServerName_AreUp()
    {
        if (!Ready())
        {
            return;
        }

        foreach (var job in new[] { PrometheusScrape.StaticJob, PrometheusScrape.DynamicJob })
        {
            foreach (var instance in scrape.InstancesOf(job))
            {
                var target = scrape.Targets.SingleOrDefault(t => t.Job == job && t.Instance == instance);
                Assert.True(target is { Health: "up", LastError: "" }, $"{job} {instance}: {target?.ToString() ?? "no such target"}\n{scrape.Diagnostics()}");
                var up = scrape.Up.SingleOrDefault(s => s.Job == job && s.Instance == instance);
                Assert.True(up is { Value: 1 }, $"up{{job=\"{job}\",instance=\"{instance}\"}} is {up?.ToString() ?? "absent"}\n{scrape.Diagnostics()}");
            }
        }
        Assert.Single(scrape.InstancesOf(PrometheusScrape.StaticJob));
        Assert.Equal(2, scrape.InstancesOf(PrometheusScrape.DynamicJob).Count);
    }

    [Fact]
    public void TargetsScrapedWithAWrongServerName_AreDown_WithACertificateError()
    {
        if (!Ready())
        {
            return;
        }

        foreach (var (job, valid, wrong) in new[]
        {
            (PrometheusScrape.StaticWrongNameJob, PrometheusScrape.StaticDnsName, PrometheusScrape.WrongStaticName),
            (PrometheusScrape.DynamicWrongNameJob, PrometheusScrape.DynamicDnsName, PrometheusScrape.WrongDynamicName),
        })
        {
            foreach (var instance in scrape.InstancesOf(job))
            {
                var target = scrape.Targets.SingleOrDefault(t => t.Job == job && t.Instance == instance);
                Assert.True(target is { Health: "down" }, $"{job} {instance}: {target?.ToString() ?? "no such target"}\n{scrape.Diagnostics()}");
                output.WriteLine($"{job} {instance} lastError: {target!.LastError}");
                // Go's crypto/x509 hostname check: the handshake itself failed, the certificate was read and refused.
                Assert.Contains("x509: certificate is valid for " + valid + ", not " + wrong, target.LastError, StringComparison.Ordinal);
                var up = scrape.Up.SingleOrDefault(s => s.Job == job && s.Instance == instance);
                Assert.True(up is { Value: 0 }, $"up{{job=\"{job}\",instance=\"{instance}\"}} is {up?.ToString() ?? "absent"}\n{scrape.Diagnostics()}");
            }
        }
    }

    [Fact]
    public void TheScrapesCarryTheComponentsMetrics_AndBothDynamicReplicasServeTheOneStoredCa()
    {
        if (!Ready())
        {
            return;
        }

        // Samples exist for exactly the verified targets: a refused handshake brought nothing in.
        var expected = new[] { PrometheusScrape.StaticJob, PrometheusScrape.DynamicJob }
            .SelectMany(job => scrape.InstancesOf(job).Select(instance => $"{job} {instance}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, scrape.ComponentScrapes.Select(s => $"{s.Job} {s.Instance}").Order(StringComparer.Ordinal));
        Assert.All(scrape.ComponentScrapes, s => Assert.True(s.Value >= 1, s.ToString()));

        // Both replicas report the NotAfter of the CA in the shared store's ca.crt, the file Prometheus trusted.
        var caNotAfter = PrometheusScrape.NotAfterOfFirstCertificate(scrape.DynamicCaFile);
        Assert.Equal(scrape.InstancesOf(PrometheusScrape.DynamicJob).Order(StringComparer.Ordinal),
            scrape.CaNotAfter.Select(s => s.Instance).Order(StringComparer.Ordinal));
        Assert.All(scrape.CaNotAfter, s => Assert.Equal(caNotAfter, (long)s.Value));
    }

    /// <summary>
    /// Whether the scrape ran and settled. Without Prometheus: a failure in CI, where .ci/run installs it; elsewhere a
    /// line saying the test was skipped (xunit 2 has no runtime skip), and the test returns.
    /// </summary>
    private bool Ready()
    {
        if (scrape.PrometheusMissing)
        {
            var message = $"{PrometheusScrape.PrometheusPath} is missing: install Debian's prometheus package (apt-get install prometheus), as .ci/run does";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message + " (CI=true, so this is a failure, not a skip)");
            }
            output.WriteLine("SKIPPED: " + message);
            return false;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scrape settled: {scrape.Settled}, {scrape.Elapsed.TotalSeconds:0.00} s from the first process start (the shared ca.crt after {scrape.CaCreated.TotalSeconds:0.00} s)"));
        Assert.True(scrape.Settled, "the scrape did not reach the expected state within 30 s\n" + scrape.Diagnostics());
        return true;
    }
}
