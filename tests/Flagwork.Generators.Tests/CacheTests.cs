using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flagwork.Generators.Tests;

/// <summary>
/// The generator runs on every keystroke in an IDE. An edit that cannot change the output must leave every named step
/// Cached or Unchanged and regenerate no file; an edit that does change it must regenerate exactly what it affects.
/// </summary>
public sealed class CacheTests
{
    public static TheoryData<string> ScenarioNames => Scenarios.Names;

    /// <summary>An unrelated class with a method, present in the first run so that the second can edit its body.</summary>
    private static readonly SourceFile Unrelated = new("Unrelated/Clock.cs", """
        namespace Sample.Unrelated;

        public static class Clock
        {
            public static int Ticks(int seed)
            {
                return seed + 1;
            }
        }
        """);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void StepOutputsHoldNoSymbolsCompilationsOrSyntax(string scenario)
    {
        var run = Scenarios.ByName(scenario).Run;

        StepOutputs.AssertNoRoslynObjects(run.Result);
    }

    [Fact]
    public void TheRoslynObjectCheckFindsSyntaxHiddenInsideAModel()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var holder = new Holder("name", [new Inner(null), new Inner(tree.GetRoot())]);

        var found = StepOutputs.FindRoslynObjects(holder, "Test");

        Assert.Contains(found, f => f.Contains("Items[1].Node holds", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("is declared as Microsoft.CodeAnalysis.SyntaxNode", StringComparison.Ordinal));
        Assert.Empty(StepOutputs.FindRoslynObjects(new Clean("x", [1, 2], Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(0, 1)), "Test"));
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void EditingAMethodBodyDoesNotRegenerate(string scenario)
    {
        var first = TestHelpers.Run([.. Scenarios.ByName(scenario).Sources.Value, Unrelated]);
        var edited = TestHelpers.ReplaceFile(first.Input, Unrelated.Path, text => text.Replace("seed + 1", "seed * 2 + 1", StringComparison.Ordinal));

        var second = TestHelpers.Run(first.Driver, edited);

        StepOutputs.AssertAllCached(second.Result);
        StepOutputs.AssertNoRoslynObjects(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void AddingAnUnrelatedFileDoesNotRegenerate(string scenario)
    {
        var first = Scenarios.ByName(scenario).Run;
        var edited = TestHelpers.AddFile((CSharpCompilation)first.Input.Clone(), Unrelated);

        var second = TestHelpers.Run(first.Driver, edited);

        StepOutputs.AssertAllCached(second.Result);
        StepOutputs.AssertNoRoslynObjects(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void RunningAgainOnAnIdenticalCompilationDoesNotRegenerate(string scenario)
    {
        var first = Scenarios.ByName(scenario).Run;

        var second = TestHelpers.Run(first.Driver, (CSharpCompilation)first.Input.Clone());

        StepOutputs.AssertAllCached(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void EditingAMethodBodyInsideAnOptionsClassDoesNotRegenerate()
    {
        var first = Scenarios.EverySupportedShape.Run;
        var edited = TestHelpers.ReplaceFile(first.Input, "Everything/EverythingConfig.cs",
            text => text.Replace("public override string ToString() => Name;", "public override string ToString() => Name + \"!\";", StringComparison.Ordinal));

        var second = TestHelpers.Run(first.Driver, edited);

        StepOutputs.AssertAllCached(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    /// <summary>A valid class beside one with a warning and one with an error.</summary>
    private static readonly SourceFile WithDiagnostics = new("Warnings/Config.cs", """
        using System;
        using Flagwork;

        namespace Sample.Warnings;

        [Options]
        public partial class WarnedConfig
        {
            [Flag("host")]
            public string Host { get; set; } = Environment.MachineName;
        }

        [Options]
        public partial class BrokenConfig
        {
            [Flag("Bad_Name")]
            public string Name { get; set; } = "";
        }
        """);

    [Fact]
    public void AnUnrelatedEditKeepsDiagnosticsCached()
    {
        var first = TestHelpers.Run([WithDiagnostics, Unrelated]);
        Assert.Equal(["FLAG0003", "FLAG0008"], first.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        var edited = TestHelpers.ReplaceFile(first.Input, Unrelated.Path, text => text.Replace("seed + 1", "seed - 1", StringComparison.Ordinal));

        var second = TestHelpers.Run(first.Driver, edited);

        StepOutputs.AssertAllCached(second.Result);
        StepOutputs.AssertNoRoslynObjects(second.Result);
        Assert.Equal(first.GeneratorDiagnostics.Select(d => d.ToString()), second.GeneratorDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void MovingAWarningReportsItAtItsNewPlaceWithoutRegeneratingSource()
    {
        var first = TestHelpers.Run([WithDiagnostics]);
        var edited = TestHelpers.ReplaceFile(first.Input, WithDiagnostics.Path,
            text => text.Replace("namespace Sample.Warnings;", "namespace Sample.Warnings;\n\n// Two lines that move everything below.", StringComparison.Ordinal));

        var second = TestHelpers.Run(first.Driver, edited);

        Assert.Contains(StepOutputs.Outputs(second.Result, TrackingNames.Diagnostics), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(StepOutputs.Outputs(second.Result, TrackingNames.Specs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, o.Reason.ToString()));
        Assert.Equal(first.Sources, second.Sources);
        var before = first.GeneratorDiagnostics.Single(d => d.Id == "FLAG0008").Location.GetLineSpan().StartLinePosition.Line;
        var after = second.GeneratorDiagnostics.Single(d => d.Id == "FLAG0008").Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public void RenamingAFlagRegenerates()
    {
        var first = Scenarios.MetricsTLSConfig.Run;
        var edited = TestHelpers.ReplaceFile(first.Input, "Configuration/MetricsTLSConfig.cs",
            text => text.Replace("[Flag(\"metrics-tls-min-version\")]", "[Flag(\"metrics-tls-minimum-version\")]", StringComparison.Ordinal));

        var second = TestHelpers.Run(first.Driver, edited);

        // The class that declares the flag and the class that nests it are re-specified; the other two are untouched.
        Assert.Equal(["MetricsComponentConfig", "MetricsTLSConfig"], ModifiedSpecs(second));
        Assert.Equal(["DynamicServingConfig", "FilesystemServingConfig"], UnchangedSpecs(second));
        var flags = second.Sources["Flagwork.Metrics.MetricsTLSConfig.Flags.g.cs"];
        Assert.NotEqual(first.Sources["Flagwork.Metrics.MetricsTLSConfig.Flags.g.cs"], flags);
        Assert.Contains("\"metrics-tls-minimum-version\" => ", flags, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics-tls-min-version", flags, StringComparison.Ordinal);
        Assert.Contains("--metrics-tls-minimum-version string", second.Sources["Flagwork.Metrics.MetricsComponentConfig.Help.g.cs"], StringComparison.Ordinal);
        Assert.Equal(first.Sources["Flagwork.Metrics.DynamicServingConfig.Flags.g.cs"], second.Sources["Flagwork.Metrics.DynamicServingConfig.Flags.g.cs"]);
    }

    [Fact]
    public void ChangingADescriptionRegenerates()
    {
        var first = Scenarios.MetricsTLSConfig.Run;
        var edited = TestHelpers.ReplaceFile(first.Input, "Configuration/FilesystemServingConfig.cs",
            text => text.Replace("path to the file containing the TLS certificate to serve with", "path to the PEM certificate chain", StringComparison.Ordinal));

        var second = TestHelpers.Run(first.Driver, edited);

        Assert.Equal(["FilesystemServingConfig", "MetricsComponentConfig", "MetricsTLSConfig"], ModifiedSpecs(second));
        Assert.Equal(["DynamicServingConfig"], UnchangedSpecs(second));
        foreach (var hintName in new[] { "Flagwork.Metrics.FilesystemServingConfig.Help.g.cs", "Flagwork.Metrics.FilesystemServingConfig.Schema.g.cs" })
        {
            Assert.NotEqual(first.Sources[hintName], second.Sources[hintName]);
            Assert.Contains("path to the PEM certificate chain", second.Sources[hintName], StringComparison.Ordinal);
        }
        Assert.True(second.Output.GetDiagnostics().All(d => d.Severity < DiagnosticSeverity.Warning));
    }

    private sealed record Inner(SyntaxNode? Node);

    private sealed record Holder(string Name, Inner[] Items);

    private sealed record Clean(string Name, int[] Numbers, Microsoft.CodeAnalysis.Text.TextSpan Span);

    private static List<string> ModifiedSpecs(GeneratorRun run) => SpecsWith(run, IncrementalStepRunReason.Modified);

    private static List<string> UnchangedSpecs(GeneratorRun run) =>
        SpecsWith(run, IncrementalStepRunReason.Unchanged).Concat(SpecsWith(run, IncrementalStepRunReason.Cached)).Order(StringComparer.Ordinal).ToList();

    private static List<string> SpecsWith(GeneratorRun run, IncrementalStepRunReason reason) =>
        StepOutputs.Outputs(run.Result, TrackingNames.Specs)
            .Where(o => o.Reason == reason)
            .Select(o => StepOutputs.TypeNameOf(o.Value)!)
            .Order(StringComparer.Ordinal)
            .ToList();
}
