using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flagwork.Benchmarks.Generator;

/// <summary>
/// Scenario 5: the cost of <see cref="Flagwork.Generators.OptionsGenerator"/>. "First run" is a fresh driver on a fresh
/// compilation (a clone: the references stay bound, the symbols of the source are bound anew, as after a rebuild).
/// "Unrelated edit" is a driver that has run once, given the compilation with an unrelated method body edited: what the
/// generator costs on an IDE keystroke that cannot change its output.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _flagship = null!;
    private CSharpCompilation _flagshipEdited = null!;
    private GeneratorDriver _flagshipDriver = null!;
    private CSharpCompilation _synthetic = null!;
    private CSharpCompilation _syntheticEdited = null!;
    private GeneratorDriver _syntheticDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        _flagship = GeneratorInputs.Flagship();
        _flagshipEdited = GeneratorInputs.WithUnrelatedEdit(_flagship);
        _flagshipDriver = GeneratorInputs.CreateDriver(trackSteps: false).RunGenerators(_flagship);
        _synthetic = GeneratorInputs.Synthetic(500);
        _syntheticEdited = GeneratorInputs.WithUnrelatedEdit(_synthetic);
        _syntheticDriver = GeneratorInputs.CreateDriver(trackSteps: false).RunGenerators(_synthetic);
    }

    [Benchmark(Baseline = true, Description = "flagship model (4 classes, 9 flags): first run")]
    public GeneratorDriver FlagshipFirstRun() =>
        GeneratorInputs.CreateDriver(trackSteps: false).RunGenerators(_flagship.Clone());

    [Benchmark(Description = "synthetic model (11 classes, 500 members): first run")]
    public GeneratorDriver SyntheticFirstRun() =>
        GeneratorInputs.CreateDriver(trackSteps: false).RunGenerators(_synthetic.Clone());

    [Benchmark(Description = "flagship model: after an unrelated edit")]
    public GeneratorDriver FlagshipUnrelatedEdit() => _flagshipDriver.RunGenerators(_flagshipEdited.Clone());

    [Benchmark(Description = "synthetic model: after an unrelated edit")]
    public GeneratorDriver SyntheticUnrelatedEdit() => _syntheticDriver.RunGenerators(_syntheticEdited.Clone());
}
