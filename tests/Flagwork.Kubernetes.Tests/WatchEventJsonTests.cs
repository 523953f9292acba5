using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace Flagwork.Kubernetes.Tests;

/// <summary>
/// KubernetesClient parses each watch line with its shared options; the store adds generated metadata for the line
/// envelopes so that no reflection is needed (under Native AOT the reflection fallback fails and the watch goes quiet).
/// </summary>
public sealed class WatchEventJsonTests
{
    [Fact]
    public void WatchEnvelopes_ComeFromTheGeneratedContext_AndSecretsFromKubernetesClients()
    {
        Assert.True(WatchEventJsonContext.EnsureRegistered());
        JsonSerializerOptions options = null!;
        KubernetesJson.AddJsonOptions(o => options = o); // Reads only: allowed even once the options are in use.

        Assert.IsType<WatchEventJsonContext>(options.GetTypeInfo(typeof(Watcher<V1Secret>.WatchEvent)).OriginatingResolver);
        Assert.IsType<WatchEventJsonContext>(options.GetTypeInfo(typeof(Watcher<V1Status>.WatchEvent)).OriginatingResolver);
        Assert.IsType<WatchEventJsonContext>(options.GetTypeInfo(typeof(Watcher<KubernetesObject>.WatchEvent)).OriginatingResolver);
        Assert.IsType<SourceGenerationContext>(options.GetTypeInfo(typeof(V1Secret)).OriginatingResolver);
        Assert.DoesNotContain(options.TypeInfoResolverChain.TakeWhile(r => r is not DefaultJsonTypeInfoResolver), r => r is DefaultJsonTypeInfoResolver);
    }

    [Fact]
    public void AWatchLine_ParsesWithTheApiServersSpelling()
    {
        WatchEventJsonContext.EnsureRegistered();
        const string line = """{"type":"MODIFIED","object":{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","namespace":"ns","resourceVersion":"7","creationTimestamp":"2025-01-02T03:04:05Z"},"data":{"tls.crt":"Q0VSVA=="},"type":"Opaque"}}""";

        var parsed = KubernetesJson.Deserialize<Watcher<V1Secret>.WatchEvent>(line);

        Assert.Equal(WatchEventType.Modified, parsed.Type);
        Assert.Equal("7", parsed.Object.Metadata.ResourceVersion);
        Assert.Equal("CERT"u8.ToArray(), parsed.Object.Data["tls.crt"]);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), parsed.Object.Metadata.CreationTimestamp);
    }
}
