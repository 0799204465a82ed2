using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of the tool's own failures: DULA099, reported instead of a stack trace.</summary>
public static class InternalDiagnostics
{
    /// <summary>DULA099: reading <paramref name="file"/> threw.</summary>
    [DiagnosticFactory(C.Internal)]
    public static Diagnostic WhileReading(string file, Exception exception) =>
        DiagnosticFactory.Create(C.Internal, file, SourcePosition.Start,
            $"internal error while reading this file ({exception.GetType().Name}: {exception.Message}); please report it to the registry maintainers");

    /// <summary>DULA099: the rule <paramref name="rule"/> threw; reported on <c>registry.yml</c>, as it concerns no one file.</summary>
    [DiagnosticFactory(C.Internal)]
    public static Diagnostic InRule(string rule, Exception exception) =>
        DiagnosticFactory.Create(C.Internal, RegistryLoader.SettingsFile, SourcePosition.Start,
            $"internal error in {rule} ({exception.GetType().Name}: {exception.Message}); please report it to the registry maintainers");
}
