using Flagwork.Metrics;

namespace Component.Tests;

/// <summary>
/// The JSON Schemas under <c>schema/</c> are generated; the checked-in copies must match what the generator emits.
/// Run with <c>FLAGWORK_UPDATE_SCHEMAS=1</c> to rewrite them.
/// </summary>
public sealed class SchemaFileTests
{
    private const string UpdateVariable = "FLAGWORK_UPDATE_SCHEMAS";

    public static TheoryData<string> SchemaFiles => ["component.schema.json", "metrics-tls-config.schema.json"];

    /// <summary>What each checked-in file must hold: the generated constant, LF line endings, one final newline.</summary>
    internal static string Expected(string fileName) => Normalise(fileName switch
    {
        "component.schema.json" => ComponentConfiguration.JsonSchema,
        "metrics-tls-config.schema.json" => MetricsTLSConfig.JsonSchema,
        _ => throw new ArgumentOutOfRangeException(nameof(fileName), fileName, "not a generated schema"),
    });

    internal static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void SchemaFilesAreUpToDate(string fileName)
    {
        var path = Repository.Schema(fileName);
        var expected = Expected(fileName);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var how = $"regenerate it with: {UpdateVariable}=1 dotnet test tests/Component.Tests (then commit schema/)";
        Assert.True(File.Exists(path), $"{path} is missing; {how}");
        var actual = Normalise(File.ReadAllText(path));
        if (actual != expected)
        {
            var line = FirstDifferentLine(actual, expected);
            Assert.Fail($"{path} is out of date with the generated schema (first difference at line {line}); {how}");
        }
    }

    private static int FirstDifferentLine(string actual, string expected)
    {
        var a = actual.Split('\n');
        var e = expected.Split('\n');
        var i = 0;
        while (i < a.Length && i < e.Length && a[i] == e[i])
        {
            i++;
        }
        return i + 1;
    }
}
