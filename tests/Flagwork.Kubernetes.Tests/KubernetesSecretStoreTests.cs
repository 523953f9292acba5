using System.Text;
using Flagwork.Kubernetes.Tests.FakeApiServer;
using Flagwork.Tls.Secrets;
using k8s;

namespace Flagwork.Kubernetes.Tests;

/// <summary>Get, create, update and delete through the real KubernetesClient against the fake API server.</summary>
public sealed class KubernetesSecretStoreTests : StoreTestBase
{
    [Fact]
    public async Task Create_StoresAnOpaqueSecretWithLabelsAnnotationsAndData()
    {
        using var store = NewStore();

        var write = await store.CreateAsync(Key, Data(("tls.crt", "CERT"), ("tls.key", "KEY"), ("ca.crt", "CERT")), Labels, Annotations, Bounded);

        Assert.Equal(SecretWriteOutcome.Created, write.Outcome);
        Assert.True(write.Succeeded);
        var created = write.Secret!;
        Assert.Equal(Key, created.Key);
        Assert.Equal(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), created.Version);
        Assert.Equal("CERT", Text(created, "tls.crt"));
        Assert.Equal("component", created.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("true", created.Annotations["cert-manager.io/allow-direct-injection"]);

        // As the API serves it: Opaque, data base64 on the wire, decoded by the client.
        var raw = await NewClient().CoreV1.ReadNamespacedSecretAsync(Key.Name, Key.Namespace);
        Assert.Equal("Opaque", raw.Type);
        Assert.Equal("KEY", Encoding.UTF8.GetString(raw.Data["tls.key"]));
        Assert.Equal("component", raw.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("true", raw.Metadata.Annotations["cert-manager.io/allow-direct-injection"]);
        Assert.Equal(created.Version, raw.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task SecondCreate_IsAlreadyExists_AndLeavesTheFirstInPlace()
    {
        using var store = NewStore();
        var first = await CreateAsync(store, ("tls.crt", "FIRST"));

        var second = await store.CreateAsync(Key, Data(("tls.crt", "SECOND")), Labels, Annotations, Bounded);

        Assert.Equal(SecretWriteOutcome.AlreadyExists, second.Outcome);
        Assert.Null(second.Secret);
        Assert.False(second.Succeeded);
        var stored = await store.GetAsync(Key, Bounded);
        Assert.Equal("FIRST", Text(stored!, "tls.crt"));
        Assert.Equal(first.Version, stored!.Version);
    }

    [Fact]
    public async Task TwentyConcurrentCreates_FromTwentyReplicas_ExactlyOneIsCreated()
    {
        var replicas = Enumerable.Range(0, 20).Select(_ => NewStore()).ToList();

        var writes = await Task.WhenAll(replicas.Select((store, i) =>
            store.CreateAsync(Key, Data(("tls.crt", $"replica-{i}")), Labels, Annotations, Bounded)));

        Assert.Single(writes, w => w.Outcome == SecretWriteOutcome.Created);
        Assert.Equal(19, writes.Count(w => w.Outcome == SecretWriteOutcome.AlreadyExists));
        var winner = writes.Single(w => w.Outcome == SecretWriteOutcome.Created).Secret!;
        var stored = await replicas[0].GetAsync(Key, Bounded);
        Assert.Equal(Text(winner, "tls.crt"), Text(stored!, "tls.crt"));
    }

    [Fact]
    public async Task Update_WithTheCurrentVersion_IsUpdated_AndGetsANewVersion()
    {
        using var store = NewStore();
        var created = await CreateAsync(store, ("tls.crt", "OLD"));

        var write = await store.UpdateAsync(Key, created.Version, Data(("tls.crt", "NEW")), Bounded);

        Assert.Equal(SecretWriteOutcome.Updated, write.Outcome);
        Assert.NotEqual(created.Version, write.Secret!.Version);
        Assert.Equal("NEW", Text(write.Secret, "tls.crt"));
        var stored = await store.GetAsync(Key, Bounded);
        Assert.Equal(write.Secret.Version, stored!.Version);
        Assert.Equal("NEW", Text(stored, "tls.crt"));
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsConflict_AndChangesNothing()
    {
        using var store = NewStore();
        var created = await CreateAsync(store, ("tls.crt", "V1"));
        var second = await store.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded);

        var stale = await store.UpdateAsync(Key, created.Version, Data(("tls.crt", "V3")), Bounded);

        Assert.Equal(SecretWriteOutcome.Conflict, stale.Outcome);
        Assert.Null(stale.Secret);
        var stored = await store.GetAsync(Key, Bounded);
        Assert.Equal("V2", Text(stored!, "tls.crt"));
        Assert.Equal(second.Secret!.Version, stored!.Version);
    }

    [Fact]
    public async Task TwoReplicasUpdatingFromTheSameVersion_OneIsUpdated_TheOtherConflicts()
    {
        using var first = NewStore();
        using var second = NewStore();
        var created = await CreateAsync(first, ("tls.crt", "V1"));

        var writes = await Task.WhenAll(
            first.UpdateAsync(Key, created.Version, Data(("tls.crt", "FIRST")), Bounded),
            second.UpdateAsync(Key, created.Version, Data(("tls.crt", "SECOND")), Bounded));

        Assert.Single(writes, w => w.Outcome == SecretWriteOutcome.Updated);
        Assert.Single(writes, w => w.Outcome == SecretWriteOutcome.Conflict);
    }

    [Fact]
    public async Task Update_WhenAnotherWriterSlipsInBetweenReadAndPut_TheApiServerAnswersConflict()
    {
        using var store = NewStore();
        using var other = NewStore();
        var created = await CreateAsync(store, ("tls.crt", "V1"));
        var slippedIn = 0;
        Server.BeforeRequest = async request =>
        {
            if (request.StartsWith("PUT ", StringComparison.Ordinal) && Interlocked.Exchange(ref slippedIn, 1) == 0)
            {
                var write = await other.UpdateAsync(Key, created.Version, Data(("tls.crt", "OTHER")), Bounded);
                Assert.Equal(SecretWriteOutcome.Updated, write.Outcome);
            }
        };

        var write = await store.UpdateAsync(Key, created.Version, Data(("tls.crt", "MINE")), Bounded);

        Assert.Equal(SecretWriteOutcome.Conflict, write.Outcome);
        Assert.Equal("OTHER", Text((await store.GetAsync(Key, Bounded))!, "tls.crt"));
        Assert.Equal(2, Server.CountRequests("PUT", Key.Name));
    }

    [Fact]
    public async Task Update_WhenTheSecretIsDeletedBetweenReadAndPut_IsNotFound()
    {
        using var store = NewStore();
        using var other = NewStore();
        var created = await CreateAsync(store, ("tls.crt", "V1"));
        var slippedIn = 0;
        Server.BeforeRequest = async request =>
        {
            if (request.StartsWith("PUT ", StringComparison.Ordinal) && Interlocked.Exchange(ref slippedIn, 1) == 0)
            {
                Assert.True(await other.DeleteAsync(Key, Bounded));
            }
        };

        var write = await store.UpdateAsync(Key, created.Version, Data(("tls.crt", "MINE")), Bounded);

        Assert.Equal(SecretWriteOutcome.NotFound, write.Outcome);
    }

    [Fact]
    public async Task Update_AfterDelete_IsNotFound()
    {
        using var store = NewStore();
        var created = await CreateAsync(store, ("tls.crt", "V1"));
        Assert.True(await store.DeleteAsync(Key, Bounded));

        var write = await store.UpdateAsync(Key, created.Version, Data(("tls.crt", "V2")), Bounded);

        Assert.Equal(SecretWriteOutcome.NotFound, write.Outcome);
        Assert.Null(write.Secret);
    }

    [Fact]
    public async Task Update_ReplacesOnlyTheGivenKeys_AndKeepsOtherKeysLabelsAndAnnotations()
    {
        using var store = NewStore();
        var created = await CreateAsync(store, ("tls.crt", "CERT1"), ("tls.key", "KEY1"), ("ca.crt", "CERT1"), ("operator-note", "keep me"));

        var write = await store.UpdateAsync(Key, created.Version, Data(("tls.crt", "CERT2"), ("tls.key", "KEY2"), ("ca.crt", "CERT2")), Bounded);

        Assert.Equal(SecretWriteOutcome.Updated, write.Outcome);
        var stored = (await store.GetAsync(Key, Bounded))!;
        Assert.Equal("CERT2", Text(stored, "tls.crt"));
        Assert.Equal("KEY2", Text(stored, "tls.key"));
        Assert.Equal("CERT2", Text(stored, "ca.crt"));
        Assert.Equal("keep me", Text(stored, "operator-note"));
        Assert.Equal(Labels, stored.Labels);
        Assert.Equal(Annotations, stored.Annotations);
        Assert.Equal("Opaque", (await NewClient().CoreV1.ReadNamespacedSecretAsync(Key.Name, Key.Namespace)).Type);
    }

    [Fact]
    public async Task Get_OfAMissingSecret_IsNull()
    {
        using var store = NewStore();

        Assert.Null(await store.GetAsync(Key, Bounded));
    }

    [Fact]
    public async Task Get_ReturnsBinaryDataByteForByte()
    {
        using var store = NewStore();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var write = await store.CreateAsync(Key, new Dictionary<string, byte[]> { ["blob.bin"] = bytes }, Labels, Annotations, Bounded);

        var stored = await store.GetAsync(Key, Bounded);

        Assert.Equal(bytes, stored!.Get("blob.bin"));
        Assert.Equal(write.Secret!.Version, stored.Version);
        Assert.Null(stored.Get("absent"));
    }

    [Fact]
    public async Task Delete_IsTrueOnce_ThenFalse()
    {
        using var store = NewStore();
        await CreateAsync(store, ("tls.crt", "CERT"));

        Assert.True(await store.DeleteAsync(Key, Bounded));
        Assert.False(await store.DeleteAsync(Key, Bounded));
        Assert.Null(await store.GetAsync(Key, Bounded));
    }

    [Theory]
    [InlineData("get", 500)]
    [InlineData("create", 500)]
    [InlineData("update", 500)]
    [InlineData("delete", 500)]
    [InlineData("get", 503)]
    [InlineData("create", 403)]
    public async Task ServerErrors_AreSecretStoreExceptions_NamingStatusAndSecret_WithoutData(string operation, int status)
    {
        using var store = NewStore();
        var created = await CreateAsync(store, ("tls.key", "PRIVATE-KEY-MATERIAL"));
        Server.FailNextRequests(1, status);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => operation switch
        {
            "get" => store.GetAsync(Key, Bounded),
            "create" => store.CreateAsync(Key, Data(("tls.key", "PRIVATE-KEY-MATERIAL")), Labels, Annotations, Bounded),
            "update" => store.UpdateAsync(Key, created.Version, Data(("tls.key", "PRIVATE-KEY-MATERIAL")), Bounded),
            _ => store.DeleteAsync(Key, Bounded),
        });

        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("InternalError", error.Message, StringComparison.Ordinal);
        Assert.Contains(Key.ToString(), error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Kubernetes API: {(operation == "get" ? "read" : operation)} secret {Key} failed: HTTP {status} ", error.Message, StringComparison.Ordinal);
        var everything = error.ToString();
        Assert.DoesNotContain("PRIVATE-KEY-MATERIAL", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("PRIVATE-KEY-MATERIAL")), everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_IsASecretStoreException()
    {
        var gone = await FakeKubernetesApiServer.StartAsync();
        var configuration = gone.ClientConfiguration();
        await gone.DisposeAsync();
        using var store = KubernetesSecretStore.FromConfiguration(configuration);

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync(Key, Bounded));

        Assert.Contains("read secret cert-manager/cert-manager-metrics-ca failed", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Cancellation_IsNotWrapped()
    {
        using var store = NewStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(Key, cancelled.Token));
    }

    [Fact]
    public async Task FromKubeconfig_TalksToTheFilesServer_AndDescribesIt()
    {
        var directory = Directory.CreateTempSubdirectory("flagwork-kubeconfig-");
        try
        {
            var path = Server.WriteKubeconfig(directory.FullName);
            using var store = KubernetesSecretStore.FromKubeconfig(path);

            Assert.Equal("Kubernetes API " + Server.BaseUri, store.Description);
            Assert.Null(await store.GetAsync(Key, Bounded));
            Assert.Equal(1, Server.CountRequests("GET", "/api/v1/namespaces/cert-manager/secrets/cert-manager-metrics-ca"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromKubeconfig_WithAMissingFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "flagwork-no-such-kubeconfig-" + Guid.NewGuid());

        var error = Assert.Throws<InvalidOperationException>(() => KubernetesSecretStore.FromKubeconfig(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InCluster_OutsideAPod_SaysSo()
    {
        if (KubernetesClientConfiguration.IsInCluster())
        {
            return; // Running in a pod: the factory would succeed.
        }

        var error = Assert.Throws<InvalidOperationException>(() => KubernetesSecretStore.InCluster());

        Assert.Contains("not running in a Kubernetes pod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_NamesTheApiServer()
    {
        using var store = NewStore();

        Assert.Equal("Kubernetes API " + Server.BaseUri, store.Description);
    }

    [Theory]
    [InlineData("cert-manager-metrics-ca", "cert-manager-metrics-ca")]
    [InlineData(@"a,b=c\d", @"a\,b\=c\\d")]
    public void FieldSelectorValues_AreEscapedAsTheApiServerParsesThem(string value, string escaped)
    {
        Assert.Equal(escaped, KubernetesSecretStore.EscapeFieldSelectorValue(value));
    }
}
