using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Flagwork.Tls.Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Flagwork.Metrics.Server;

/// <summary>
/// The metrics listener: our own Kestrel host serving prometheus-net's <c>/metrics</c> from the given registry and
/// <c>/readyz</c>; every other path is 404. With a certificate source, each new TLS connection takes the source's
/// current snapshot; until there is one, handshakes fail (there is no plaintext fallback).
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app, IReadOnlyList<Uri> urls)
    {
        _app = app;
        Urls = urls;
    }

    /// <summary>The bound addresses, with the real port when the configured one was 0.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>The first bound port.</summary>
    public int Port => Urls[0].Port;

    public static async Task<MetricsServer> StartAsync(MetricsServerOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Flagwork.Metrics");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "Flagwork.Metrics" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxHeaderBytes;
            kestrel.Limits.RequestHeadersTimeout = options.ReadTimeout;
            kestrel.Limits.KeepAliveTimeout = options.ReadTimeout;
            Listen(kestrel, options.Address, listen => ConfigureConnection(listen, options));
        });

        var app = builder.Build();
        var source = options.CertificateSource;
        app.MapMetrics("/metrics", options.Registry);
        app.MapGet("/readyz", (RequestDelegate)(context =>
        {
            var ready = source is null || source.Current is not null;
            context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(ready ? "ok\n" : "no serving certificate loaded yet\n", context.RequestAborted);
        }));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new MetricsServerException($"failed to listen on prometheus address {options.Address}: {e.Message}", e);
        }
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).ToList();
        logger.LogInformation(source is null ? "listening for insecure connections address={Address}" : "listening for secure connections address={Address}",
            string.Join(", ", urls));
        return new MetricsServer(app, urls);
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address, Action<ListenOptions> configure)
    {
        switch (address.Kind)
        {
            case ListenAddressKind.AnyInterface:
                kestrel.ListenAnyIP(address.Port, configure);
                break;
            case ListenAddressKind.Localhost:
                kestrel.ListenLocalhost(address.Port, configure);
                break;
            default:
                kestrel.Listen(address.Address!, address.Port, configure);
                break;
        }
    }

    private static void ConfigureConnection(ListenOptions listen, MetricsServerOptions options)
    {
        if (options.CertificateSource is not { } source)
        {
            listen.Protocols = HttpProtocols.Http1;
            return;
        }
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        var policy = options.TlsPolicy;
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            HandshakeTimeout = options.ReadTimeout,
            OnConnection = _ =>
            {
                // Read once per connection: a rotation never changes a handshake in flight.
                var snapshot = source.Current ?? throw new AuthenticationException("no tls.Certificate available");
                return ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = snapshot.Context,
                    EnabledSslProtocols = policy.Protocols,
                    CipherSuitesPolicy = policy.CipherSuites,
                    ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                    ClientCertificateRequired = false,
                });
            },
        });
    }

    /// <summary>Stops accepting, lets requests in flight finish within the shutdown timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>The listener could not start (address in use, bad TLS settings).</summary>
public sealed class MetricsServerException(string message, Exception? inner = null) : Exception(message, inner);
