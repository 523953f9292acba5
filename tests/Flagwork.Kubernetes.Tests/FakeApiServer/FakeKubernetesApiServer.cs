using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flagwork.Kubernetes.Tests.FakeApiServer;

/// <summary>
/// An in-process Kubernetes API server for core/v1 Secrets only, on 127.0.0.1 with plain HTTP, speaking the API's JSON:
/// <list type="bullet">
/// <item><c>GET/POST /api/v1/namespaces/{ns}/secrets</c> (list with <c>fieldSelector</c>, or with <c>watch=true|1</c> a
/// stream of newline-delimited <c>{"type":…,"object":…}</c> events from <c>resourceVersion</c>, ended after
/// <c>timeoutSeconds</c>);</item>
/// <item><c>GET/PUT/DELETE /api/v1/namespaces/{ns}/secrets/{name}</c>;</item>
/// <item>errors as <c>Status</c> objects: 404 NotFound, 409 AlreadyExists, 409 Conflict, 400, 422, 410 Expired.</item>
/// </list>
/// Test hooks: fail the next N requests, drop every open watch, expire the next watches or compact the history, count
/// requests and watches.
/// Namespaces need not exist; there is no authentication, admission or garbage collection.
/// </summary>
public sealed class FakeKubernetesApiServer : IAsyncDisposable
{
    private const string SecretsPrefix = "/api/v1/namespaces/";

    private readonly WebApplication app;
    private readonly SecretRegistry registry = new();
    private readonly Lock gate = new();
    private readonly List<string> requests = [];
    private int failuresLeft;
    private int failureStatus = 500;
    private int watchesStarted;

    private FakeKubernetesApiServer(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:port</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request so far, as <c>METHOD /path?query</c>.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public int RequestCount
    {
        get
        {
            lock (gate)
            {
                return requests.Count;
            }
        }
    }

    /// <summary>How many watches have been accepted since the start (dropped ones included).</summary>
    public int WatchesStarted => Volatile.Read(ref watchesStarted);

    public int OpenWatches => registry.OpenWatches;

    /// <summary>The latest resourceVersion handed out.</summary>
    public long ResourceVersion => registry.Revision;

    public static async Task<FakeKubernetesApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new FakeKubernetesApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>A client configuration for the real KubernetesClient pointing here.</summary>
    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = BaseUri.ToString().TrimEnd('/') };

    /// <summary>A kubeconfig file pointing here, as <c>kubectl</c> and <c>--kubeconfig</c> read it.</summary>
    public string WriteKubeconfig(string directory)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {BaseUri.ToString().TrimEnd('/')}
            users:
            - name: tester
              user:
                token: not-checked
            contexts:
            - name: fake
              context:
                cluster: fake
                user: tester
                namespace: cert-manager
            current-context: fake
            """);
        return path;
    }

    /// <summary>
    /// Runs before each request is handled, with <c>METHOD /path?query</c>: lets a test act between two requests of the
    /// code under test (another writer slipping in between a read and a write).
    /// </summary>
    public Func<string, Task>? BeforeRequest { get; set; }

    /// <summary>The next <paramref name="count"/> requests (of any kind) fail with <paramref name="status"/> and an InternalError Status.</summary>
    public void FailNextRequests(int count, int status = 500)
    {
        lock (gate)
        {
            failuresLeft = count;
            failureStatus = status;
        }
    }

    /// <summary>Breaks every open watch connection, as a restarted API server or a proxy timeout does; returns how many.</summary>
    public int DropWatches() => registry.DropWatches();

    /// <summary>Forgets the change history, so a watch from any older resourceVersion gets 410 Expired (etcd compaction).</summary>
    public void CompactHistory() => registry.Compact();

    /// <summary>
    /// The next <paramref name="count"/> watches are answered with an ERROR event carrying 410 Expired and then closed, as
    /// the server does when the requested resourceVersion has been compacted away between a list and a watch.
    /// </summary>
    public void ExpireNextWatches(int count) => registry.ExpireNextWatches(count);

    /// <summary>Waits (bounded) until <paramref name="count"/> watches have been started in total.</summary>
    public async Task WaitForWatchesStartedAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (WatchesStarted < count)
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{WatchesStarted} watches started, expected {count} within {timeout}");
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    public int CountRequests(string method, string pathAndQueryContains) =>
        Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathAndQueryContains, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        registry.DropWatches();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var line = $"{request.Method} {request.Path}{request.QueryString}";
        if (BeforeRequest is { } hook)
        {
            await hook(line);
        }

        int? failWith = null;
        lock (gate)
        {
            requests.Add(line);
            if (failuresLeft > 0)
            {
                failuresLeft--;
                failWith = failureStatus;
            }
        }

        if (failWith is { } code)
        {
            await WriteAsync(context, ApiStatus.InternalError(code));
            return;
        }

        var path = request.Path.Value ?? "";
        if (!path.StartsWith(SecretsPrefix, StringComparison.Ordinal))
        {
            await WriteAsync(context, new ApiStatus(404, "NotFound", "the server could not find the requested resource"));
            return;
        }

        // {ns}/secrets or {ns}/secrets/{name}
        var segments = path[SecretsPrefix.Length..].Split('/');
        if (segments.Length is < 2 or > 3 || segments[1] != "secrets" || segments[0].Length == 0 || segments is [_, _, ""])
        {
            await WriteAsync(context, new ApiStatus(404, "NotFound", "the server could not find the requested resource"));
            return;
        }

        var ns = Uri.UnescapeDataString(segments[0]);
        var name = segments.Length == 3 ? Uri.UnescapeDataString(segments[2]) : null;

        switch (request.Method, name)
        {
            case ("GET", null):
                if (!FieldSelector.TryParse(request.Query["fieldSelector"], out var selector, out var error))
                {
                    await WriteAsync(context, ApiStatus.BadRequest(error));
                }
                else if (!string.IsNullOrEmpty(request.Query["labelSelector"]))
                {
                    await WriteAsync(context, ApiStatus.BadRequest("labelSelector is not implemented by the fake API server"));
                }
                else if (request.Query["watch"] is var watch && (watch == "true" || watch == "1"))
                {
                    await WatchAsync(context, ns, selector);
                }
                else
                {
                    await WriteAsync(context, registry.List(ns, selector));
                }

                break;
            case ("POST", null):
                await WriteAsync(context, await ReadBodyAsync(context) is { } created ? registry.Create(ns, created) : BadBody());
                break;
            case ("GET", { } getName):
                await WriteAsync(context, registry.Get(ns, getName));
                break;
            case ("PUT", { } putName):
                await WriteAsync(context, await ReadBodyAsync(context) is { } replaced ? registry.Replace(ns, putName, replaced) : BadBody());
                break;
            case ("DELETE", { } deleteName):
                await WriteAsync(context, registry.Delete(ns, deleteName));
                break;
            default:
                await WriteAsync(context, new ApiStatus(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"));
                break;
        }
    }

    private async Task WatchAsync(HttpContext context, string ns, FieldSelector selector)
    {
        var timeout = int.TryParse(context.Request.Query["timeoutSeconds"], out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : Timeout.InfiniteTimeSpan;
        using var watch = registry.StartWatch(ns, selector, context.Request.Query["resourceVersion"]);
        Interlocked.Increment(ref watchesStarted);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();

        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, watch.Dropped);
        ending.CancelAfter(timeout);
        try
        {
            await foreach (var line in watch.Lines.ReadAllAsync(ending.Token))
            {
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ending.Token);
                await context.Response.Body.FlushAsync(ending.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Client gone, dropped, or timeoutSeconds reached.
        }

        if (watch.Dropped.IsCancellationRequested)
        {
            // Break the connection rather than ending the chunked body cleanly.
            context.Abort();
        }
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ApiResult BadBody() => ApiStatus.BadRequest("the request body is not a JSON object");

    private static Task WriteAsync(HttpContext context, ApiStatus status) => WriteAsync(context, (ApiResult)status);

    private static async Task WriteAsync(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.Code;
        context.Response.ContentType = "application/json";
        var body = result.Error?.ToJson() ?? result.Body!;
        await context.Response.WriteAsync(body.ToJsonString() + "\n");
    }
}
