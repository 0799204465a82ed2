using BenchmarkDotNet.Attributes;
using DulaRegistry.Diagnostics;
using DulaRegistry.Validation;

namespace DulaRegistry.Benchmarks;

/// <summary>Load and validate a generated registry (every file parsed once, in parallel).</summary>
[MemoryDiagnoser]
public class ValidateBenchmark
{
    private string _root = "";

    [Params(10_000)]
    public int Agreements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), $"dula-bench-{Agreements}");
        if (!Directory.Exists(_root)) RegistryGenerator.Write(_root, Agreements);
    }

    [Benchmark]
    public int LoadAndValidate()
    {
        var bag = new DiagnosticBag();
        RegistryValidator.LoadAndValidate(_root, new DateOnly(2026, 11, 22), bag);
        if (bag.HasErrors) throw new InvalidOperationException(bag.Sorted()[0].ToString());
        return bag.Count;
    }
}
