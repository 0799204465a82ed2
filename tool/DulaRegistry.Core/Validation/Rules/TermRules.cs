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
                    context.Report(TermDiagnostics.TermOrder(agreement.Path, agreement.Map["term.expires"], effective, expires));
                }
                else if (LastDay(effective, maxYears) is { } lastDay && expires > lastDay)
                {
                    context.Report(TermDiagnostics.TermTooLong(agreement.Path, agreement.Map["term.expires"], effective, expires, maxYears, lastDay));
                }
            }
            if (m.Status != AgreementStatus.Executed || term.Expires is not { } expiry) continue;
            if (expiry < context.Today)
            {
                context.Report(TermDiagnostics.ExpiredButExecuted(agreement.Path, agreement.Map["term.expires"], expiry));
            }
            else if (m.Framework == AgreementFramework.Legacy && expiry.DayNumber - context.Today.DayNumber <= window)
            {
                context.Report(TermDiagnostics.LegacyRenewal(agreement.Path, agreement.Map["framework"], expiry, window));
            }
        }
    }

    /// <summary>The last day of a term of <paramref name="years"/> years from <paramref name="effective"/>
    /// (2026-02-01 + 5 years ends 2031-01-31); null when that lies beyond the calendar (year 9999).</summary>
    private static DateOnly? LastDay(DateOnly effective, int years) =>
        effective.Year <= DateOnly.MaxValue.Year - years ? effective.AddYears(years).AddDays(-1) : null;
}
