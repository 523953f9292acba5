using System.Text.Json;

namespace Flagwork.Tls.Secrets;

/// <summary>A secret as read from disk, with what writers need: the metadata (the counter and the uid) and the name of
/// the version directory it was read from.</summary>
internal sealed record StoredVersion(StoredSecret Secret, SecretMetadata Metadata, string DirectoryName);

/// <summary>
/// Reads the published version of a secret without taking the lock. The <c>current</c> link is resolved once and every
/// file is read from that one version directory, which nobody modifies after publishing it, so what is returned is one
/// version, never a mix. A writer may remove that directory (an update replaced it, or the secret was deleted) while it
/// is being read; a missing file then means "start again", and the next attempt resolves the link afresh.
/// </summary>
internal static class SecretVersionReader
{
    private const int Attempts = 10;

    /// <summary>The secret, or null when it does not exist.</summary>
    /// <exception cref="SecretStoreException">The files cannot be read or are not what this store writes.</exception>
    public static StoredVersion? Read(SecretLayout layout, SecretKey key)
    {
        var linkMissing = false;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            string? target;
            try
            {
                target = new FileInfo(layout.CurrentLink).LinkTarget;
                if (target is null)
                {
                    if (!Path.Exists(layout.SecretDirectory))
                    {
                        return null;
                    }

                    // Never the case between this store's own writes: the secret's directory only appears, by rename,
                    // with its link inside. Look again in case it was deleted meanwhile, then give up.
                    linkMissing = true;
                    continue;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure(key, layout.CurrentLink, "reading the link to the current version", e);
            }

            if (!SecretLayout.IsVersionDirectoryName(target))
            {
                throw new SecretStoreException(
                    $"file store: secret {key} is damaged: '{layout.CurrentLink}' points to '{target}', which is not a version directory");
            }

            linkMissing = false;
            var directory = Path.Combine(layout.SecretDirectory, target);
            try
            {
                return ReadVersion(directory, target, key);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Replaced or deleted while we read it.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure(key, directory, "reading", e);
            }
        }

        if (linkMissing)
        {
            throw new SecretStoreException(
                $"file store: secret {key} is damaged: '{layout.SecretDirectory}' has no '{SecretLayout.CurrentLinkName}' link to a version");
        }

        throw new SecretStoreException(
            $"file store: secret {key} at '{layout.SecretDirectory}' changed {Attempts} times while being read; giving up for now");
    }

    private static StoredVersion ReadVersion(string directory, string directoryName, SecretKey key)
    {
        var metadataPath = Path.Combine(directory, SecretLayout.MetadataFileName);
        SecretMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(File.ReadAllBytes(metadataPath), SecretMetadataJsonContext.Default.SecretMetadata);
        }
        catch (JsonException e)
        {
            throw new SecretStoreException($"file store: secret {key} is damaged: '{metadataPath}' is not valid metadata: {e.Message}", e);
        }

        var problem = metadata is null ? "it is null" : metadata.Problem();
        if (metadata is null || problem is not null)
        {
            throw new SecretStoreException($"file store: secret {key} is damaged: '{metadataPath}' is not valid metadata: {problem}");
        }

        var data = new Dictionary<string, byte[]>(metadata.Keys.Count, StringComparer.Ordinal);
        foreach (var dataKey in metadata.Keys)
        {
            data[dataKey] = File.ReadAllBytes(Path.Combine(directory, dataKey));
        }

        var secret = new StoredSecret(
            key,
            metadata.StoreVersion,
            data,
            new Dictionary<string, string>(metadata.Labels, StringComparer.Ordinal),
            new Dictionary<string, string>(metadata.Annotations, StringComparer.Ordinal));
        return new StoredVersion(secret, metadata, directoryName);
    }

    private static SecretStoreException Failure(SecretKey key, string path, string what, Exception e) =>
        new($"file store: {what} secret {key} at '{path}' failed: {e.Message}", e);
}
