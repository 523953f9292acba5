using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Flagwork.Kubernetes.Tests.FakeApiServer;

/// <summary>
/// The fake API server's storage for core/v1 Secrets, with the semantics clients depend on: one global, monotonically
/// increasing resourceVersion (etcd's revision); create fails with AlreadyExists; an update carrying a stale
/// resourceVersion fails with Conflict and one without it is unconditional; an update that changes nothing keeps the
/// resourceVersion and sends no event; a history of changes that watches replay from a resourceVersion, until it is
/// compacted (then 410 Expired). One lock guards everything, so an event is never both replayed and sent live.
/// </summary>
internal sealed partial class SecretRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Namespace, string Name), JsonObject> secrets = [];
    private readonly List<HistoryEntry> history = [];
    private readonly List<Watch> watches = [];
    private long revision = 1;
    private long compactedThrough;
    private int expireNextWatches;

    public long Revision
    {
        get
        {
            lock (gate)
            {
                return revision;
            }
        }
    }

    public int OpenWatches
    {
        get
        {
            lock (gate)
            {
                return watches.Count;
            }
        }
    }

    public ApiResult Get(string ns, string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue((ns, name), out var secret) ? ApiResult.Ok(Clone(secret, withType: true)) : ApiStatus.NotFound(name);
        }
    }

    public ApiResult List(string ns, FieldSelector selector)
    {
        lock (gate)
        {
            var items = new JsonArray();
            foreach (var ((itemNamespace, _), secret) in secrets.OrderBy(p => p.Key.Name, StringComparer.Ordinal))
            {
                if (itemNamespace == ns && selector.Matches(secret))
                {
                    // Items of a typed list carry no kind or apiVersion, as the real server sends them.
                    items.Add(Clone(secret, withType: false));
                }
            }

            return ApiResult.Ok(new JsonObject
            {
                ["kind"] = "SecretList",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = Format(revision) },
                ["items"] = items,
            });
        }
    }

    public ApiResult Create(string ns, JsonObject body)
    {
        if (Check(ns, body, out var name) is { } invalid)
        {
            return invalid;
        }

        var metadata = (JsonObject)body["metadata"]!;
        if (!string.IsNullOrEmpty((string?)metadata["resourceVersion"]))
        {
            return ApiStatus.BadRequest("resourceVersion should not be set on objects to be created");
        }

        lock (gate)
        {
            if (secrets.ContainsKey((ns, name)))
            {
                return ApiStatus.AlreadyExists(name);
            }

            var stored = Normalise(ns, body);
            var storedMetadata = (JsonObject)stored["metadata"]!;
            storedMetadata["uid"] = Guid.NewGuid().ToString();
            storedMetadata["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            storedMetadata["resourceVersion"] = Format(++revision);
            secrets[(ns, name)] = stored;
            Record("ADDED", ns, name, stored);
            return ApiResult.Ok(Clone(stored, withType: true), 201);
        }
    }

    public ApiResult Replace(string ns, string urlName, JsonObject body)
    {
        if (Check(ns, body, out var name) is { } invalid)
        {
            return invalid;
        }

        if (name != urlName)
        {
            return ApiStatus.BadRequest($"the name of the object ({name}) does not match the name on the URL ({urlName})");
        }

        lock (gate)
        {
            if (!secrets.TryGetValue((ns, name), out var existing))
            {
                // Secrets do not allow create-on-update.
                return ApiStatus.NotFound(name);
            }

            var existingMetadata = (JsonObject)existing["metadata"]!;
            var given = (string?)body["metadata"]!["resourceVersion"];
            if (!string.IsNullOrEmpty(given) && given != (string?)existingMetadata["resourceVersion"])
            {
                return ApiStatus.Conflict(name);
            }

            var stored = Normalise(ns, body);
            if ((string?)stored["type"] != (string?)existing["type"])
            {
                return ApiStatus.Invalid(name, $"type: Invalid value: \"{(string?)stored["type"]}\": field is immutable");
            }

            // Server-owned fields come from the stored object, whatever the client sent.
            var storedMetadata = (JsonObject)stored["metadata"]!;
            storedMetadata["uid"] = existingMetadata["uid"]!.DeepClone();
            storedMetadata["creationTimestamp"] = existingMetadata["creationTimestamp"]!.DeepClone();
            storedMetadata["resourceVersion"] = existingMetadata["resourceVersion"]!.DeepClone();
            if (JsonNode.DeepEquals(stored, existing))
            {
                return ApiResult.Ok(Clone(existing, withType: true));
            }

            storedMetadata["resourceVersion"] = Format(++revision);
            secrets[(ns, name)] = stored;
            Record("MODIFIED", ns, name, stored);
            return ApiResult.Ok(Clone(stored, withType: true));
        }
    }

    public ApiResult Delete(string ns, string name)
    {
        lock (gate)
        {
            if (!secrets.Remove((ns, name), out var existing))
            {
                return ApiStatus.NotFound(name);
            }

            // The DELETED event carries the last state with the deletion's own resourceVersion.
            var deleted = Clone(existing, withType: true);
            deleted["metadata"]!["resourceVersion"] = Format(++revision);
            Record("DELETED", ns, name, deleted);
            return ApiResult.Ok(new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = new JsonObject
                {
                    ["name"] = name,
                    ["kind"] = "secrets",
                    ["uid"] = existing["metadata"]!["uid"]!.DeepClone(),
                },
            });
        }
    }

    /// <summary>
    /// Starts a watch: replays the history after <paramref name="resourceVersion"/> (or, for "" and "0", the current
    /// objects as ADDED) and then follows live changes, all under the lock so no event falls in between.
    /// </summary>
    public Watch StartWatch(string ns, FieldSelector selector, string? resourceVersion)
    {
        lock (gate)
        {
            var watch = new Watch(this, ns, selector);
            if (expireNextWatches > 0)
            {
                expireNextWatches--;
                watch.Fail(ApiStatus.Expired(resourceVersion ?? "", revision));
                return watch;
            }

            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var ((itemNamespace, _), secret) in secrets.OrderBy(p => p.Key.Name, StringComparer.Ordinal))
                {
                    if (itemNamespace == ns && selector.Matches(secret))
                    {
                        watch.Offer("ADDED", Clone(secret, withType: true));
                    }
                }
            }
            else if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
            {
                watch.Fail(ApiStatus.BadRequest($"Invalid value: \"{resourceVersion}\": strconv.ParseUint: parsing \"{resourceVersion}\": invalid syntax"));
                return watch;
            }
            else if (from < compactedThrough)
            {
                watch.Fail(ApiStatus.Expired(resourceVersion, compactedThrough));
                return watch;
            }
            else
            {
                foreach (var entry in history)
                {
                    if (entry.Revision > from && entry.Namespace == ns && selector.Matches(entry.Object))
                    {
                        watch.Offer(entry.Type, entry.Object.DeepClone().AsObject());
                    }
                }
            }

            watches.Add(watch);
            return watch;
        }
    }

    /// <summary>Forgets the history, as etcd compaction does: a watch from an older resourceVersion gets 410 Expired.</summary>
    public void Compact()
    {
        lock (gate)
        {
            compactedThrough = revision;
            history.Clear();
        }
    }

    /// <summary>The next <paramref name="count"/> watches get 410 Expired whatever resourceVersion they ask for.</summary>
    public void ExpireNextWatches(int count)
    {
        lock (gate)
        {
            expireNextWatches = count;
        }
    }

    /// <summary>Ends every open watch by breaking its connection (not a clean end of stream); returns how many.</summary>
    public int DropWatches()
    {
        List<Watch> dropped;
        lock (gate)
        {
            dropped = [.. watches];
            watches.Clear();
        }

        foreach (var watch in dropped)
        {
            watch.Drop();
        }

        return dropped.Count;
    }

    private void Remove(Watch watch)
    {
        lock (gate)
        {
            watches.Remove(watch);
        }
    }

    private void Record(string type, string ns, string name, JsonObject state)
    {
        var entry = new HistoryEntry(long.Parse((string)state["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture), type, ns, name, Clone(state, withType: true));
        history.Add(entry);
        foreach (var watch in watches)
        {
            if (watch.Namespace == ns && watch.Selector.Matches(entry.Object))
            {
                watch.Offer(type, entry.Object.DeepClone().AsObject());
            }
        }
    }

    /// <summary>Request checks shared by create and replace: kind, name, namespace and data.</summary>
    private static ApiStatus? Check(string ns, JsonObject body, out string name)
    {
        name = "";
        if (body["kind"] is { } kind && (string?)kind != "Secret")
        {
            return ApiStatus.BadRequest($"the body kind {(string?)kind} is not Secret");
        }

        if (body["metadata"] is not JsonObject metadata || string.IsNullOrEmpty((string?)metadata["name"]))
        {
            return ApiStatus.Invalid("", "metadata.name: Required value: name or generateName is required");
        }

        name = (string)metadata["name"]!;
        if (!DnsSubdomain().IsMatch(name))
        {
            return ApiStatus.Invalid(name, $"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
        }

        if (metadata["namespace"] is { } given && (string?)given is { Length: > 0 } givenNamespace && givenNamespace != ns)
        {
            return ApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (body["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                if (!DataKey().IsMatch(key))
                {
                    return ApiStatus.Invalid(name, $"data[{key}]: Invalid value: \"{key}\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
                }

                // The real server decodes []byte from base64 and answers 400 when it cannot. The value is not echoed.
                if (value is not JsonValue text || (string?)text is not { } encoded
                    || !Convert.TryFromBase64String(encoded, new byte[encoded.Length], out _))
                {
                    return ApiStatus.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data in data[{key}]");
                }
            }
        }
        else if (body["data"] is not null)
        {
            return ApiStatus.BadRequest("Secret in version \"v1\" cannot be handled as a Secret: data must be an object");
        }

        return null;
    }

    /// <summary>The stored shape: kind, apiVersion, metadata (with the namespace), type (Opaque unless given), data.</summary>
    private static JsonObject Normalise(string ns, JsonObject body)
    {
        var stored = new JsonObject
        {
            ["kind"] = "Secret",
            ["apiVersion"] = "v1",
        };
        var metadata = body["metadata"]!.DeepClone().AsObject();
        metadata["namespace"] = ns;
        foreach (var empty in new[] { "labels", "annotations" })
        {
            if (metadata[empty] is JsonObject { Count: 0 } || (metadata.ContainsKey(empty) && metadata[empty] is null))
            {
                metadata.Remove(empty);
            }
        }

        metadata.Remove("managedFields");
        stored["metadata"] = metadata;
        foreach (var (property, value) in body)
        {
            if (property is not ("kind" or "apiVersion" or "metadata" or "type") && value is not null)
            {
                stored[property] = value.DeepClone();
            }
        }

        if (stored["data"] is JsonObject { Count: 0 })
        {
            stored.Remove("data");
        }

        stored["type"] = string.IsNullOrEmpty((string?)body["type"]) ? "Opaque" : (string?)body["type"];
        return stored;
    }

    private static JsonObject Clone(JsonObject secret, bool withType)
    {
        var copy = secret.DeepClone().AsObject();
        if (!withType)
        {
            copy.Remove("kind");
            copy.Remove("apiVersion");
        }

        return copy;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex DataKey();

    private sealed record HistoryEntry(long Revision, string Type, string Namespace, string Name, JsonObject Object);

    /// <summary>One open watch: a queue of newline-delimited events, ended by the client, a drop, or an error event.</summary>
    internal sealed class Watch(SecretRegistry registry, string ns, FieldSelector selector) : IDisposable
    {
        private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource dropped = new();

        public string Namespace { get; } = ns;

        public FieldSelector Selector { get; } = selector;

        public ChannelReader<string> Lines => lines.Reader;

        /// <summary>Cancelled when a test drops the connection.</summary>
        public CancellationToken Dropped => dropped.Token;

        public void Offer(string type, JsonObject obj) =>
            lines.Writer.TryWrite(new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString());

        /// <summary>Sends an ERROR event with the status, then ends the stream, as the server does for 410 Expired.</summary>
        public void Fail(ApiStatus status)
        {
            lines.Writer.TryWrite(new JsonObject { ["type"] = "ERROR", ["object"] = status.ToJson() }.ToJsonString());
            lines.Writer.TryComplete();
        }

        public void Drop()
        {
            lines.Writer.TryComplete();
            try
            {
                dropped.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The client went away first.
            }
        }

        public void Dispose()
        {
            registry.Remove(this);
            lines.Writer.TryComplete();
            dropped.Dispose();
        }
    }
}
