namespace Flagwork.Documents;

/// <summary>The syntax of a config file. <see cref="ConfigDocumentReader.ReadFile"/> picks it from the extension.</summary>
public enum ConfigFormat
{
    Yaml,
    Json,
}
