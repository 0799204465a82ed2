namespace DulaRegistry.Diagnostics;

/// <summary>A sink that drops what it is given: for files whose problems are reported elsewhere, or not at all
/// (a base revision's files; a cached file's front matter read again for its positions).</summary>
internal sealed class DiscardSink : IDiagnosticSink
{
    public static readonly DiscardSink Instance = new();

    public void Report(Diagnostic diagnostic)
    {
    }
}
