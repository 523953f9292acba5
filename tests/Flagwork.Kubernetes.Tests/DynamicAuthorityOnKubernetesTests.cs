using System.Security.Cryptography.X509Certificates;
using Flagwork.Kubernetes;
using Flagwork.Kubernetes.Tests.FakeApiServer;
using Flagwork.Tls.Dynamic;
using Flagwork.Tls.Secrets;

namespace Flagwork.Kubernetes.Tests;

/// <summary>
/// The dynamic CA on the Kubernetes store, through the real KubernetesClient and the fake API server: several replicas
/// race to create the Secret, one wins, all adopt it; deleting it makes them all move to one new CA. (IT1, IT2 and the
/// create race, against Kubernetes' semantics rather than the file store's.)
/// </summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime)
public sealed class DynamicAuthorityOnKubernetesTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly SecretKey Secret = new("testns", "testsecret");
    private FakeKubernetesApiServer _server = null!;
    private readonly List<(KubernetesSecretStore Store, DynamicAuthority Authority, Task Run)> _replicas = [];
    private readonly CancellationTokenSource _stop = new();

    public async Task InitializeAsync() => _server = await FakeKubernetesApiServer.StartAsync();

    private void StartReplicas(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var store = KubernetesSecretStore.FromConfiguration(_server.ClientConfiguration());
            var authority = new DynamicAuthority(store, new DynamicAuthorityOptions
            {
                Secret = Secret,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "flagwork-test" },
                CheckInterval = TimeSpan.FromMilliseconds(500),
            });
            _replicas.Add((store, authority, authority.RunAsync(_stop.Token)));
        }
    }

    [Fact]
    public async Task ReplicasRaceToCreateOneSecretAndAllAdoptIt()
    {
        StartReplicas(6);
        Assert.True(await WaitAsync(() => _replicas.All(r => r.Authority.Certificate is not null)));

        var thumbprints = _replicas.Select(r => r.Authority.Certificate!.Thumbprint).Distinct().ToList();
        Assert.Single(thumbprints);
        Assert.InRange(_server.CountRequests("POST", "/api/v1/namespaces/testns/secrets"), 1, _replicas.Count);

        var stored = await _replicas[0].Store.GetAsync(Secret, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("flagwork-test", stored.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("true", stored.Annotations["cert-manager.io/allow-direct-injection"]);
        Assert.Equal(stored.Get(CaSecretData.Certificate), stored.Get(CaSecretData.CaBundle)); // IT1: ca.crt = tls.crt on first create
        Assert.Null(CaSecretData.RegenerationReason(stored.Data, DateTimeOffset.UtcNow));
        using var ca = X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(stored.Get(CaSecretData.Certificate)!));
        Assert.Equal(thumbprints[0], ca.Thumbprint);
    }

    [Fact]
    public async Task DeletingTheSecretMovesEveryReplicaToOneNewCa()
    {
        StartReplicas(3);
        Assert.True(await WaitAsync(() => _replicas.All(r => r.Authority.Certificate is not null)));
        var first = _replicas[0].Authority.Certificate!.Thumbprint;

        Assert.True(await _replicas[0].Store.DeleteAsync(Secret, CancellationToken.None));

        Assert.True(await WaitAsync(() =>
            _replicas.All(r => r.Authority.Certificate is { } c && c.Thumbprint != first)
            && _replicas.Select(r => r.Authority.Certificate!.Thumbprint).Distinct().Count() == 1));
        var stored = await _replicas[0].Store.GetAsync(Secret, CancellationToken.None);
        Assert.Null(CaSecretData.RegenerationReason(stored!.Data, DateTimeOffset.UtcNow)); // IT2: recreated and valid
        Assert.All(_replicas, r => Assert.Equal(1, r.Authority.Status.CaRotationsObserved));
    }

    [Fact]
    public async Task ApiServerErrorsAreCountedAndRetried()
    {
        _server.FailNextRequests(3, 500);
        StartReplicas(1);
        Assert.True(await WaitAsync(() => _replicas[0].Authority.Certificate is not null));
        Assert.True(_replicas[0].Authority.Status.StoreErrors >= 1);
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(25);
        }
        return condition();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (store, authority, run) in _replicas)
        {
            await run;
            authority.Dispose();
            (store as IDisposable)?.Dispose();
        }
        _stop.Dispose();
        await _server.DisposeAsync();
    }
}
