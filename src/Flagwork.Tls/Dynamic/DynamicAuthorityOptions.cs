using Flagwork.Tls.Secrets;

namespace Flagwork.Tls.Dynamic;

/// <summary>Settings of <see cref="DynamicAuthority"/>; defaults are cert-manager's except <see cref="Backdate"/>.</summary>
public sealed class DynamicAuthorityOptions
{
    public required SecretKey Secret { get; init; }

    /// <summary>Labels set when this replica creates the secret, e.g. <c>app.kubernetes.io/managed-by</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations set on create: cert-manager's <c>cert-manager.io/allow-direct-injection: "true"</c>.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>
    {
        ["cert-manager.io/allow-direct-injection"] = "true",
    };

    /// <summary>cert-manager's CA common name, used for the metrics CA too.</summary>
    public string CommonName { get; init; } = "cert-manager-webhook-ca";

    public TimeSpan CaDuration { get; init; } = TimeSpan.FromDays(365);

    /// <summary>How often the stored CA is checked besides watch events (cert-manager: 10 s).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>NotBefore of the CA and of leaves is this far in the past, so a replica whose clock is behind still
    /// accepts them (cert-manager does not backdate).</summary>
    public TimeSpan Backdate { get; init; } = TimeSpan.FromMinutes(5);
}
