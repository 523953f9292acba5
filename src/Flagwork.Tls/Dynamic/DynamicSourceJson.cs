using System.Text.Json.Serialization;

namespace Flagwork.Tls.Dynamic;

/// <summary>Renders DNS names as a JSON array for the log line operators know (<c>DNSNames=["a"]</c>), without reflection.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class DynamicSourceJson : JsonSerializerContext;
