using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of an agreement's term: DULA040-043.</summary>
public static class TermDiagnostics
{
    /// <summary>DULA040.</summary>
    [DiagnosticFactory(C.TermOrder)]
    public static Diagnostic TermOrder(string file, SourcePosition at, DateOnly effective, DateOnly expires) =>
        DiagnosticFactory.Create(C.TermOrder, file, at,
            $"`term.expires` ({expires:yyyy-MM-dd}) is before `term.effective` ({effective:yyyy-MM-dd}); an agreement must take effect before it expires");

    /// <summary>DULA041: <paramref name="lastDay"/> is the last day a term of <paramref name="maxYears"/> years may run to.</summary>
    [DiagnosticFactory(C.TermTooLong)]
    public static Diagnostic TermTooLong(string file, SourcePosition at, DateOnly effective, DateOnly expires, int maxYears, DateOnly lastDay) =>
        DiagnosticFactory.Create(C.TermTooLong, file, at,
            $"the term runs from {effective:yyyy-MM-dd} to {expires:yyyy-MM-dd}, longer than the registry's maximum of {maxYears} years; end it by {lastDay:yyyy-MM-dd} and renew later");

    /// <summary>DULA042 (a warning).</summary>
    [DiagnosticFactory(C.ExpiredButExecuted)]
    public static Diagnostic ExpiredButExecuted(string file, SourcePosition at, DateOnly expired) =>
        DiagnosticFactory.Create(C.ExpiredButExecuted, file, at,
            $"this executed agreement expired on {expired:yyyy-MM-dd}; set `status: expired`, or renew it with `registry renew`");

    /// <summary>DULA043 (a warning): <paramref name="windowDays"/> is the registry's renewal window.</summary>
    [DiagnosticFactory(C.LegacyRenewal)]
    public static Diagnostic LegacyRenewal(string file, SourcePosition at, DateOnly expires, int windowDays) =>
        DiagnosticFactory.Create(C.LegacyRenewal, file, at,
            $"this legacy agreement expires on {expires:yyyy-MM-dd}, within the {windowDays}-day renewal window: it must move to the framework (a new DULA under the MOU) at renewal");
}
