namespace Flagwork.Metrics;

/// <summary>
/// cert-manager's <c>MetricsTLSConfig</c>: plain HTTP when empty, static TLS from files, or dynamic TLS from a CA kept in
/// a named Secret. Keys, flags, defaults and help texts are cert-manager's; the rules V1–V6 are declared here.
/// </summary>
[Options]
[Description("TLS for the metrics endpoint: certificate files (filesystem) or a CA in a Secret (dynamic), never both. Empty means plain HTTP.")]
public sealed partial class MetricsTLSConfig
{
    /// <summary>Go's IANA cipher-suite names, as cert-manager lists them in its help text.</summary>
    public const string CipherSuiteNames =
        "TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, " +
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, " +
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, " +
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, " +
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, " +
        "TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_256_CBC_SHA, TLS_RSA_WITH_AES_256_GCM_SHA384. " +
        "Insecure values: TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TLS_ECDHE_ECDSA_WITH_RC4_128_SHA, TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, " +
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, TLS_ECDHE_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA, " +
        "TLS_RSA_WITH_AES_128_CBC_SHA256, TLS_RSA_WITH_RC4_128_SHA.";

    private const string BothModes = "cannot specify both filesystem based and dynamic TLS configuration";

    [Flag("metrics-tls-cipher-suites")]
    [Description("Comma-separated list of cipher suites for the server. If omitted, the default Go cipher suites will be used.  Possible values: " + CipherSuiteNames)]
    public List<string> CipherSuites { get; set; } = [];

    [Flag("metrics-tls-min-version")]
    [Description("Minimum TLS version supported. If omitted, the default Go minimum version will be used. Possible values: VersionTLS10, VersionTLS11, VersionTLS12, VersionTLS13")]
    public TLSVersion? MinTLSVersion { get; set; }

    [Description("Serve a certificate and key read from files, reloaded when they change.")]
    [MutuallyExclusive("mode", Message = BothModes)]
    public FilesystemServingConfig Filesystem { get; set; } = new();

    [Description("Serve certificates signed by a CA kept in a named Secret, shared by every replica.")]
    [MutuallyExclusive("mode", Message = BothModes)]
    public DynamicServingConfig Dynamic { get; set; } = new();
}
