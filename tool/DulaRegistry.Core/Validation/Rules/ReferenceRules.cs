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
                    context.Report(IdentityDiagnostics.LineageNamesItself(agreement.Path, agreement.Map[key], key));
                }
                else if (!agreements.ContainsKey(target))
                {
                    context.Report(IdentityDiagnostics.UnknownAgreement(
                        agreement.Path, agreement.Map[key], key, target, Loading.FrontMatterBinder.Suggest(target, agreements.Keys)));
                }
            }
            for (var i = 0; i < m.Drafters.Count; i++)
            {
                if (m.Drafters[i].Agency is { Length: > 0 } id && !context.Registry.AgencyById.ContainsKey(id))
                {
                    context.Report(IdentityDiagnostics.UnknownDrafterAgency(
                        agreement.Path, agreement.Map[$"drafters[{i}].agency"], id, AgencyNames.Correction(id, context.Registry.AgencyById)));
                }
            }
        }
    }
}
