using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Flagwork.Kubernetes.Tests.FakeApiServer;

namespace Flagwork.Kubernetes.Tests;

/// <summary>
/// The fake API server itself, spoken to over raw HTTP, so the store's tests rest on an API that behaves as Kubernetes
/// documents it (Status objects, resourceVersion, watch replay, 410, field selectors).
/// </summary>
public sealed class FakeKubernetesApiServerTests : IAsyncLifetime, IDisposable
{
    private const string Secrets = "/api/v1/namespaces/ns/secrets";

    private FakeKubernetesApiServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await FakeKubernetesApiServer.StartAsync();
        http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Errors_AreStatusObjects()
    {
        var response = await http.GetAsync(Secrets + "/missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = await ReadAsync(response);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("v1", (string?)status["apiVersion"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal("NotFound", (string?)status["reason"]);
        Assert.Equal(404, (int?)status["code"]);
        Assert.Equal("secrets \"missing\" not found", (string?)status["message"]);
        Assert.Equal("missing", (string?)status["details"]!["name"]);
        Assert.Equal("secrets", (string?)status["details"]!["kind"]);
    }

    [Fact]
    public async Task Create_DefaultsTypeToOpaque_SetsServerFields_AndRefusesASecondCreate()
    {
        var first = await http.PostAsJsonAsync(Secrets, Secret("a", "dGVzdA=="));
        var created = await ReadAsync(first);
        var second = await http.PostAsJsonAsync(Secrets, Secret("a", "dGVzdA=="));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("Opaque", (string?)created["type"]);
        Assert.Equal("Secret", (string?)created["kind"]);
        Assert.Equal("ns", (string?)created["metadata"]!["namespace"]);
        Assert.False(string.IsNullOrEmpty((string?)created["metadata"]!["uid"]));
        Assert.False(string.IsNullOrEmpty((string?)created["metadata"]!["creationTimestamp"]));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("AlreadyExists", (string?)(await ReadAsync(second))["reason"]);
    }

    [Fact]
    public async Task ResourceVersions_IncreaseAcrossObjects_AndANoOpUpdateKeepsIt()
    {
        var a = await ReadAsync(await http.PostAsJsonAsync(Secrets, Secret("a", "MQ==")));
        var b = await ReadAsync(await http.PostAsJsonAsync(Secrets, Secret("b", "MQ==")));
        var versionA = long.Parse((string)a["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
        var versionB = long.Parse((string)b["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(versionB > versionA);

        var same = await http.PutAsJsonAsync(Secrets + "/a", a);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(versionA.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)(await ReadAsync(same))["metadata"]!["resourceVersion"]);

        a["data"]!["k"] = "Mg==";
        var changed = await ReadAsync(await http.PutAsJsonAsync(Secrets + "/a", a));
        Assert.True(long.Parse((string)changed["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture) > versionB);
    }

    [Fact]
    public async Task Put_WithAStaleResourceVersion_IsConflict_WithoutOneIsUnconditional_OnAMissingObjectIsNotFound()
    {
        var created = await ReadAsync(await http.PostAsJsonAsync(Secrets, Secret("a", "MQ==")));
        var stale = created.DeepClone();
        created["data"]!["k"] = "Mg==";
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync(Secrets + "/a", created)).StatusCode);

        stale["data"]!["k"] = "Mw==";
        var conflict = await http.PutAsJsonAsync(Secrets + "/a", stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var status = await ReadAsync(conflict);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.StartsWith("Operation cannot be fulfilled on secrets \"a\"", (string?)status["message"], StringComparison.Ordinal);

        stale["metadata"]!.AsObject().Remove("resourceVersion");
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync(Secrets + "/a", stale)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsJsonAsync(Secrets + "/b", Secret("b", "MQ=="))).StatusCode);
    }

    [Fact]
    public async Task InvalidBodies_AreRejectedAsTheApiServerDoes()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync(Secrets, Secret("a", "not base64!"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await http.PostAsJsonAsync(Secrets, Secret("Not_A_Name", "MQ=="))).StatusCode);
        var wrongNamespace = Secret("a", "MQ==");
        wrongNamespace["metadata"]!["namespace"] = "other";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync(Secrets, wrongNamespace)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsJsonAsync(Secrets + "/b", Secret("a", "MQ=="))).StatusCode);
    }

    [Fact]
    public async Task List_FiltersByFieldSelector_AndRejectsUnsupportedFields()
    {
        await http.PostAsJsonAsync(Secrets, Secret("a", "MQ=="));
        await http.PostAsJsonAsync(Secrets, Secret("b", "MQ=="));

        var list = await ReadAsync(await http.GetAsync(Secrets + "?fieldSelector=" + Uri.EscapeDataString("metadata.name=b")));
        Assert.Equal("SecretList", (string?)list["kind"]);
        Assert.Equal(server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)list["metadata"]!["resourceVersion"]);
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal("b", (string?)item["metadata"]!["name"]);
        Assert.Null(item["kind"]);

        var all = await ReadAsync(await http.GetAsync(Secrets + "?fieldSelector=" + Uri.EscapeDataString("metadata.name!=b")));
        Assert.Equal("a", (string?)Assert.Single(all["items"]!.AsArray())!["metadata"]!["name"]);

        var unsupported = await http.GetAsync(Secrets + "?fieldSelector=" + Uri.EscapeDataString("data.x=y"));
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Equal("field label not supported: data.x", (string?)(await ReadAsync(unsupported))["message"]);
    }

    [Fact]
    public async Task Watch_FromAResourceVersion_ReplaysLaterChanges_ThenFollowsLiveOnes()
    {
        var a = await ReadAsync(await http.PostAsJsonAsync(Secrets, Secret("a", "MQ==")));
        var from = (string)a["metadata"]!["resourceVersion"]!;
        a["data"]!["k"] = "Mg==";
        await http.PutAsJsonAsync(Secrets + "/a", a);
        await http.PostAsJsonAsync(Secrets, Secret("other", "MQ=="));

        using var watch = await OpenWatchAsync($"{Secrets}?watch=1&resourceVersion={from}&fieldSelector=metadata.name%3Da");
        var replayed = await NextEventAsync(watch);
        Assert.Equal("MODIFIED", (string?)replayed["type"]);
        Assert.Equal("Secret", (string?)replayed["object"]!["kind"]);
        Assert.Equal("Mg==", (string?)replayed["object"]!["data"]!["k"]);

        await http.DeleteAsync(Secrets + "/a");
        var deleted = await NextEventAsync(watch);
        Assert.Equal("DELETED", (string?)deleted["type"]);
        Assert.Equal(server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)deleted["object"]!["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Watch_FromResourceVersionZero_StartsWithTheCurrentObjectsAsAdded()
    {
        await http.PostAsJsonAsync(Secrets, Secret("a", "MQ=="));

        using var watch = await OpenWatchAsync($"{Secrets}?watch=true&resourceVersion=0");

        Assert.Equal("ADDED", (string?)(await NextEventAsync(watch))["type"]);
    }

    [Fact]
    public async Task Watch_FromACompactedResourceVersion_GetsAn410ExpiredErrorEvent_AndTheStreamEnds()
    {
        var a = await ReadAsync(await http.PostAsJsonAsync(Secrets, Secret("a", "MQ==")));
        a["data"]!["k"] = "Mg==";
        await http.PutAsJsonAsync(Secrets + "/a", a);
        server.CompactHistory();

        using var watch = await OpenWatchAsync($"{Secrets}?watch=true&resourceVersion=1");
        var error = await NextEventAsync(watch);

        Assert.Equal("ERROR", (string?)error["type"]);
        Assert.Equal("Status", (string?)error["object"]!["kind"]);
        Assert.Equal(410, (int?)error["object"]!["code"]);
        Assert.Equal("Expired", (string?)error["object"]!["reason"]);
        Assert.Null(await watch.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Hooks_InjectFailures_DropWatches_AndCountRequests()
    {
        server.FailNextRequests(2, 503);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(Secrets)).StatusCode);
        var second = await http.GetAsync(Secrets + "/x");
        Assert.Equal("InternalError", (string?)(await ReadAsync(second))["reason"]);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Secrets)).StatusCode);
        Assert.Equal(3, server.RequestCount);

        using var watch = await OpenWatchAsync($"{Secrets}?watch=true&resourceVersion={server.ResourceVersion}");
        await server.WaitForWatchesStartedAsync(1, TimeSpan.FromSeconds(10));
        Assert.Equal(1, server.DropWatches());
        await Assert.ThrowsAnyAsync<IOException>(() => watch.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static JsonObject Secret(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = new JsonObject { ["k"] = value },
    };

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<StreamReader> OpenWatchAsync(string url)
    {
        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
    }

    private static async Task<JsonObject> NextEventAsync(StreamReader watch)
    {
        var line = await watch.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(line);
        return JsonNode.Parse(line)!.AsObject();
    }
}
