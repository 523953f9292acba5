using System.Text.Json;

namespace Flagwork.Tls.Secrets;

/// <summary>
/// Writes one complete version directory: a 0600 file per data key, then <c>..metadata.json</c>, each flushed to disk,
/// then the directory itself. Nothing here is visible to readers; publishing the directory is the caller's rename.
/// </summary>
internal sealed class SecretVersionWriter(Func<string, ValueTask>? progress)
{
    private const int ChunkSize = 64 * 1024;

    public async Task WriteAsync(
        string directory,
        SecretMetadata metadata,
        IReadOnlyDictionary<string, byte[]> data,
        CancellationToken cancellationToken)
    {
        PrivateFiles.CreateDirectory(directory);
        foreach (var key in metadata.Keys)
        {
            await WriteFileAsync(Path.Combine(directory, key), key, data[key], cancellationToken).ConfigureAwait(false);
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(metadata, SecretMetadataJsonContext.Default.SecretMetadata);
        await WriteFileAsync(Path.Combine(directory, SecretLayout.MetadataFileName), SecretLayout.MetadataFileName, json, cancellationToken)
            .ConfigureAwait(false);
        PosixFileSystem.FlushDirectory(directory);
    }

    /// <summary>Tells the test seam, if any, how far a write has got.</summary>
    public ValueTask ReportAsync(string stage) => progress?.Invoke(stage) ?? ValueTask.CompletedTask;

    private async Task WriteFileAsync(string path, string name, byte[] content, CancellationToken cancellationToken)
    {
        using var file = PrivateFiles.CreateFile(path);
        var written = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkSize, content.Length - written);
            file.Write(content, written, count);
            written += count;
            await ReportAsync($"{name} {written}/{content.Length}").ConfigureAwait(false);
        }
        while (written < content.Length);

        file.Flush(flushToDisk: true);
    }
}
