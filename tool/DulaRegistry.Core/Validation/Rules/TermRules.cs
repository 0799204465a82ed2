using DulaRegistry.Diagnostics;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>The term: dates in order, within the maximum length; expiry and legacy renewal warnings.</summary>
public sealed class TermRules : IRule
{
    public void Check(RuleContext context)
    {
        var maxYears = context.Settings.EffectiveMaxTermYears;
        var window = context.Settings.EffectiveRenewalWindowDays;
        foreach (var agreement in context.Registry.Agreements)
        {
            var m = agreement.Model;
            if (m.Term is not { } term) continue;
            if (term is { Effective: { } effective, Expires: { } expires })
            {
                if (effective > expires)
                {
                    context.Report(agreement, DiagnosticCodes.TermOrder, "term.expires",
                        $"`term.expires` ({expires:yyyy-MM-dd}) is before `term.effective` ({effective:yyyy-MM-dd}); an agreement must take effect before it expires");
                }
                else if (LastDay(effective, maxYears) is { } lastDay && expires > lastDay)
                {
                    context.Report(agreement, DiagnosticCodes.TermTooLong, "term.expires",
                        $"the term runs from {effective:yyyy-MM-dd} to {expires:yyyy-MM-dd}, longer than the registry's maximum of {maxYears} years; end it by {lastDay:yyyy-MM-dd} and renew later");
                }
            }
            if (m.Status != AgreementStatus.Executed || term.Expires is not { } expiry) continue;
            if (expiry < context.Today)
            {
                context.Report(agreement, DiagnosticCodes.ExpiredButExecuted, "term.expires",
                    $"this executed agreement expired on {expiry:yyyy-MM-dd}; set `status: expired`, or renew it with `registry renew`");
            }
            else if (m.Framework == AgreementFramework.Legacy && expiry.DayNumber - context.Today.DayNumber <= window)
            {
                context.Report(agreement, DiagnosticCodes.LegacyRenewal, "framework",
                    $"this legacy agreement expires on {expiry:yyyy-MM-dd}, within the {window}-day renewal window: it must move to the framework (a new DULA under the MOU) at renewal");
            }
        }
    }

    /// <summary>The last day of a term of <paramref name="years"/> years from <paramref name="effective"/>
    /// (2026-02-01 + 5 years ends 2031-01-31); null when that lies beyond the calendar (year 9999).</summary>
    private static DateOnly? LastDay(DateOnly effective, int years) =>
        effective.Year <= DateOnly.MaxValue.Year - years ? effective.AddYears(years).AddDays(-1) : null;
}
