using System.Linq;
using Flagwork.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flagwork.Generators;

/// <summary>
/// Turns every <c>[Flagwork.Options]</c> partial class into flag parsing, config-file, environment and
/// <c>IConfiguration</c> binding, validation, a JSON Schema and <c>--help</c> text. Parser → model → emitters.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class OptionsGenerator : IIncrementalGenerator
{
    public const string OptionsAttributeName = "Flagwork.OptionsAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                OptionsAttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Specs);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(specs, static (output, spec) => Emitter.Emit(output, spec));
        // A nested options class is parsed by each class that contains it as well as on its own, so the same problem
        // arrives once per root; report each distinct diagnostic once.
        context.RegisterSourceOutput(diagnostics.Collect(), static (output, lists) =>
        {
            foreach (var diagnostic in lists.SelectMany(static list => list).Distinct())
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
