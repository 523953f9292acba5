using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Flagwork.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flagwork.Benchmarks.Generator;

/// <summary>
/// The compilations scenario 5 runs <see cref="OptionsGenerator"/> on: the flagship model (the files of
/// src/Flagwork.Metrics/Configuration, read from the repository) and a synthetic model of 500 members. Each also holds
/// an unrelated class whose method body the "unrelated edit" changes, as an IDE keystroke would.
/// </summary>
public static class GeneratorInputs
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly string[] FlagshipFiles =
        ["MetricsComponentConfig.cs", "MetricsTLSConfig.cs", "FilesystemServingConfig.cs", "DynamicServingConfig.cs", "TLSVersion.cs"];

    private const string UnrelatedPath = "Unrelated/Clock.cs";

    private const string UnrelatedSource = """
        namespace Sample.Unrelated;

        public static class Clock
        {
            public static int Ticks(int seed)
            {
                return seed + 1;
            }
        }
        """;

    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>net10.0 reference assemblies plus the Flagwork runtime (the attributes and what generated code names).</summary>
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        .. new[]
        {
            typeof(OptionsAttribute).Assembly,
            typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
            typeof(Microsoft.Extensions.Options.OptionsBuilder<>).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
            typeof(Microsoft.Extensions.Primitives.StringValues).Assembly,
        }.Distinct().Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)),
    ];

    private static readonly CSharpCompilation s_empty = CSharpCompilation.Create(
        "Flagwork.Benchmarks.GeneratorInput", [], References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithNullableContextOptions(NullableContextOptions.Enable));

    public static string RepositoryRoot { get; } = typeof(GeneratorInputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static CSharpCompilation Flagship() => Create(
        FlagshipFiles.Select(name => ("Configuration/" + name,
            File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Flagwork.Metrics", "Configuration", name)))));

    public static CSharpCompilation Synthetic(int members) => Create([("Synthetic/SyntheticConfig.cs", SyntheticSource(members))]);

    /// <summary>The same compilation with the unrelated method's body edited (its syntax tree replaced).</summary>
    public static CSharpCompilation WithUnrelatedEdit(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
        var edited = UnrelatedSource.Replace("seed + 1", "seed * 2 + 1", StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edited, ParseOptions, UnrelatedPath));
    }

    public static GeneratorDriver CreateDriver(bool trackSteps) => CSharpGeneratorDriver.Create(
        [new OptionsGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// One root with ten nested sections of 50 members each: strings (some with DNS, host:port or required-together
    /// checks), ints, longs, doubles, bools, durations, enums, nullable enums and lists, every one with a flag and a
    /// description.
    /// </summary>
    public static string SyntheticSource(int members)
    {
        const int sections = 10;
        var perSection = members / sections;
        var text = new StringBuilder();
        text.AppendLine("using Flagwork;").AppendLine().AppendLine("namespace Sample.Synthetic;").AppendLine();
        text.AppendLine("public enum Level { Low, Medium, High }").AppendLine();
        text.AppendLine("[Options(EnvPrefix = \"SYN\")]").AppendLine("public sealed partial class SyntheticConfig").AppendLine("{");
        for (var s = 0; s < sections; s++)
        {
            text.AppendLine($"    public Section{s} Section{s} {{ get; set; }} = new();").AppendLine();
        }
        text.AppendLine("}").AppendLine();
        for (var s = 0; s < sections; s++)
        {
            text.AppendLine("[Options]").AppendLine($"public sealed partial class Section{s}").AppendLine("{");
            for (var m = 0; m < perSection; m++)
            {
                var flag = $"s{s}-m{m}";
                text.AppendLine($"    [Flag(\"{flag}\")]");
                text.AppendLine($"    [Description(\"Member {m} of section {s}.\")]");
                var declaration = (m % 12) switch
                {
                    0 => $"public string M{m} {{ get; set; }} = \"value-{m}\";",
                    1 => $"public int M{m} {{ get; set; }} = {m};",
                    2 => $"public bool M{m} {{ get; set; }} = true;",
                    3 => $"public TimeSpan M{m} {{ get; set; }} = TimeSpan.FromSeconds({m + 1});",
                    4 => $"public List<string> M{m} {{ get; set; }} = [\"a\", \"b\"];",
                    5 => $"public Level M{m} {{ get; set; }} = Level.Medium;",
                    6 => $"public double M{m} {{ get; set; }} = 0.5;",
                    7 => $"public long M{m} {{ get; set; }} = 10_000_000_000L;",
                    8 => $"[DnsName] public string M{m} {{ get; set; }} = \"\";",
                    9 => $"[HostPort] public string M{m} {{ get; set; }} = \"127.0.0.1:{8000 + m}\";",
                    10 => $"[RequiredTogether(\"pair{m / 12}\")] public string M{m} {{ get; set; }} = \"\";",
                    _ => $"[RequiredTogether(\"pair{m / 12}\")] public Level? M{m} {{ get; set; }}",
                };
                text.AppendLine("    " + declaration).AppendLine();
            }
            text.AppendLine("}").AppendLine();
        }
        return text.ToString();
    }

    private static CSharpCompilation Create(IEnumerable<(string Path, string Text)> files) =>
        s_empty.AddSyntaxTrees(
            [.. files.Append(("obj/GlobalUsings.g.cs", ImplicitUsings)).Append((UnrelatedPath, UnrelatedSource))
                .Select(f => CSharpSyntaxTree.ParseText(f.Item2, ParseOptions, f.Item1))]);
}
