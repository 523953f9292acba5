namespace Flagwork;

/// <summary>
/// Marks a <c>partial</c> class as a Flagwork options class. The generator emits, at compile time, its flag parser,
/// config-file and environment binding, <c>IConfiguration</c> binding, validation, JSON Schema and <c>--help</c> text.
/// Nested option objects must carry this attribute too.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OptionsAttribute : Attribute
{
    /// <summary>Prefix of every environment variable, e.g. <c>COMPONENT</c> gives <c>COMPONENT_METRICS_TLS_CERT_FILE</c>.</summary>
    public string? EnvPrefix { get; set; }

    /// <summary>When set, a config file may carry <c>apiVersion</c>; if it does, it must equal this value.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>When set, a config file may carry <c>kind</c>; if it does, it must equal this value.</summary>
    public string? Kind { get; set; }
}
