using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Flagwork.Tls.Secrets;

/// <summary>
/// The <c>..metadata.json</c> of one version directory. <see cref="Uid"/> is drawn when a secret is created and kept by
/// its updates, like Kubernetes' <c>metadata.uid</c>; the version callers see is <c>&lt;Version&gt;-&lt;Uid&gt;</c>, so a
/// version read before a delete never matches a secret created after it, even once the new one's counter catches up.
/// </summary>
/// <remarks>Properties are settable rather than init-only: the JSON source generator fills init-only properties like
/// constructor parameters, replacing an absent property's initializer with null.</remarks>
internal sealed class SecretMetadata
{
    /// <summary>The layout this code writes; a higher number was written by a newer store and is refused, not guessed at.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public long Version { get; set; }

    public string Uid { get; set; } = "";

    /// <summary>The data keys, one file each, sorted ordinally.</summary>
    public IReadOnlyList<string> Keys { get; set; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

    /// <summary>The opaque version handed out as <see cref="StoredSecret.Version"/>.</summary>
    [JsonIgnore]
    public string StoreVersion => $"{Version}-{Uid}";

    /// <summary>The metadata of a secret being created.</summary>
    public static SecretMetadata First(
        IEnumerable<string> keys,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations) => new()
    {
        Version = 1,
        Uid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
        Keys = Sorted(keys),
        Labels = labels,
        Annotations = annotations,
    };

    /// <summary>The metadata of the version after this one: same uid, labels and annotations.</summary>
    public SecretMetadata Next(IEnumerable<string> keys) => new()
    {
        Version = Version + 1,
        Uid = Uid,
        Keys = Sorted(keys),
        Labels = Labels,
        Annotations = Annotations,
    };

    /// <summary>Null when the metadata is something this store could have written, otherwise what is wrong with it.</summary>
    public string? Problem()
    {
        if (Format != CurrentFormat)
        {
            return $"format {Format} is not supported (this store writes format {CurrentFormat})";
        }

        if (Version < 1)
        {
            return $"version {Version} is not positive";
        }

        if (Uid.Length == 0 || !Uid.All(char.IsAsciiHexDigitLower))
        {
            return "the uid is not lower-case hex";
        }

        if (Keys is null || Labels is null || Annotations is null)
        {
            return "keys, labels or annotations are null";
        }

        foreach (var key in Keys)
        {
            // The keys become file names: one that is not a valid data key could point outside the version directory.
            if (SecretNames.CheckDataKey(key) is { } problem)
            {
                return $"data key \"{key}\" is invalid: {problem}";
            }
        }

        return Keys.Distinct(StringComparer.Ordinal).Count() == Keys.Count ? null : "a data key is listed twice";
    }

    private static string[] Sorted(IEnumerable<string> keys)
    {
        var sorted = keys.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}

/// <summary>Compile-time serialization of <see cref="SecretMetadata"/>: no reflection, so the library stays trimmable and
/// AOT-compatible.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SecretMetadata))]
internal sealed partial class SecretMetadataJsonContext : JsonSerializerContext;
