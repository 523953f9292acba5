using System.Text;
using Flagwork.Tls.Secrets;

namespace Flagwork.Tls.Tests.Secrets;

/// <summary>A fresh, empty directory for one test's store, removed afterwards.</summary>
internal sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Path = Directory.CreateTempSubdirectory("flagwork-secrets-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process a test killed may still be exiting; the temp directory is the system's to clean.
        }
    }
}

/// <summary>Data and shorthands shared by the store tests.</summary>
internal static class Secret
{
    public static readonly SecretKey Key = new("flagwork", "metrics-ca");

    public static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>tls.crt, tls.key and ca.crt, each "<paramref name="payload"/>:&lt;key&gt;".</summary>
    public static Dictionary<string, byte[]> Data(string payload) => new()
    {
        ["tls.crt"] = Encoding.UTF8.GetBytes(payload + ":tls.crt"),
        ["tls.key"] = Encoding.UTF8.GetBytes(payload + ":tls.key"),
        ["ca.crt"] = Encoding.UTF8.GetBytes(payload + ":ca.crt"),
    };

    public static Task<SecretWrite> CreateAsync(this ISecretStore store, string payload, SecretKey? key = null) =>
        store.CreateAsync(key ?? Key, Data(payload), NoLabels, NoLabels, CancellationToken.None);

    /// <summary>The data as "key=base64;…", sorted: one string to compare whole secrets with.</summary>
    public static string Describe(IReadOnlyDictionary<string, byte[]> data) =>
        string.Join(';', data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + Convert.ToBase64String(d.Value)));
}
