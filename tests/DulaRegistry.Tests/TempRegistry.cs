using DulaRegistry.Diagnostics;
using DulaRegistry.Validation;

namespace DulaRegistry.Tests;

/// <summary>A registry written to a fresh temporary folder, deleted on dispose.</summary>
public sealed class TempRegistry : IDisposable
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    public TempRegistry()
    {
        Root = Path.Combine(Path.GetTempPath(), "dula-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "agencies"));
        Directory.CreateDirectory(Path.Combine(Root, "agreements"));
    }

    public string Root { get; }

    public TempRegistry Write(string relativePath, string contents)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        return this;
    }

    public TempRegistry WriteBytes(string relativePath, byte[] contents)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, contents);
        return this;
    }

    /// <summary>Loads and validates; returns the diagnostics in stable order.</summary>
    public IReadOnlyList<Diagnostic> Validate(DateOnly? today = null)
    {
        var bag = new DiagnosticBag();
        RegistryValidator.LoadAndValidate(Root, today ?? Today, bag);
        return bag.Sorted();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
