using Microsoft.CodeAnalysis;

namespace Flagwork.Generators.Tests;

/// <summary>
/// One test (or more) per diagnostic: the generator reports it with its ID and severity, at the member or attribute
/// at fault, and a model with an error generates nothing for that class.
/// </summary>
public sealed class DiagnosticTests
{
    private const string File = "Diagnostics/Model.cs";

    [Fact]
    public void FLAG0001_ADictionaryIsNotABindableType()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                public Dictionary<string, string> Labels { get; set; } = [];
            }
            """);

        AssertOnly(run, "FLAG0001", DiagnosticSeverity.Error, "Labels");
        Assert.Contains("Dictionary<string, string>", Only(run).GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void FLAG0001_AnArrayIsNotABindableType()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("ports")]
                public int[] Ports { get; set; } = [];
            }
            """);

        AssertOnly(run, "FLAG0001", DiagnosticSeverity.Error, "Ports");
    }

    [Fact]
    public void FLAG0002_AnOptionsClassMustBePartial()
    {
        var run = Generate("""
            [Options]
            public class Config
            {
                [Flag("name")]
                public string Name { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0002", DiagnosticSeverity.Error, "Config");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void FLAG0003_AFlagNameMustBeLowerCaseWordsJoinedByDashes()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("Bad_Name")]
                public string Name { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0003", DiagnosticSeverity.Error, "Flag(\"Bad_Name\")");
    }

    [Fact]
    public void FLAG0003_AFlagNameMustNotStartWithDashes()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("--name")]
                public string Name { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0003", DiagnosticSeverity.Error, "Flag(\"--name\")");
    }

    [Fact]
    public void FLAG0004_TheSameFlagTwiceIsReportedOnTheSecond()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("name")]
                public string First { get; set; } = "";

                [Flag("name")]
                public string Second { get; set; } = "";
            }
            """);

        var diagnostic = AssertOnly(run, "FLAG0004", DiagnosticSeverity.Error, "Flag(\"name\")");
        Assert.True(diagnostic.Location.SourceSpan.Start > Source(run).IndexOf("First", StringComparison.Ordinal));
    }

    [Fact]
    public void FLAG0004_AFlagInANestedObjectClashesWithOneOfTheRoot()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("name")]
                public string Name { get; set; } = "";

                public Child Child { get; set; } = new();
            }

            [Options]
            public partial class Child
            {
                [Flag("name")]
                public string ChildName { get; set; } = "";
            }
            """);

        // Child alone is valid and generated; Config's tree holds two --name flags.
        var diagnostic = AssertOnly(run, "FLAG0004", DiagnosticSeverity.Error, "Flag(\"name\")");
        Assert.Contains("Config", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("Sample.Diagnostics.Child.Flags.g.cs", run.Sources.Keys);
        Assert.DoesNotContain("Sample.Diagnostics.Config.Flags.g.cs", run.Sources.Keys);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("config")]
    [InlineData("print-config")]
    [InlineData("print-config-schema")]
    public void FLAG0004_ABuiltInFlagCannotBeDeclared(string flag)
    {
        var run = Generate($$"""
            [Options]
            public partial class Config
            {
                [Flag("{{flag}}")]
                public bool Value { get; set; }
            }
            """);

        AssertOnly(run, "FLAG0004", DiagnosticSeverity.Error, $"Flag(\"{flag}\")");
    }

    [Fact]
    public void FLAG0005_TwoMembersWithTheSameKey()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Key("address")]
                public string ListenAddress { get; set; } = "";

                [Key("address")]
                public string BindAddress { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0005", DiagnosticSeverity.Error, "BindAddress");
    }

    [Fact]
    public void FLAG0005_AKeyThatCollidesWithTheDefaultKeyOfAnotherMember()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                public string Name { get; set; } = "";

                [Key("name")]
                public string DisplayName { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0005", DiagnosticSeverity.Error, "DisplayName");
    }

    [Theory]
    [InlineData("ApiVersion = \"v1\"", "ApiVersion")]
    [InlineData("Kind = \"Config\"", "Kind")]
    public void FLAG0005_AMemberCannotTakeTheKeyOfApiVersionOrKind(string attributeArgument, string property)
    {
        var run = Generate($$"""
            [Options({{attributeArgument}})]
            public partial class Config
            {
                public string {{property}} { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0005", DiagnosticSeverity.Error, property);
    }

    [Fact]
    public void FLAG0006_ANestedClassWithoutOptions()
    {
        var run = Generate("""
            public class Plain
            {
                public string Value { get; set; } = "";
            }

            [Options]
            public partial class Config
            {
                public Plain Nested { get; set; } = new();
            }
            """);

        AssertOnly(run, "FLAG0006", DiagnosticSeverity.Error, "Nested");
    }

    [Fact]
    public void FLAG0007_FilePathOnAnInt()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("port"), FilePath]
                public int Port { get; set; }
            }
            """);

        AssertOnly(run, "FLAG0007", DiagnosticSeverity.Error, "FilePath");
    }

    [Fact]
    public void FLAG0007_FlagOnANestedObject()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("child")]
                public Child Child { get; set; } = new();
            }

            [Options]
            public partial class Child
            {
                [Flag("child-name")]
                public string Name { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0007", DiagnosticSeverity.Error, "Flag(\"child\")");
    }

    [Fact]
    public void FLAG0007_RequiredOnABool()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("enabled"), Required]
                public bool Enabled { get; set; }
            }
            """);

        AssertOnly(run, "FLAG0007", DiagnosticSeverity.Error, "Required");
    }

    [Fact]
    public void FLAG0008_ADefaultFromAMethodCallIsAWarningAndTheClassIsStillGenerated()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("host")]
                public string Host { get; set; } = Environment.MachineName.ToLowerInvariant();
            }
            """);

        AssertOnly(run, "FLAG0008", DiagnosticSeverity.Warning, "Environment.MachineName.ToLowerInvariant()");
        Assert.Contains("Sample.Diagnostics.Config.Flags.g.cs", run.Sources.Keys);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Contains("--host string", run.Sources["Sample.Diagnostics.Config.Help.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("(default", run.Sources["Sample.Diagnostics.Config.Help.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string", "\"text\"")]
    [InlineData("string", "\"\"")]
    [InlineData("string?", "null")]
    [InlineData("bool", "false")]
    [InlineData("int", "-3")]
    [InlineData("long", "5")]
    [InlineData("double", "1")]
    [InlineData("TimeSpan", "TimeSpan.FromSeconds(1.5)")]
    [InlineData("TimeSpan", "TimeSpan.Zero")]
    [InlineData("TimeSpan", "default")]
    [InlineData("DayOfWeek", "DayOfWeek.Friday")]
    [InlineData("DayOfWeek", "default")]
    [InlineData("DayOfWeek?", "DayOfWeek.Friday")]
    [InlineData("DayOfWeek?", "null")]
    [InlineData("DayOfWeek?", "default")]
    [InlineData("List<string>", "[]")]
    [InlineData("List<string>", "[\"a\", \"b\"]")]
    [InlineData("List<string>", "new()")]
    [InlineData("List<string>", "new List<string> { \"a\" }")]
    public void AConstantDefaultNeedsNoWarning(string type, string initializer)
    {
        var run = Generate($$"""
            [Options]
            public partial class Config
            {
                [Flag("value")]
                public {{type}} Value { get; set; } = {{initializer}};
            }
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, TestHelpers.Describe(run.GeneratorDiagnostics));
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void AnErrorInANestedOptionsClassIsReportedOnce()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                public Child Child { get; set; } = new();
            }

            [Options]
            public partial class Child
            {
                public int[] Ports { get; set; } = [];
            }
            """);

        AssertOnly(run, "FLAG0001", DiagnosticSeverity.Error, "Ports");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void AWarningInANestedOptionsClassIsReportedOnce()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                public Child Child { get; set; } = new();
            }

            [Options]
            public partial class Child
            {
                [Flag("host")]
                public string Host { get; set; } = Environment.MachineName;
            }
            """);

        AssertOnly(run, "FLAG0008", DiagnosticSeverity.Warning, "Environment.MachineName");
        Assert.Equal(10, run.Sources.Count);
    }

    [Fact]
    public void FLAG0009_AGetOnlyProperty()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("name")]
                public string Name { get; } = "";
            }
            """);

        AssertOnly(run, "FLAG0009", DiagnosticSeverity.Error, "Name");
    }

    [Fact]
    public void FLAG0009_AnInitOnlyProperty()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("name")]
                public string Name { get; init; } = "";
            }
            """);

        AssertOnly(run, "FLAG0009", DiagnosticSeverity.Error, "Name");
    }

    [Fact]
    public void AComputedPropertyIsNotAMember()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("name")]
                public string Name { get; set; } = "";

                public bool HasName => Name.Length > 0;

                public int NameLength
                {
                    get { return Name.Length; }
                }
            }
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, TestHelpers.Describe(run.GeneratorDiagnostics));
        Assert.DoesNotContain("HasName", run.Sources["Sample.Diagnostics.Config.Binding.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("NameLength", run.Sources["Sample.Diagnostics.Config.Binding.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void FLAG0009_AComputedPropertyWithAFlag()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("name")]
                public string Name => "fixed";
            }
            """);

        AssertOnly(run, "FLAG0009", DiagnosticSeverity.Error, "Name");
    }

    [Fact]
    public void FLAG0010_ARequiredTogetherGroupWithOneMember()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("cert-file"), RequiredTogether("tls")]
                public string CertFile { get; set; } = "";

                [Flag("key-file"), RequiredTogether("tsl")]
                public string KeyFile { get; set; } = "";
            }
            """);

        var diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(["FLAG0010", "FLAG0010"], diagnostics.Select(d => d.Id));
        AssertAt(run, diagnostics[0], DiagnosticSeverity.Error, "RequiredTogether(\"tls\")");
        AssertAt(run, diagnostics[1], DiagnosticSeverity.Error, "RequiredTogether(\"tsl\")");
    }

    [Theory]
    [InlineData("tls mode")]
    [InlineData("mode/2")]
    [InlineData("1st")]
    [InlineData("a-b.c")]
    public void AnyGroupNameGivesCompilableValidation(string group)
    {
        var run = Generate($$"""
            [Options]
            public partial class Config
            {
                [Flag("cert-file"), RequiredTogether("{{group}}"), MutuallyExclusive("{{group}}")]
                public string CertFile { get; set; } = "";

                [Flag("key-file"), RequiredTogether("{{group}}"), MutuallyExclusive("{{group}}")]
                public string KeyFile { get; set; } = "";
            }
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, TestHelpers.Describe(run.GeneratorDiagnostics));
        var problems = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, TestHelpers.Describe(problems));
    }

    [Fact]
    public void FLAG0010_AMutuallyExclusiveGroupWithOneMember()
    {
        var run = Generate("""
            [Options]
            public partial class Config
            {
                [Flag("password"), MutuallyExclusive("credentials")]
                public string Password { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0010", DiagnosticSeverity.Error, "MutuallyExclusive(\"credentials\")");
    }

    [Fact]
    public void FLAG0011_TwoOptionsClassesThatContainEachOther()
    {
        var run = Generate("""
            [Options]
            public partial class A
            {
                public B Child { get; set; } = new();
            }

            [Options]
            public partial class B
            {
                public A Parent { get; set; } = new();
            }
            """);

        // Each class is a root of its own and finds the cycle where the tree comes back to it.
        var diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(["FLAG0011", "FLAG0011"], diagnostics.Select(d => d.Id));
        AssertAt(run, diagnostics[0], DiagnosticSeverity.Error, "Child");
        AssertAt(run, diagnostics[1], DiagnosticSeverity.Error, "Parent");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void FLAG0011_AnOptionsClassThatContainsItself()
    {
        var run = Generate("""
            [Options]
            public partial class Node
            {
                public Node Next { get; set; } = new();
            }
            """);

        AssertOnly(run, "FLAG0011", DiagnosticSeverity.Error, "Next");
    }

    [Fact]
    public void FLAG0012_AnOptionsClassNestedInAnotherType()
    {
        var run = Generate("""
            public partial class Outer
            {
                [Options]
                public partial class Config
                {
                    [Flag("name")]
                    public string Name { get; set; } = "";
                }
            }
            """);

        AssertOnly(run, "FLAG0012", DiagnosticSeverity.Error, "Config");
        Assert.Contains("nested", Only(run).GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void FLAG0012_AGenericOptionsClass()
    {
        var run = Generate("""
            [Options]
            public partial class Config<T>
            {
                [Flag("name")]
                public string Name { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0012", DiagnosticSeverity.Error, "Config");
        Assert.Contains("generic", Only(run).GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void FLAG0012_AnOptionsClassWithoutAPublicParameterlessConstructor()
    {
        var run = Generate("""
            [Options]
            public partial class Config(string name)
            {
                [Flag("name")]
                public string Name { get; set; } = name;
            }
            """);

        AssertOnly(run, "FLAG0012", DiagnosticSeverity.Error, "Config");
    }

    [Fact]
    public void FLAG0013_AnEnvironmentPrefixWithADash()
    {
        var run = Generate("""
            [Options(EnvPrefix = "bad-prefix")]
            public partial class Config
            {
                [Flag("name")]
                public string Name { get; set; } = "";
            }
            """);

        AssertOnly(run, "FLAG0013", DiagnosticSeverity.Error, "EnvPrefix = \"bad-prefix\"");
    }

    [Fact]
    public void EveryDiagnosticIsListedInTheUnshippedReleaseNotesWithItsSeverity()
    {
        var releases = System.IO.File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "generators", "Flagwork.Generators", "AnalyzerReleases.Unshipped.md"))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 4 && cells[0].StartsWith("FLAG", StringComparison.Ordinal))
            .ToDictionary(cells => cells[0], cells => (Category: cells[1], Severity: cells[2]));
        var descriptors = Descriptors();

        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
        {
            Assert.True(releases.TryGetValue(descriptor.Id, out var entry), $"{descriptor.Id} is not in AnalyzerReleases.Unshipped.md");
            Assert.Equal(descriptor.Category, entry.Category);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), entry.Severity);
        }
        Assert.Equal(descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), releases.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDescriptorCanBeFoundByItsId()
    {
        var byId = typeof(OptionsGenerator).Assembly.GetType("Flagwork.Generators.DiagnosticDescriptors", throwOnError: true)!
            .GetMethod("ById", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!;

        // Diagnostics travel through the pipeline by ID and are turned back into descriptors when reported.
        Assert.All(Descriptors(), d => Assert.Same(d, byId.Invoke(null, [d.Id])));
    }

    [Fact]
    public void DiagnosticIdsAreUniqueAndShareThePrefix()
    {
        var ids = Descriptors().Select(d => d.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^FLAG[0-9]{4}$", id));
    }

    /// <summary>The descriptors, read from the generator's internal <c>DiagnosticDescriptors</c> class.</summary>
    private static List<DiagnosticDescriptor> Descriptors() =>
        typeof(OptionsGenerator).Assembly.GetType("Flagwork.Generators.DiagnosticDescriptors", throwOnError: true)!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    private static GeneratorRun Generate(string body) => TestHelpers.Run(
    [
        new SourceFile(File, "using System;\nusing System.Collections.Generic;\nusing Flagwork;\n\nnamespace Sample.Diagnostics;\n\n" + body),
    ]);

    private static string Source(GeneratorRun run) => run.Input.SyntaxTrees.Single(t => t.FilePath == File).GetText().ToString();

    private static Diagnostic Only(GeneratorRun run) => Assert.Single(run.GeneratorDiagnostics);

    /// <summary>The run reported exactly one diagnostic, this one, at source text containing <paramref name="expectedText"/>.</summary>
    private static Diagnostic AssertOnly(GeneratorRun run, string id, DiagnosticSeverity severity, string expectedText)
    {
        Assert.True(run.GeneratorDiagnostics.Length == 1 && run.GeneratorDiagnostics[0].Id == id,
            $"Expected exactly one {id}, got:{Environment.NewLine}{TestHelpers.Describe(run.GeneratorDiagnostics)}");
        var diagnostic = run.GeneratorDiagnostics[0];
        AssertAt(run, diagnostic, severity, expectedText);
        return diagnostic;
    }

    private static void AssertAt(GeneratorRun run, Diagnostic diagnostic, DiagnosticSeverity severity, string expectedText)
    {
        Assert.Equal(severity, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile, diagnostic.ToString());
        var lineSpan = diagnostic.Location.GetLineSpan();
        Assert.Equal(File, lineSpan.Path);
        var tree = run.Input.SyntaxTrees.Single(t => t.FilePath == lineSpan.Path);
        var text = tree.GetText();
        var located = text.ToString(diagnostic.Location.SourceSpan);
        Assert.True(located.Contains(expectedText, StringComparison.Ordinal),
            $"{diagnostic.Id} points at `{located}`, which does not contain `{expectedText}`.");
        Assert.Equal(text.Lines.GetLinePositionSpan(diagnostic.Location.SourceSpan), lineSpan.Span);
    }
}
