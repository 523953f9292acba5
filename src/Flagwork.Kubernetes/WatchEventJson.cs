using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace Flagwork.Kubernetes;

/// <summary>
/// Source-generated JSON metadata for the envelopes KubernetesClient's watch parses each line into
/// (<c>Watcher&lt;T&gt;.WatchEvent</c> for the kind probe, for Status errors and for secrets). KubernetesClient's own
/// generated context covers the API models but not these, so without this its watch falls back to reflection, which
/// under Native AOT fails on every line: the watch then reports nothing (errors go to onError and the line is skipped).
/// </summary>
[JsonSerializable(typeof(Watcher<KubernetesObject>.WatchEvent))]
[JsonSerializable(typeof(Watcher<V1Status>.WatchEvent))]
[JsonSerializable(typeof(Watcher<V1Secret>.WatchEvent))]
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class WatchEventJsonContext : JsonSerializerContext
{
    private static readonly Lock RegistrationLock = new();
    private static int registration;

    /// <summary>
    /// Adds this context to KubernetesClient's shared serializer options, after the client's own context (which stays
    /// the source of truth for V1Secret, V1Status and their converters) and before its reflection fallback. Options
    /// become read-only once used, so this must run before the first API call; it is idempotent, and when it is too late
    /// (another component used KubernetesClient first) the watch keeps the client's reflection fallback, which works
    /// everywhere but Native AOT.
    /// </summary>
    /// <returns>True when the context is in the chain.</returns>
    internal static bool EnsureRegistered()
    {
        if (Volatile.Read(ref registration) == 1)
        {
            return true;
        }

        lock (RegistrationLock)
        {
            if (registration == 1)
            {
                return true;
            }

            try
            {
                KubernetesJson.AddJsonOptions(options =>
                {
                    var chain = options.TypeInfoResolverChain;
                    var reflection = -1;
                    for (var i = 0; i < chain.Count && reflection < 0; i++)
                    {
                        if (chain[i] is DefaultJsonTypeInfoResolver)
                        {
                            reflection = i;
                        }
                    }

                    chain.Insert(reflection < 0 ? chain.Count : reflection, Default);
                });
                Volatile.Write(ref registration, 1);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }
}
