using Flagwork.CommandLine;
using Flagwork.Documents;

namespace Component;

/// <summary>The configuration embedded in the binary (component.yaml), for a run without arguments.</summary>
internal static class BuiltInConfiguration
{
    public const string Name = "embedded:component.yaml";

    public static DefaultConfig Load()
    {
        using var stream = typeof(BuiltInConfiguration).Assembly.GetManifestResourceStream("component.yaml")
            ?? throw new InvalidOperationException("the built-in configuration is missing from the binary");
        using var reader = new StreamReader(stream);
        return new DefaultConfig(Name, ConfigFormat.Yaml, reader.ReadToEnd());
    }
}
