using DulaRegistry.Diagnostics;

namespace DulaRegistry.Validation.Rules;

/// <summary>Lineage (<c>amends</c>, <c>supersedes</c>, <c>superseded_by</c>) and drafters point at things that exist.</summary>
public sealed class ReferenceRules : IRule
{
    public void Check(RuleContext context)
    {
        var agreements = context.Registry.AgreementById;
        foreach (var agreement in context.Registry.Agreements)
        {
            var m = agreement.Model;
            foreach (var (key, target) in new[] { ("amends", m.Amends), ("supersedes", m.Supersedes), ("superseded_by", m.SupersededBy) })
            {
                if (string.IsNullOrWhiteSpace(target)) continue;
                if (target == m.Id)
                {
                    context.Report(agreement, DiagnosticCodes.UnknownAgreement, key, $"`{key}` names this agreement itself; name another agreement's id");
                }
                else if (!agreements.ContainsKey(target))
                {
                    var near = Loading.FrontMatterBinder.Suggest(target, agreements.Keys);
                    context.Report(agreement, DiagnosticCodes.UnknownAgreement, key,
                        $"`{key}` names `{target}`, but there is no `agreements/{target}.md`" + (near is null ? "" : $"; did you mean `{near}`?"));
                }
            }
            for (var i = 0; i < m.Drafters.Count; i++)
            {
                if (m.Drafters[i].Agency is { Length: > 0 } id && !context.Registry.AgencyById.ContainsKey(id))
                {
                    context.Report(agreement, DiagnosticCodes.UnknownAgency, $"drafters[{i}].agency",
                        AgencyNames.Correction(id, context.Registry.AgencyById) is { } correction
                            ? $"drafter's agency {correction}"
                            : $"drafter's agency `{id}` is not a known agency (no `agencies/{id}.md`)");
                }
            }
        }
    }
}
