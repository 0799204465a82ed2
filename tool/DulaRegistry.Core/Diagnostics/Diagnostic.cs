namespace DulaRegistry.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>One finding, at a 1-based line and column of a file relative to the registry root.</summary>
public sealed record Diagnostic(string Code, Severity Severity, string File, int Line, int Column, string Message)
{
    public static readonly IComparer<Diagnostic> Order = Comparer<Diagnostic>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.File, b.File);
        if (c == 0) c = a.Line.CompareTo(b.Line);
        if (c == 0) c = a.Column.CompareTo(b.Column);
        if (c == 0) c = string.CompareOrdinal(a.Code, b.Code);
        return c == 0 ? string.CompareOrdinal(a.Message, b.Message) : c;
    });

    public override string ToString() =>
        $"{File}({Line},{Column}): {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}

/// <summary>Where diagnostics go. Implementations must be thread-safe: files are loaded in parallel.</summary>
public interface IDiagnosticSink
{
    void Report(Diagnostic diagnostic);
}
