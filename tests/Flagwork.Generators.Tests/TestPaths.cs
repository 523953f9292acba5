using System.Reflection;

namespace Flagwork.Generators.Tests;

/// <summary>Where the golden files and the repository are, and whether to rewrite the golden files. All of it comes
/// from assembly metadata the csproj writes, so the tests work from any working directory.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_baselines = new(() =>
        Metadata("BaselinesDirectory") ?? throw new InvalidOperationException("The test assembly has no BaselinesDirectory metadata; see the csproj."));

    private static readonly Lazy<string> s_repository = new(() =>
    {
        for (var directory = new DirectoryInfo(BaselinesDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Framework.sln above {BaselinesDirectory}.");
    });

    public static string BaselinesDirectory => s_baselines.Value;

    /// <summary>The repository root: the nearest directory above the baselines that holds Framework.sln.</summary>
    public static string RepositoryRoot => s_repository.Value;

    /// <summary><c>dotnet test -p:UpdateBaselines=true</c> or <c>FLAGWORK_UPDATE_BASELINES=1</c>.</summary>
    public static bool UpdateBaselines =>
        string.Equals(Metadata("UpdateBaselines"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("FLAGWORK_UPDATE_BASELINES") is "1" or "true";

    private static string? Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
