namespace DulaRegistry.Validation.Rules;

/// <summary>What each lifecycle stage requires (see <see cref="StatusRequirements"/>, the one list of them): managers and
/// signatories from <c>final</c>, the service request from <c>submitted</c>, signatures and the executed copy from
/// <c>executed</c>, end dates for ended agreements. Each unmet requirement of the agreement's own status is an error.</summary>
public sealed class LifecycleRules : IRule
{
    public void Check(RuleContext context)
    {
        foreach (var agreement in context.Registry.Agreements)
        {
            if (agreement.Model.Status is not { } status) continue;
            foreach (var unmet in StatusRequirements.Unmet(agreement, context.Registry.AgencyById, status))
            {
                context.Report(unmet.Diagnostic);
            }
        }
    }
}
