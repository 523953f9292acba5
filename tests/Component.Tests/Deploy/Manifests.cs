using YamlDotNet.RepresentationModel;

namespace Component.Tests.Deploy;

/// <summary>One YAML document of a file in samples/deploy: a Kubernetes object, or the kustomization.</summary>
internal sealed record Manifest(string File, int Document, YamlMappingNode Root)
{
    public string Kind => Root.Scalar("kind");

    public string Name => Root.Map("metadata").Scalar("name");

    public string? Namespace => Root.Map("metadata").OptionalScalar("namespace");

    public override string ToString() => $"{File}#{Document} ({Root.OptionalScalar("kind")} {Root.OptionalMap("metadata")?.OptionalScalar("name")})";
}

/// <summary>Every document of every <c>*.yaml</c> file in samples/deploy, parsed with YamlDotNet's representation model.</summary>
internal static class Manifests
{
    public static string Directory => Path.Combine(Repository.Root, "samples", "deploy");

    public static IReadOnlyList<string> Files =>
        System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static IReadOnlyList<Manifest> LoadAll() => Files.SelectMany(Load).ToList();

    public static IReadOnlyList<Manifest> Load(string fileName)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(Directory, fileName))))
        {
            stream.Load(reader);
        }
        return stream.Documents
            .Select((document, index) => new Manifest(
                fileName,
                index,
                document.RootNode as YamlMappingNode
                    ?? throw new InvalidOperationException($"{fileName} document {index} is not a mapping but {document.RootNode.NodeType}")))
            .ToList();
    }

    /// <summary>The single object of <paramref name="kind"/> among <paramref name="manifests"/>.</summary>
    public static Manifest Single(this IEnumerable<Manifest> manifests, string kind)
    {
        var matches = manifests.Where(m => m.Root.OptionalScalar("kind") == kind).ToList();
        Assert.True(matches.Count == 1, $"expected exactly one {kind} in samples/deploy, found {matches.Count}: {string.Join(", ", matches)}");
        return matches[0];
    }

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.OptionalMap(key) ?? throw Missing(node, key, "mapping");

    public static YamlMappingNode? OptionalMap(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode ?? throw Missing(node, key, "mapping") : null;

    public static YamlSequenceNode Sequence(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence
            : throw Missing(node, key, "sequence");

    public static IEnumerable<YamlMappingNode> Mappings(this YamlMappingNode node, string key) =>
        node.Sequence(key).Children.Select(child => child as YamlMappingNode ?? throw Missing(node, key + "[]", "mapping"));

    public static IReadOnlyList<string> Scalars(this YamlMappingNode node, string key) =>
        node.Sequence(key).Children.Select(child => (child as YamlScalarNode)?.Value ?? throw Missing(node, key + "[]", "scalar")).ToList();

    public static string Scalar(this YamlMappingNode node, string key) =>
        node.OptionalScalar(key) ?? throw Missing(node, key, "scalar");

    public static string? OptionalScalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    /// <summary>String-valued entries of a mapping such as <c>labels</c> or <c>matchLabels</c>.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this YamlMappingNode node, string key) =>
        node.Map(key).Children.ToDictionary(
            entry => ((YamlScalarNode)entry.Key).Value!,
            entry => (entry.Value as YamlScalarNode)?.Value ?? throw Missing(node, key, "map of strings"),
            StringComparer.Ordinal);

    /// <summary>Every mapping key anywhere under <paramref name="node"/>, depth first.</summary>
    public static IEnumerable<string> AllKeys(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(entry =>
            (entry.Key is YamlScalarNode { Value: { } key } ? [key] : Array.Empty<string>()).Concat(AllKeys(entry.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(AllKeys),
        _ => [],
    };

    private static InvalidOperationException Missing(YamlMappingNode node, string key, string what) =>
        new($"expected a {what} at key \"{key}\" (line {node.Start.Line}); found {(node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v.NodeType.ToString() : "nothing")}");
}
