using DulaRegistry.Loading;

namespace DulaRegistry.Diagnostics;

/// <summary>
/// Marks a method that makes the diagnostics of one code (its message text lives there and nowhere else), so a test can
/// check that every code has a factory and that each factory makes its own code with its descriptor's severity.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DiagnosticFactoryAttribute(string code) : Attribute
{
    public string Code { get; } = code;
}

/// <summary>The one place a <see cref="Diagnostic"/> is constructed: by the factories of each group of codes.</summary>
internal static class DiagnosticFactory
{
    /// <summary>A diagnostic of <paramref name="code"/> with the severity of its descriptor in <see cref="DiagnosticCodes"/>.</summary>
    public static Diagnostic Create(string code, string file, SourcePosition at, string message) =>
        new(code, DiagnosticCodes.Get(code).Severity, file, at.Line, at.Column, message);

    /// <summary>A diagnostic whose severity the rule chooses (it depends on the agreement's status).</summary>
    public static Diagnostic Create(string code, Severity severity, string file, SourcePosition at, string message) =>
        new(code, severity, file, at.Line, at.Column, message);
}
