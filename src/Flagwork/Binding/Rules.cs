using Flagwork.Text;

namespace Flagwork.Binding;

/// <summary>Field-format and cross-field checks called by generated validation. Empty values are left to
/// <c>[Required]</c> and group rules; list elements are checked one by one and their errors carry the index.</summary>
public static class Rules
{
    public static void CheckDnsName(string? value, string relativePath, int valueIndex, BindingContext context) =>
        Check(value, relativePath, valueIndex, context, v => DnsNames.CheckDnsName(v, allowWildcard: false));

    public static void CheckWildcardDnsName(string? value, string relativePath, int valueIndex, BindingContext context) =>
        Check(value, relativePath, valueIndex, context, v => DnsNames.CheckDnsName(v, allowWildcard: true));

    public static void CheckDnsNames(List<string>? values, string relativePath, int valueIndex, BindingContext context) =>
        CheckEach(values, relativePath, valueIndex, context, v => DnsNames.CheckDnsName(v, allowWildcard: false));

    public static void CheckWildcardDnsNames(List<string>? values, string relativePath, int valueIndex, BindingContext context) =>
        CheckEach(values, relativePath, valueIndex, context, v => DnsNames.CheckDnsName(v, allowWildcard: true));

    public static void CheckDnsLabel(string? value, string relativePath, int valueIndex, BindingContext context) =>
        Check(value, relativePath, valueIndex, context, DnsNames.CheckLabel);

    public static void CheckDnsSubdomain(string? value, string relativePath, int valueIndex, BindingContext context) =>
        Check(value, relativePath, valueIndex, context, DnsNames.CheckSubdomain);

    /// <summary>Unlike the other formats, an empty listen address is an error: there is nothing to listen on.</summary>
    public static void CheckHostPort(string? value, string relativePath, int valueIndex, BindingContext context)
    {
        if (HostPort.Check(value ?? "") is { } error)
        {
            context.AddError(ConfigError.Invalid(context.Path(relativePath), value ?? "", error, context.Sources[valueIndex]));
        }
    }

    /// <summary>The error for a mutually exclusive group with more than one member set, naming where each came from.</summary>
    public static ConfigError MutuallyExclusive(string path, string message, ReadOnlySpan<(string Key, ValueSource? Source)> members)
    {
        var set = new List<string>();
        var origins = new List<string>();
        foreach (var (key, source) in members)
        {
            if (source is { } s)
            {
                set.Add("\"" + key + "\"");
                origins.Add(s.IsDefault ? $"{key} by default" : $"{key} from {s}");
            }
        }
        return ConfigError.Invalid(path, null, $"{string.Join(" and ", set)} are both set: {message} ({string.Join("; ", origins)})");
    }

    private static void Check(string? value, string relativePath, int valueIndex, BindingContext context, Func<string, string?> check)
    {
        if (string.IsNullOrEmpty(value) || check(value) is not { } error)
        {
            return;
        }
        context.AddError(ConfigError.Invalid(context.Path(relativePath), value, error, context.Sources[valueIndex]));
    }

    private static void CheckEach(List<string>? values, string relativePath, int valueIndex, BindingContext context, Func<string, string?> check)
    {
        if (values is null)
        {
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (check(values[i]) is { } error)
            {
                context.AddError(ConfigError.Invalid(context.Path($"{relativePath}[{i}]"), values[i], error, context.Sources[valueIndex]));
            }
        }
    }
}
