using System.Text;
using Flagwork.Kubernetes.Tests.FakeApiServer;
using Flagwork.Tls.Secrets;
using k8s;

namespace Flagwork.Kubernetes.Tests;

/// <summary>A fresh fake API server per test and a store on the real KubernetesClient pointing at it.</summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    protected static readonly SecretKey Key = new("cert-manager", "cert-manager-metrics-ca");

    protected static readonly IReadOnlyDictionary<string, string> Labels =
        new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "component" };

    protected static readonly IReadOnlyDictionary<string, string> Annotations =
        new Dictionary<string, string> { ["cert-manager.io/allow-direct-injection"] = "true" };

    private readonly List<IDisposable> disposables = [];

    protected FakeKubernetesApiServer Server { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Server = await FakeKubernetesApiServer.StartAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var disposable in disposables)
        {
            disposable.Dispose();
        }

        await Server.DisposeAsync();
    }

    protected static CancellationToken Bounded => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    protected static Dictionary<string, byte[]> Data(params (string Key, string Value)[] items) =>
        items.ToDictionary(i => i.Key, i => Encoding.UTF8.GetBytes(i.Value));

    protected static string Text(StoredSecret secret, string dataKey) => Encoding.UTF8.GetString(secret.Get(dataKey) ?? []);

    protected KubernetesSecretStore NewStore(KubernetesSecretStoreOptions? options = null)
    {
        var store = KubernetesSecretStore.FromConfiguration(Server.ClientConfiguration(), options);
        disposables.Add(store);
        return store;
    }

    /// <summary>A raw client, for looking at the stored object as the API returns it.</summary>
    protected IKubernetes NewClient()
    {
        var client = new k8s.Kubernetes(Server.ClientConfiguration());
        disposables.Add(client);
        return client;
    }

    protected static async Task<StoredSecret> CreateAsync(KubernetesSecretStore store, params (string Key, string Value)[] data)
    {
        var write = await store.CreateAsync(Key, Data(data), Labels, Annotations, Bounded);
        Assert.Equal(SecretWriteOutcome.Created, write.Outcome);
        return write.Secret!;
    }
}
