namespace Flagwork;

/// <summary>A DNS name (RFC 1123 subdomain). With <see cref="AllowWildcard"/>, a leading <c>*.</c> label is allowed.
/// On a list, every element is checked and errors carry the index.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DnsNameAttribute : Attribute
{
    public bool AllowWildcard { get; set; }
}

/// <summary>A DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters (a Kubernetes namespace).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DnsLabelAttribute : Attribute;

/// <summary>A DNS-1123 subdomain: lower-case labels joined by '.', at most 253 characters (a Kubernetes object name).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DnsSubdomainAttribute : Attribute;

/// <summary>A <c>host:port</c> listen address: IPv4, bracketed IPv6, a host name or empty host, and a port 0–65535.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class HostPortAttribute : Attribute;
