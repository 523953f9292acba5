namespace Flagwork.Text;

/// <summary>
/// DNS name checks with Kubernetes' rules and wording (apimachinery's <c>IsDNS1123Label</c>,
/// <c>IsDNS1123Subdomain</c>, <c>IsWildcardDNS1123Subdomain</c>). Each check returns <see langword="null"/> for a
/// valid value, otherwise a message that says what a valid value looks like, ready for
/// <see cref="ConfigError.Invalid"/>. Upper case is invalid, as in Kubernetes: certificate names are compared
/// case-insensitively, so accepting <c>Example.com</c> here would only hide a mismatch elsewhere.
/// </summary>
public static class DnsNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    private const string Empty = "must not be empty";

    private const string LabelFormat =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end " +
        "with an alphanumeric character (e.g. 'my-name', or '123-abc')";

    private const string SubdomainFormat =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start " +
        "and end with an alphanumeric character (e.g. 'example.com')";

    private const string WildcardFormat =
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of " +
        "lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com')";

    private const string SubdomainOrWildcardFormat =
        SubdomainFormat + "; a wildcard is allowed only as the whole first label (e.g. '*.example.com')";

    private static readonly string LabelTooLong = $"must be no more than {MaxLabelLength} characters";
    private static readonly string SubdomainTooLong = $"must be no more than {MaxSubdomainLength} characters";
    private static readonly string PartTooLong =
        $"each label (the parts between dots) must be no more than {MaxLabelLength} characters";

    /// <summary>A DNS-1123 label (a Kubernetes namespace): <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c>, at most 63 characters.</summary>
    public static string? CheckLabel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return Empty;
        }
        return Join(value.Length > MaxLabelLength ? LabelTooLong : null, IsLabel(value) ? null : LabelFormat);
    }

    /// <summary>A DNS-1123 subdomain (a Kubernetes object name): labels joined by '.', at most 253 characters, each
    /// label at most 63.</summary>
    public static string? CheckSubdomain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return Empty;
        }
        return CheckSubdomain(value, SubdomainFormat);
    }

    /// <summary>
    /// A DNS name for a certificate: an RFC 1123 subdomain. With <paramref name="allowWildcard"/>, the whole first
    /// label may be <c>*</c> (<c>*.example.com</c>); a <c>*</c> anywhere else, or on its own, is invalid.
    /// </summary>
    public static string? CheckDnsName(string value, bool allowWildcard)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return Empty;
        }
        if (!allowWildcard)
        {
            return CheckSubdomain(value, SubdomainFormat);
        }
        if (value.StartsWith("*.", StringComparison.Ordinal))
        {
            var rest = value.AsSpan(2);
            var format = rest.Length > 0 && IsSubdomain(rest) ? null : WildcardFormat;
            return Join(value.Length > MaxSubdomainLength ? SubdomainTooLong : null, Join(LongPart(rest), format));
        }
        if (value.Contains('*', StringComparison.Ordinal))
        {
            return Join(value.Length > MaxSubdomainLength ? SubdomainTooLong : null, WildcardFormat);
        }
        return CheckSubdomain(value, SubdomainOrWildcardFormat);
    }

    private static string? CheckSubdomain(string value, string formatMessage) =>
        Join(
            value.Length > MaxSubdomainLength ? SubdomainTooLong : null,
            Join(LongPart(value), IsSubdomain(value) ? null : formatMessage));

    /// <summary>Labels of lower-case alphanumerics and '-', each starting and ending with an alphanumeric, joined by '.'.</summary>
    private static bool IsSubdomain(ReadOnlySpan<char> value)
    {
        foreach (var range in value.Split('.'))
        {
            if (!IsLabel(value[range]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsLabel(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty || !IsAlphanumeric(label[0]) || !IsAlphanumeric(label[^1]))
        {
            return false;
        }
        foreach (var c in label)
        {
            if (!IsAlphanumeric(c) && c != '-')
            {
                return false;
            }
        }
        return true;
    }

    private static string? LongPart(ReadOnlySpan<char> value)
    {
        foreach (var range in value.Split('.'))
        {
            if (range.End.GetOffset(value.Length) - range.Start.GetOffset(value.Length) > MaxLabelLength)
            {
                return PartTooLong;
            }
        }
        return null;
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    /// <summary>Kubernetes reports every rule a value breaks; so do we, in one message.</summary>
    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "; " + second;
}
