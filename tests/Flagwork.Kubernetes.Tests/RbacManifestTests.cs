using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Flagwork.Kubernetes.Tests;

/// <summary>
/// samples/deploy/rbac.yaml grants exactly what the Kubernetes store uses (cert-manager's Helm rules, §6 of the reference):
/// get/list/watch/update on the one CA secret by name, and create without a name, because RBAC cannot restrict create.
/// </summary>
public sealed class RbacManifestTests
{
    private const string Namespace = "cert-manager";
    private const string SecretName = "cert-manager-metrics-ca";

    private static readonly string ManifestPath = Path.Combine(AppContext.BaseDirectory, "deploy", "rbac.yaml");

    [Fact]
    public void EveryDocument_ParsesAsYaml_AndAsItsKubernetesKind()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(ManifestPath)))
        {
            yaml.Load(reader);
        }

        var kinds = yaml.Documents.Select(d => ((YamlScalarNode)((YamlMappingNode)d.RootNode)[new YamlScalarNode("kind")]).Value).ToList();
        Assert.Equal(["ServiceAccount", "Role", "RoleBinding"], kinds);

        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(ManifestPath));
        Assert.Collection(
            objects,
            o => Assert.IsType<V1ServiceAccount>(o),
            o => Assert.IsType<V1Role>(o),
            o => Assert.IsType<V1RoleBinding>(o));
        Assert.All(objects, o => Assert.Equal(Namespace, ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty));
    }

    [Fact]
    public void Role_GrantsReadWatchUpdateOnTheSecretByName_AndCreateWithoutAName_AndNothingElse()
    {
        var role = Load<V1Role>();

        Assert.Equal("component-metrics-ca", role.Metadata.Name);
        Assert.Collection(
            role.Rules,
            byName =>
            {
                Assert.Equal([""], byName.ApiGroups);
                Assert.Equal(["secrets"], byName.Resources);
                Assert.Equal([SecretName], byName.ResourceNames);
                Assert.Equal(["get", "list", "watch", "update"], byName.Verbs);
                Assert.Null(byName.NonResourceURLs);
            },
            create =>
            {
                Assert.Equal([""], create.ApiGroups);
                Assert.Equal(["secrets"], create.Resources);
                Assert.True(create.ResourceNames is null or { Count: 0 });
                Assert.Equal(["create"], create.Verbs);
                Assert.Null(create.NonResourceURLs);
            });
    }

    [Fact]
    public void RoleBinding_BindsTheRoleToTheComponentServiceAccount()
    {
        var account = Load<V1ServiceAccount>();
        var binding = Load<V1RoleBinding>();

        Assert.Equal("component", account.Metadata.Name);
        Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef.ApiGroup);
        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Equal(Load<V1Role>().Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal("ServiceAccount", subject.Kind);
        Assert.Equal(account.Metadata.Name, subject.Name);
        Assert.Equal(Namespace, subject.NamespaceProperty);
    }

    [Fact]
    public void TheManifest_SaysWhyCreateCannotBeRestrictedByName()
    {
        Assert.Contains("cannot be restricted by name", File.ReadAllText(ManifestPath), StringComparison.Ordinal);
    }

    private static T Load<T>() => KubernetesYaml.LoadAllFromString(File.ReadAllText(ManifestPath)).OfType<T>().Single();
}
