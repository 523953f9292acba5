using System.Collections.Immutable;
using Flagwork.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Flagwork.Generators.Tests;

/// <summary>One source file of a test compilation: a path (which the generator sees, and which orders members) and its text.</summary>
internal sealed record SourceFile(string Path, string Text);

/// <summary>What one generator run produced: the driver (to run again incrementally), the input and output
/// compilations, the generator's own diagnostics and its generated files by hint name.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    CSharpCompilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    GeneratorRunResult Result)
{
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}

/// <summary>Builds compilations the way an SDK project that uses Flagwork does, and runs <see cref="OptionsGenerator"/> on them.</summary>
internal static class TestHelpers
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithDeterministic(true);

    /// <summary>
    /// The net10.0 reference assemblies, the Flagwork runtime and the Microsoft.Extensions assemblies its generated code
    /// names (IConfiguration, OptionsBuilder, IServiceCollection; Primitives because IConfiguration exposes change tokens).
    /// </summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        .. new[]
        {
            typeof(OptionsAttribute).Assembly,
            typeof(IConfiguration).Assembly,
            typeof(OptionsBuilder<>).Assembly,
            typeof(IServiceCollection).Assembly,
            typeof(StringValues).Assembly,
        }.Distinct().Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)),
    ];

    /// <summary>What <c>ImplicitUsings=enable</c> adds to a Microsoft.NET.Sdk project; the flagship model relies on it.</summary>
    public static readonly SourceFile ImplicitUsings = new("obj/GlobalUsings.g.cs", """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """);

    /// <summary>Every test compilation grows from this one, so they share its bound references instead of each binding
    /// the whole reference set again (most of the cost of a small compilation).</summary>
    private static readonly CSharpCompilation s_empty =
        CSharpCompilation.Create("Flagwork.Generators.TestInput", [], References, CompilationOptions);

    public static CSharpCompilation CreateCompilation(IEnumerable<SourceFile> sources) =>
        s_empty.AddSyntaxTrees(sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new OptionsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(IEnumerable<SourceFile> sources) => Run(CreateDriver(), CreateCompilation(sources));

    /// <summary>Runs <paramref name="driver"/> (fresh, or the result of an earlier run, to test caching) on a compilation.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = Assert.Single(driver.GetRunResult().Results);
        Assert.Null(result.Exception);
        return new GeneratorRun(driver, compilation, output, diagnostics, result);
    }

    /// <summary>Replaces the text of one syntax tree (found by path) in a compilation, as an IDE edit does.</summary>
    public static CSharpCompilation ReplaceFile(CSharpCompilation compilation, string path, Func<string, string> edit)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var before = tree.GetText().ToString();
        var after = edit(before);
        Assert.NotEqual(before, after);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(after, ParseOptions, path));
    }

    public static CSharpCompilation AddFile(CSharpCompilation compilation, SourceFile file) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path));

    /// <summary>Formats diagnostics one a line with their location, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
