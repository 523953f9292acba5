using System.Globalization;
using System.Text.Json;

namespace Component.Tests.Prometheus;

/// <summary>One entry of <c>/api/v1/targets</c>' activeTargets.</summary>
public sealed record ScrapeTarget(string Job, string Instance, string Health, string LastError)
{
    public override string ToString() => $"{Job} {Instance}: {Health}{(LastError.Length > 0 ? " (" + LastError + ")" : "")}";
}

/// <summary>One sample of an instant query's vector result.</summary>
public sealed record QuerySample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Job => Labels.GetValueOrDefault("job", "");

    public string Instance => Labels.GetValueOrDefault("instance", "");

    public override string ToString() => $"{{{string.Join(", ", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>The two read endpoints of Prometheus' HTTP API the scrape test needs, over plain HTTP on 127.0.0.1.</summary>
internal sealed class PrometheusApi(int port) : IDisposable
{
    // No proxy: an HTTP_PROXY of the machine running the tests must not see (or break) requests to 127.0.0.1.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        Timeout = TimeSpan.FromSeconds(2),
    };

    public async Task<bool> IsReadyAsync(CancellationToken cancellation)
    {
        using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative), cancellation);
        return response.IsSuccessStatusCode;
    }

    public async Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken cancellation)
    {
        using var document = await GetDataAsync("api/v1/targets?state=active", cancellation);
        return document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => new ScrapeTarget(
                t.GetProperty("labels").GetProperty("job").GetString() ?? "",
                t.GetProperty("labels").GetProperty("instance").GetString() ?? "",
                t.GetProperty("health").GetString() ?? "",
                t.GetProperty("lastError").GetString() ?? ""))
            .ToList();
    }

    public async Task<IReadOnlyList<QuerySample>> QueryAsync(string query, CancellationToken cancellation)
    {
        using var document = await GetDataAsync("api/v1/query?query=" + Uri.EscapeDataString(query), cancellation);
        var data = document.RootElement.GetProperty("data");
        Assert.Equal("vector", data.GetProperty("resultType").GetString());
        return data.GetProperty("result").EnumerateArray()
            .Select(r => new QuerySample(
                r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal),
                // [ <unix time>, "<value>" ]; Prometheus writes the value as a string (NaN and Inf included).
                double.Parse(r.GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToList();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetDataAsync(string path, CancellationToken cancellation)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {body}");
        }
        var document = JsonDocument.Parse(body);
        if (document.RootElement.GetProperty("status").GetString() != "success")
        {
            document.Dispose();
            throw new HttpRequestException($"GET {path}: {body}");
        }
        return document;
    }
}
