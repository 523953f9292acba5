namespace Flagwork.Tls.Secrets;

/// <summary>
/// Kubernetes' rules for the three names a file store turns into path segments: a namespace is a DNS-1123 label, a
/// secret name a DNS-1123 subdomain, a data key a ConfigMap key (apimachinery's <c>IsDNS1123Label</c>,
/// <c>IsDNS1123Subdomain</c>, <c>IsConfigMapKey</c>). A name that passes is never empty, never holds a path separator
/// and is never <c>.</c> or <c>..</c>, so it always names one entry inside its parent directory. Namespaces and secret
/// names cannot start with '.' and data keys cannot start with "..", which leaves those prefixes to the store's own files.
/// </summary>
internal static class SecretNames
{
    public const int MaxSubdomainLength = 253;

    private const string DataKeyFormat =
        "a valid data key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'tls.crt', or 'KEY_NAME')";

    /// <summary>Throws <see cref="ArgumentException"/> naming the part of <paramref name="key"/> that is invalid.</summary>
    public static void ThrowIfInvalid(SecretKey key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (CheckNamespace(key.Namespace) is { } namespaceProblem)
        {
            throw new ArgumentException($"secret namespace \"{key.Namespace}\" is invalid: {namespaceProblem}", paramName);
        }

        if (CheckName(key.Name) is { } nameProblem)
        {
            throw new ArgumentException($"secret name \"{key.Name}\" is invalid: {nameProblem}", paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> for the first data key that is invalid or has no value.</summary>
    public static void ThrowIfInvalid(IReadOnlyDictionary<string, byte[]> data, string paramName)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        foreach (var (dataKey, value) in data)
        {
            if (CheckDataKey(dataKey) is { } problem)
            {
                throw new ArgumentException($"data key \"{dataKey}\" is invalid: {problem}", paramName);
            }

            if (value is null)
            {
                throw new ArgumentException($"data key \"{dataKey}\" has a null value", paramName);
            }
        }
    }

    /// <summary>Null for a valid namespace (a DNS-1123 label), otherwise what a valid one looks like.</summary>
    public static string? CheckNamespace(string? value) => Flagwork.Text.DnsNames.CheckLabel(value ?? "");

    /// <summary>Null for a valid secret name (a DNS-1123 subdomain), otherwise what a valid one looks like.</summary>
    public static string? CheckName(string? value) => Flagwork.Text.DnsNames.CheckSubdomain(value ?? "");

    /// <summary>Null for a valid data key (<c>[-._a-zA-Z0-9]+</c>, not <c>.</c>, <c>..</c> or <c>..</c>-prefixed).</summary>
    public static string? CheckDataKey(string? value) => value switch
    {
        null or "" => "must not be empty",
        { Length: > MaxSubdomainLength } => $"must be no more than {MaxSubdomainLength} characters",
        "." => "must not be '.'",
        ".." => "must not be '..'",
        _ when value.StartsWith("..", StringComparison.Ordinal) => "must not start with '..'",
        _ when !IsDataKey(value) => DataKeyFormat,
        _ => null,
    };

    private static bool IsDataKey(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }

}
