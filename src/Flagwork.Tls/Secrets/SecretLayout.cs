using System.Security.Cryptography;

namespace Flagwork.Tls.Secrets;

/// <summary>
/// Where one secret's files live under a <see cref="FileSecretStore"/>'s root:
/// <code>
/// &lt;root&gt;/&lt;namespace&gt;/                     0700
///   &lt;name&gt;/                                0700  exists exactly while the secret does
///     current -&gt; v3-1f0c9a4e2b7d            the published version (a relative symbolic link)
///     v3-1f0c9a4e2b7d/                      0700  one complete, never-modified version
///       tls.crt  tls.key  ca.crt  …         0600  one file per data key
///       ..metadata.json                     0600  version, uid, data keys, labels, annotations
///   .work/&lt;name&gt;/                          0700  never deleted
///     lock                                  0600  held (flock) by every writer of this secret
///     new-…/  old-…/                              a create being staged, a delete being removed
/// </code>
/// Names and namespaces cannot start with '.', and data keys cannot start with "..", so the store's own entries never
/// collide with a secret or a data key. The lock and the scratch directories sit beside the secret, not inside it,
/// because the secret's directory comes and goes as a whole while the lock must stay the same file.
/// </summary>
internal sealed class SecretLayout
{
    public const string CurrentLinkName = "current";
    public const string MetadataFileName = "..metadata.json";
    public const string WorkDirectoryName = ".work";
    public const string LockFileName = "lock";

    public SecretLayout(string root, SecretKey key)
    {
        NamespaceDirectory = Path.Combine(root, key.Namespace);
        SecretDirectory = Path.Combine(NamespaceDirectory, key.Name);
        CurrentLink = Path.Combine(SecretDirectory, CurrentLinkName);
        WorkDirectory = Path.Combine(NamespaceDirectory, WorkDirectoryName, key.Name);
        LockFile = Path.Combine(WorkDirectory, LockFileName);
    }

    public string NamespaceDirectory { get; }

    public string SecretDirectory { get; }

    public string CurrentLink { get; }

    public string WorkDirectory { get; }

    public string LockFile { get; }

    /// <summary>A fresh directory in which a create assembles the whole secret before renaming it into place.</summary>
    public string NewStagingDirectory() => Path.Combine(WorkDirectory, "new-" + RandomSuffix());

    /// <summary>A fresh name a delete renames the secret to before removing it.</summary>
    public string NewTrashDirectory() => Path.Combine(WorkDirectory, "old-" + RandomSuffix());

    /// <summary>A fresh name for the link that is renamed over <see cref="CurrentLink"/> to publish a version.</summary>
    public string NewLinkPath() => Path.Combine(SecretDirectory, ".current-" + RandomSuffix());

    /// <summary>
    /// A name for a version directory that was never used before, even by an earlier secret of the same name, so a
    /// reader that resolved an old link can only fail to find files, never find another version's files under the old name.
    /// </summary>
    public static string NewVersionDirectoryName(long version) => $"v{version}-{RandomSuffix()}";

    /// <summary>Whether a link target has the shape <see cref="NewVersionDirectoryName"/> gives (so it cannot leave the
    /// secret's directory, whoever wrote the link).</summary>
    public static bool IsVersionDirectoryName(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (name.Length < 4 || name[0] != 'v' || dash < 2 || dash == name.Length - 1)
        {
            return false;
        }

        foreach (var c in name.AsSpan(1, dash - 1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        foreach (var c in name.AsSpan(dash + 1))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>48 random bits as 12 lower-case hex digits.</summary>
    public static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
