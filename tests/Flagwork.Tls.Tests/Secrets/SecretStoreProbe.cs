using System.Diagnostics;

namespace Flagwork.Tls.Tests.Secrets;

/// <summary>
/// The tests/SecretStoreProbe program, built once per test run if its build is missing or stale, and started as separate
/// processes. <c>dotnet test</c> does not build it (it is no test project and nothing references it), so this fixture
/// does, with <c>--no-dependencies</c> against the Flagwork.Tls this test assembly was built with.
/// </summary>
public sealed class SecretStoreProbe
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    public SecretStoreProbe()
    {
        var repository = FindRepository();
        var project = Path.Combine(repository, "tests", "SecretStoreProbe");
        var output = Path.Combine(project, "bin", Configuration, "net10.0");
        Dll = Path.Combine(output, "SecretStoreProbe.dll");
        if (!IsUpToDate(project, output))
        {
            Build(Path.Combine(project, "SecretStoreProbe.csproj"));
        }
    }

    /// <summary>The built probe.</summary>
    public string Dll { get; }

    /// <summary>The <c>dotnet</c> that runs this test, to run the probe with.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Starts the probe with its output and error redirected (read them, or the pipe fills).</summary>
    public Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + Dll);
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Built after its last source change, against the same Flagwork.Tls as this test assembly.</summary>
    private static bool IsUpToDate(string project, string output)
    {
        var dll = new FileInfo(Path.Combine(output, "SecretStoreProbe.dll"));
        var library = new FileInfo(Path.Combine(output, "Flagwork.Tls.dll"));
        if (!dll.Exists || !library.Exists)
        {
            return false;
        }

        var sources = Directory.EnumerateFiles(project, "*.cs*", SearchOption.TopDirectoryOnly);
        return sources.All(source => File.GetLastWriteTimeUtc(source) < dll.LastWriteTimeUtc)
            && File.ReadAllBytes(library.FullName).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Flagwork.Tls.dll")));
    }

    private static void Build(string project)
    {
        // No build servers: a compiler server started here would outlive the build holding our output pipes open.
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", project, "-c", Configuration, "--no-dependencies", "--disable-build-servers", "-nologo", "-v:q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet build");
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(BuildTimeout))
        {
            build.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"building {project} took longer than {BuildTimeout}");
        }

        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {project} failed:\n{output.Result}\n{error.Result}");
        }
    }
}
