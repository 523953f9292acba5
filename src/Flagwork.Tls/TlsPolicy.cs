using System.Net.Security;
using System.Security.Authentication;

namespace Flagwork.Tls;

/// <summary>
/// The server's TLS versions and cipher suites, from cert-manager's names (<c>VersionTLS12</c>, IANA cipher names).
/// The floor is TLS 1.2 unless configured otherwise. Like Go, the cipher list governs TLS 1.0–1.2; the TLS 1.3 suites
/// are always enabled when TLS 1.3 is.
/// </summary>
public sealed class TlsPolicy
{
    private static readonly TlsCipherSuite[] Tls13Suites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>Go's legacy names for the two ChaCha20 suites.</summary>
    private static readonly Dictionary<string, TlsCipherSuite> Aliases = new(StringComparer.Ordinal)
    {
        ["TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        ["TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    /// <summary>The names accepted for <c>cipherSuites</c>: Go's secure and insecure suites plus the legacy aliases.</summary>
    public static IReadOnlyList<string> SupportedCipherNames { get; } =
    [
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_RC4_128_SHA",
    ];

    private TlsPolicy(SslProtocols protocols, CipherSuitesPolicy? cipherSuites)
    {
        Protocols = protocols;
        CipherSuites = cipherSuites;
    }

    /// <summary>TLS 1.2 and 1.3, the platform's cipher suites.</summary>
    public static TlsPolicy Default { get; } = new(SslProtocols.Tls12 | SslProtocols.Tls13, null);

    public SslProtocols Protocols { get; }

    /// <summary>Null means the platform's defaults.</summary>
    public CipherSuitesPolicy? CipherSuites { get; }

    /// <summary>
    /// Builds the policy from cert-manager's names; <paramref name="minVersion"/> is <c>VersionTLS10</c>…<c>VersionTLS13</c>
    /// or null for the TLS 1.2 floor. Throws <see cref="ArgumentException"/> naming the bad value and the valid ones, and
    /// <see cref="PlatformNotSupportedException"/> where cipher suites cannot be configured (Windows) rather than ignore them.
    /// </summary>
    public static TlsPolicy Create(string? minVersion, IReadOnlyList<string>? cipherNames)
    {
        var protocols = minVersion switch
        {
            null or "" or "VersionTLS12" => SslProtocols.Tls12 | SslProtocols.Tls13,
#pragma warning disable SYSLIB0039, CA5397 // TLS 1.0 and 1.1 only when an operator asks for them by name, as cert-manager allows.
            "VersionTLS10" => SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
            "VersionTLS11" => SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
#pragma warning restore SYSLIB0039, CA5397
            "VersionTLS13" => SslProtocols.Tls13,
            _ => throw new ArgumentException($"unknown tls version \"{minVersion}\"; valid values: VersionTLS10, VersionTLS11, VersionTLS12, VersionTLS13"),
        };
        if (cipherNames is null || cipherNames.Count == 0)
        {
            return new TlsPolicy(protocols, null);
        }

        var suites = new List<TlsCipherSuite>();
        foreach (var name in cipherNames)
        {
            suites.Add(ParseCipher(name));
        }
        if (protocols.HasFlag(SslProtocols.Tls13))
        {
            suites.AddRange(Tls13Suites.Where(s => !suites.Contains(s)));
        }
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("cipherSuites cannot be configured on Windows; remove metricsTLSConfig.cipherSuites to use the system's suites");
        }
        return new TlsPolicy(protocols, new CipherSuitesPolicy(suites));
    }

    public static TlsCipherSuite ParseCipher(string name)
    {
        if (Aliases.TryGetValue(name, out var alias))
        {
            return alias;
        }
        if (SupportedCipherNames.Contains(name, StringComparer.Ordinal) && Enum.TryParse<TlsCipherSuite>(name, ignoreCase: false, out var suite))
        {
            return suite;
        }
        throw new ArgumentException($"Cipher suite {name} not supported or doesn't exist; valid values: {string.Join(", ", SupportedCipherNames)}");
    }
}
