// The floor: Kestrel on one address with one fixed certificate (PEM files), prometheus-net's /metrics from a custom
// registry holding as many series as the component's, nothing else. Usage:
//   floorapp --listen 127.0.0.1:PORT --cert tls.crt --key tls.key
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Prometheus;

string? listen = null, certFile = null, keyFile = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--listen": listen = args[i + 1]; break;
        case "--cert": certFile = args[i + 1]; break;
        case "--key": keyFile = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
if (listen is null || certFile is null || keyFile is null)
{
    Console.Error.WriteLine("usage: floorapp --listen 127.0.0.1:PORT --cert tls.crt --key tls.key");
    return 2;
}
var endpoint = IPEndPoint.Parse(listen);
using var certificate = X509Certificate2.CreateFromPemFile(certFile, keyFile);

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(endpoint, options =>
    {
        options.Protocols = HttpProtocols.Http1AndHttp2;
        options.UseHttps(certificate);
    });
});

var registry = Metrics.NewCustomRegistry();
var factory = Metrics.WithCustomRegistry(registry);
// The component's own two series and its seven dynamic-TLS self-metrics (same names and help texts), so both serve a body of about the same size.
var clock = factory.CreateGauge("component_clock_time_seconds", "The clock time given in seconds (from 1970/01/01 UTC).");
var scrapes = factory.CreateCounter("component_scrapes_total", "Times the metrics of this component were collected.");
registry.AddBeforeCollectCallback(() =>
{
    clock.Set(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
    scrapes.Inc();
});
factory.CreateGauge("flagwork_tls_certificate_not_before_timestamp_seconds", "NotBefore of the certificate the metrics endpoint serves, in Unix seconds (0 before one is loaded).")
    .Set(certificate.NotBefore.ToUniversalTime().Subtract(DateTime.UnixEpoch).TotalSeconds);
factory.CreateGauge("flagwork_tls_certificate_not_after_timestamp_seconds", "NotAfter of the certificate the metrics endpoint serves, in Unix seconds (0 before one is loaded).")
    .Set(certificate.NotAfter.ToUniversalTime().Subtract(DateTime.UnixEpoch).TotalSeconds);
factory.CreateGauge("flagwork_tls_ca_not_after_timestamp_seconds", "NotAfter of the CA that signs the serving certificates, in Unix seconds (0 before one is loaded).").Set(0);
factory.CreateCounter("flagwork_tls_ca_rotations_total", "CA rotations this replica has observed (the CA in the secret changed after the first load).");
factory.CreateCounter("flagwork_tls_leaf_certificates_issued_total", "Serving certificates issued by this replica.").Inc();
factory.CreateCounter("flagwork_tls_signing_errors_total", "Failed attempts to issue a serving certificate.");
factory.CreateCounter("flagwork_tls_secret_store_errors_total", "Failed reads or writes of the CA secret.");

var app = builder.Build();
app.MapMetrics("/metrics", registry);
await app.RunAsync();
return 0;
