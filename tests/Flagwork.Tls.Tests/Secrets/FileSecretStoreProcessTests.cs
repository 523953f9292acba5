using System.Diagnostics;
using Flagwork.Tls.Secrets;

namespace Flagwork.Tls.Tests.Secrets;

/// <summary>
/// Several processes on one machine sharing a store, as replicas of a component would: the create race across
/// processes, and writers killed halfway through an update. The processes run tests/SecretStoreProbe.
/// </summary>
public sealed class FileSecretStoreProcessTests(SecretStoreProbe probe) : IClassFixture<SecretStoreProbe>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TempRoot temp = new();
    private readonly List<Process> processes = [];

    private string Root => Path.Combine(temp.Path, "store");

    public void Dispose()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(Bound);
            }

            process.Dispose();
        }

        temp.Dispose();
    }

    [Fact]
    public async Task EightProcessesCreatingAtOnceMakeExactlyOneCreatedAndAllReadItsData()
    {
        const int creators = 8;
        var startFile = Path.Combine(temp.Path, "start");
        var started = Enumerable.Range(0, creators)
            .Select(i => Start("create", Root, Secret.Key.Namespace, Secret.Key.Name, "process-" + i, "--start-file", startFile))
            .ToList();

        // Released together once every one has started up, so the creates overlap.
        foreach (var process in started)
        {
            Assert.Equal("ready", await process.StandardOutput.ReadLineAsync().WaitAsync(Bound));
        }

        await File.WriteAllTextAsync(startFile, "go");
        var reports = new List<(string Outcome, string Read)>();
        foreach (var process in started)
        {
            var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(Bound);
            await process.WaitForExitAsync().WaitAsync(Bound);
            Assert.True(process.ExitCode == 0, $"probe exited with {process.ExitCode}: {output} {await process.StandardError.ReadToEndAsync()}");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            reports.Add((Value(lines, "outcome "), Value(lines, "read ")));
        }

        var winner = Assert.Single(Enumerable.Range(0, creators), i => reports[i].Outcome == nameof(SecretWriteOutcome.Created));
        Assert.All(reports.Where((_, i) => i != winner), r => Assert.Equal(nameof(SecretWriteOutcome.AlreadyExists), r.Outcome));
        var winnersData = Secret.Describe(Secret.Data("process-" + winner));
        Assert.All(reports, r => Assert.Equal(winnersData, r.Read));
        var stored = await new FileSecretStore(Root).GetAsync(Secret.Key, CancellationToken.None);
        Assert.Equal(winnersData, Secret.Describe(stored!.Data));
    }

    [Fact]
    public async Task AWriterKilledMidWriteLeavesTheOldSecretAndTheNextWriterCleansUp()
    {
        // 256 KiB per key is four 64 KiB chunks each. The probe pauses 10 ms after every chunk, and stops at the kill
        // point (having written part of the new version, holding the lock) until it is killed.
        const int size = 256 * 1024;
        var store = new FileSecretStore(Root);
        var created = await store.CreateAsync("old");
        var old = created.Secret!;
        var secretDirectory = Path.Combine(Root, Secret.Key.Namespace, Secret.Key.Name);
        string[] killPoints = ["ca.crt 65536/262144", "tls.crt 131072/262144", "tls.key 262144/262144", "..metadata.json", "publish"];

        using var reading = new CancellationTokenSource();
        var seen = new HashSet<string>();
        var reader = Task.Run(() => ReadContinuouslyAsync(store, old, size, seen, reading.Token));

        for (var i = 0; i < killPoints.Length; i++)
        {
            var writer = Start(
                "update-slowly", Root, Secret.Key.Namespace, Secret.Key.Name, size.ToString(), "10", (i + 1).ToString(), "--hang-at", killPoints[i]);
            Assert.Equal("ready", await writer.StandardOutput.ReadLineAsync().WaitAsync(Bound));
            string? line;
            do
            {
                line = await writer.StandardOutput.ReadLineAsync().WaitAsync(Bound);
                Assert.NotNull(line);
                Assert.StartsWith("progress ", line, StringComparison.Ordinal);
            }
            while (!line["progress ".Length..].StartsWith(killPoints[i], StringComparison.Ordinal));

            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync().WaitAsync(Bound);

            var after = await store.GetAsync(Secret.Key, CancellationToken.None);
            Assert.Equal(old.Version, after!.Version);
            Assert.Equal(Secret.Describe(old.Data), Secret.Describe(after.Data));
            // The dead writer's half-written version is still there: it really died mid-write.
            var versions = Directory.GetDirectories(secretDirectory).Where(d => new DirectoryInfo(d).LinkTarget is null).ToArray();
            Assert.True(versions.Length == 2, $"after killing at '{killPoints[i]}': {string.Join(", ", versions)}");
        }

        // A writer that lives: it gets the lock the dead ones held, publishes, and removes what they left.
        var survivor = Start("update-slowly", Root, Secret.Key.Namespace, Secret.Key.Name, size.ToString(), "0", "9");
        var output = await survivor.StandardOutput.ReadToEndAsync().WaitAsync(Bound);
        await survivor.WaitForExitAsync().WaitAsync(Bound);
        await reading.CancelAsync();
        await reader;

        Assert.Contains("outcome Updated", output, StringComparison.Ordinal);
        var updated = await store.GetAsync(Secret.Key, CancellationToken.None);
        Assert.Equal("new 9", Classify(updated!, old, size));
        Assert.Equal(2, Directory.GetFileSystemEntries(secretDirectory).Length); // current and one version
        Assert.Equal(["lock"], Directory.GetFileSystemEntries(Path.Combine(Root, Secret.Key.Namespace, ".work", Secret.Key.Name)).Select(Path.GetFileName));
        Assert.Contains("old", seen);
        Assert.All(seen, s => Assert.True(s is "old" or "new 9", "a reader saw " + s));
    }

    /// <summary>Reads the secret over and over, recording what each read was: the old secret, a new one, or torn.</summary>
    private static async Task ReadContinuouslyAsync(FileSecretStore store, StoredSecret old, int size, HashSet<string> seen, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var secret = await store.GetAsync(Secret.Key, CancellationToken.None);
            seen.Add(secret is null ? "missing" : Classify(secret, old, size));
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>"old" for the old data, "new N" when every key is <paramref name="size"/> bytes of N, else "torn".</summary>
    private static string Classify(StoredSecret secret, StoredSecret old, int size)
    {
        if (Secret.Describe(secret.Data) == Secret.Describe(old.Data))
        {
            return "old";
        }

        var fill = secret.Get("ca.crt") is [var first, ..] ? first : (byte)0;
        var whole = secret.Data.Count == 3 && secret.Data.Values.All(v => v.Length == size && v.All(b => b == fill));
        return whole ? "new " + fill : "torn";
    }

    private Process Start(params string[] arguments)
    {
        var process = probe.Start(arguments);
        processes.Add(process);
        return process;
    }

    private static string Value(string[] lines, string prefix) =>
        lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}
