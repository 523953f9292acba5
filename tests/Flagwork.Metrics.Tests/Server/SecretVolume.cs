using System.Runtime.InteropServices;
using Flagwork.Tls.Tests.Support;

namespace Flagwork.Metrics.Tests.Server;

/// <summary>
/// Lays files out as the kubelet does for a Secret volume: <c>tls.crt -&gt; ..data/tls.crt</c>, <c>..data -&gt; ..&lt;timestamp&gt;</c>,
/// and publishes a new version by writing a fresh timestamped directory and renaming a new <c>..data</c> symlink over
/// the old one — an atomic swap that plain file watchers on <c>tls.crt</c> miss.
/// </summary>
internal sealed partial class SecretVolume(string directory)
{
    // rename(2) directly: File.Move follows the symlink and refuses one that points at a directory.
    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Rename(string oldPath, string newPath);

    private int _version;

    public void Publish(TestCertificates.Pem pem)
    {
        var versionName = $"..2026_12_04_{Interlocked.Increment(ref _version):D4}";
        var versionDirectory = Path.Combine(directory, versionName);
        Directory.CreateDirectory(versionDirectory);
        File.WriteAllText(Path.Combine(versionDirectory, "tls.crt"), pem.Certificate);
        File.WriteAllText(Path.Combine(versionDirectory, "tls.key"), pem.PrivateKey);

        var temporary = Path.Combine(directory, "..data_tmp");
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, versionName);
        if (Rename(temporary, Path.Combine(directory, "..data")) != 0)
        {
            throw new IOException($"rename failed: errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (var name in new[] { "tls.crt", "tls.key" })
        {
            var link = Path.Combine(directory, name);
            if (!Path.Exists(link) && new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, Path.Combine("..data", name));
            }
        }
    }
}
