using System.Net;
using System.Net.Http;
using System.Text.Json;
using Flagwork.Tls.Secrets;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Flagwork.Kubernetes;

/// <summary>
/// Keeps each secret as an Opaque Kubernetes Secret, through the API server's own optimistic concurrency:
/// create fails with 409 AlreadyExists for every creator but one, and an update carries the resourceVersion it read,
/// so a write based on a stale read fails with 409 Conflict. <see cref="StoredSecret.Version"/> is the resourceVersion.
/// </summary>
/// <remarks>
/// Races are outcomes (<see cref="SecretWriteOutcome"/>); anything else the API server or the network does wrong is a
/// <see cref="SecretStoreException"/> naming the operation, the secret and the HTTP status, never the secret's data.
/// </remarks>
public sealed partial class KubernetesSecretStore : ISecretStore, IDisposable
{
    private const string OpaqueType = "Opaque";

    private readonly IKubernetes client;
    private readonly bool ownsClient;
    private readonly KubernetesSecretStoreOptions options;

    /// <summary>Uses a client someone else owns (and disposes).</summary>
    public KubernetesSecretStore(IKubernetes client, KubernetesSecretStoreOptions? options = null)
        : this(client, ownsClient: false, options)
    {
    }

    private KubernetesSecretStore(IKubernetes client, bool ownsClient, KubernetesSecretStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(client);
        WatchEventJsonContext.EnsureRegistered();
        this.options = options ?? new KubernetesSecretStoreOptions();
        this.options.Validate();
        this.client = client;
        this.ownsClient = ownsClient;
        Description = "Kubernetes API " + client.BaseUri;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Connects with a kubeconfig file, as <c>kubectl --kubeconfig</c> does.</summary>
    /// <param name="path">The kubeconfig file.</param>
    /// <param name="context">A context other than the file's current-context; null for the current one.</param>
    /// <param name="options">Clock, resync period and logging.</param>
    /// <exception cref="InvalidOperationException">The file is missing or is not a usable kubeconfig.</exception>
    public static KubernetesSecretStore FromKubeconfig(string path, string? context = null, KubernetesSecretStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        WatchEventJsonContext.EnsureRegistered();
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The client throws FileNotFoundException, KubeConfigException or YamlDotNet's exceptions; all mean the same
            // thing to an operator. The inner exception says which.
            throw new InvalidOperationException($"cannot use kubeconfig {path}: {e.Message}", e);
        }

        return FromConfiguration(configuration, options);
    }

    /// <summary>Connects with the pod's service account, as every in-cluster client does.</summary>
    /// <exception cref="InvalidOperationException">Not running in a pod (no KUBERNETES_SERVICE_HOST, no service account token).</exception>
    public static KubernetesSecretStore InCluster(KubernetesSecretStoreOptions? options = null)
    {
        if (!KubernetesClientConfiguration.IsInCluster())
        {
            throw new InvalidOperationException(
                "not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT or the service account token is missing; pass --kubeconfig instead");
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"cannot use the in-cluster configuration: {e.Message}", e);
        }

        return FromConfiguration(configuration, options);
    }

    /// <summary>Connects with a configuration built by hand (an explicit host, a token, client certificates).</summary>
    public static KubernetesSecretStore FromConfiguration(KubernetesClientConfiguration configuration, KubernetesSecretStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        WatchEventJsonContext.EnsureRegistered();
        return new KubernetesSecretStore(new k8s.Kubernetes(configuration), ownsClient: true, options);
    }

    /// <inheritdoc />
    public async Task<StoredSecret?> GetAsync(SecretKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var secret = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return secret is null ? null : ToStored(key, secret, "read");
    }

    /// <summary>The secret as the API returns it, or null on 404.</summary>
    private async Task<V1Secret?> ReadAsync(SecretKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(key.Name, key.Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (StatusCodeOf(e) == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("read", key, e);
        }
    }

    /// <inheritdoc />
    public async Task<SecretWrite> CreateAsync(
        SecretKey key,
        IReadOnlyDictionary<string, byte[]> data,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(annotations);

        var body = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = key.Name,
                NamespaceProperty = key.Namespace,
                Labels = labels.Count == 0 ? null : new Dictionary<string, string>(labels, StringComparer.Ordinal),
                Annotations = annotations.Count == 0 ? null : new Dictionary<string, string>(annotations, StringComparer.Ordinal),
            },
            Type = OpaqueType,
            Data = new Dictionary<string, byte[]>(data, StringComparer.Ordinal),
        };

        try
        {
            var created = await client.CoreV1.CreateNamespacedSecretAsync(body, key.Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return new SecretWrite(SecretWriteOutcome.Created, ToStored(key, created, "create"));
        }
        catch (HttpOperationException e) when (StatusCodeOf(e) == HttpStatusCode.Conflict && ReasonOf(e) == "AlreadyExists")
        {
            return new SecretWrite(SecretWriteOutcome.AlreadyExists, null);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("create", key, e);
        }
    }

    /// <inheritdoc />
    public async Task<SecretWrite> UpdateAsync(
        SecretKey key,
        string expectedVersion,
        IReadOnlyDictionary<string, byte[]> data,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(expectedVersion);
        ArgumentNullException.ThrowIfNull(data);

        // Read-modify-write: PUT replaces the whole object, so start from what is stored to keep the other data keys,
        // the labels and the annotations; the resourceVersion we send makes the API server refuse if anything changed.
        V1Secret current;
        try
        {
            current = await client.CoreV1.ReadNamespacedSecretAsync(key.Name, key.Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (StatusCodeOf(e) == HttpStatusCode.NotFound)
        {
            return new SecretWrite(SecretWriteOutcome.NotFound, null);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("update", key, e);
        }

        current.Metadata ??= new V1ObjectMeta { Name = key.Name, NamespaceProperty = key.Namespace };
        if (!string.Equals(current.Metadata.ResourceVersion, expectedVersion, StringComparison.Ordinal))
        {
            // The server would answer 409 Conflict to the PUT; there is no need to send it.
            return new SecretWrite(SecretWriteOutcome.Conflict, null);
        }

        var merged = current.Data is null
            ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
            : new Dictionary<string, byte[]>(current.Data, StringComparer.Ordinal);
        foreach (var (dataKey, value) in data)
        {
            merged[dataKey] = value;
        }

        current.Data = merged;
        current.Metadata.ResourceVersion = expectedVersion;

        try
        {
            var updated = await client.CoreV1.ReplaceNamespacedSecretAsync(current, key.Name, key.Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return new SecretWrite(SecretWriteOutcome.Updated, ToStored(key, updated, "update"));
        }
        catch (HttpOperationException e) when (StatusCodeOf(e) == HttpStatusCode.Conflict)
        {
            return new SecretWrite(SecretWriteOutcome.Conflict, null);
        }
        catch (HttpOperationException e) when (StatusCodeOf(e) == HttpStatusCode.NotFound)
        {
            return new SecretWrite(SecretWriteOutcome.NotFound, null);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("update", key, e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(SecretKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(key.Name, key.Namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (StatusCodeOf(e) == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw Failure("delete", key, e);
        }
    }

    /// <summary>Disposes the client when this store created it (the factories); a client passed in stays open.</summary>
    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private static StoredSecret ToStored(SecretKey key, V1Secret secret, string operation)
    {
        var version = secret.Metadata?.ResourceVersion;
        if (string.IsNullOrEmpty(version))
        {
            throw new SecretStoreException($"Kubernetes API: {operation} secret {key}: the response has no metadata.resourceVersion");
        }

        var data = secret.Data is null
            ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
            : new Dictionary<string, byte[]>(secret.Data, StringComparer.Ordinal);
        var labels = secret.Metadata!.Labels is null ? null : new Dictionary<string, string>(secret.Metadata.Labels, StringComparer.Ordinal);
        var annotations = secret.Metadata.Annotations is null
            ? null
            : new Dictionary<string, string>(secret.Metadata.Annotations, StringComparer.Ordinal);
        return new StoredSecret(key, version, data, labels, annotations);
    }

    private static HttpStatusCode? StatusCodeOf(HttpOperationException e) => e.Response?.StatusCode;

    /// <summary>The <c>reason</c> of the Status object the API server sends with every error (AlreadyExists, Conflict, …).</summary>
    private static string? ReasonOf(HttpOperationException e) => StatusOf(e)?.Reason;

    private static V1Status? StatusOf(HttpOperationException e)
    {
        var content = e.Response?.Content;
        if (string.IsNullOrWhiteSpace(content) || content[0] != '{')
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the API server or the way to it did wrong, as opposed to a bug here (argument errors) or the caller's own
    /// cancellation, which pass through unchanged.
    /// </summary>
    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // the client's own request timeout
        HttpOperationException or HttpRequestException or IOException or JsonException or KubernetesException
            or k8s.Exceptions.KubernetesClientException => true,
        _ => false,
    };

    /// <summary>
    /// The exception for a failed call. The client's <see cref="HttpOperationException"/> is deliberately not kept as the
    /// inner exception: it carries the request body, which holds the secret's data.
    /// </summary>
    private static SecretStoreException Failure(string operation, SecretKey key, Exception e)
    {
        var prefix = $"Kubernetes API: {operation} secret {key} failed";
        switch (e)
        {
            case HttpOperationException http:
            {
                var code = StatusCodeOf(http);
                var status = StatusOf(http);
                var codeText = code is null ? "no response" : $"HTTP {(int)code.Value} {code.Value}";
                var reason = string.IsNullOrEmpty(status?.Reason) ? "" : $" ({status.Reason})";
                var message = string.IsNullOrEmpty(status?.Message) ? "" : ": " + Shorten(status.Message);
                return new SecretStoreException($"{prefix}: {codeText}{reason}{message}");
            }

            case OperationCanceledException:
                return new SecretStoreException($"{prefix}: the request timed out", e);

            default:
                return new SecretStoreException($"{prefix}: {e.Message}", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
