using System.Reflection;

namespace Component.Tests;

/// <summary>Paths inside the repository, found through the <c>RepositoryRoot</c> metadata the project file stamps in.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SchemaDirectory => Path.Combine(Root, "schema");

    public static string ExamplesDirectory => Path.Combine(Root, "samples", "Component", "examples");

    public static string Schema(string fileName) => Path.Combine(SchemaDirectory, fileName);

    public static string Example(string fileName) => Path.Combine(ExamplesDirectory, fileName);

    private static string FindRoot()
    {
        var value = typeof(Repository).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value
            ?? throw new InvalidOperationException("The test assembly has no RepositoryRoot metadata; see Component.Tests.csproj.");
        return Path.GetFullPath(value);
    }
}
