namespace Flagwork.Tls.Dynamic;

/// <summary>Settings of <see cref="DynamicSource"/>; defaults are cert-manager's.</summary>
public sealed class DynamicSourceOptions
{
    /// <summary>The leaf's DNS SANs, exactly as configured.</summary>
    public required IReadOnlyList<string> DnsNames { get; init; }

    public TimeSpan LeafDuration { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Between attempts to issue a leaf until one succeeds.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RenewalCheckInterval { get; init; } = RenewalWatcher.DefaultCheckInterval;

    public TimeSpan RenewalStaleAfter { get; init; } = RenewalWatcher.DefaultStaleAfter;
}
