using DulaRegistry.Diagnostics;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>Parties exist, appear once, have signed the MOU (unless legacy), and include an owner and a recipient.</summary>
public sealed class PartyRules : IRule
{
    public void Check(RuleContext context)
    {
        foreach (var agreement in context.Registry.Agreements)
        {
            var m = agreement.Model;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < m.Parties.Count; i++)
            {
                var party = m.Parties[i];
                var path = $"parties[{i}]";
                if (party.Role is null && !agreement.Map.IsInvalid($"{path}.role"))
                {
                    context.Report(FieldDiagnostics.PartyRoleRequired(agreement.Path, agreement.Map[path], path));
                }
                if (string.IsNullOrWhiteSpace(party.Agency))
                {
                    if (!agreement.Map.IsInvalid($"{path}.agency"))
                    {
                        context.Report(FieldDiagnostics.PartyAgencyRequired(agreement.Path, agreement.Map[path], path));
                    }
                    continue;
                }
                if (!seen.Add(party.Agency))
                {
                    context.Report(PartyDiagnostics.DuplicateParty(agreement.Path, agreement.Map[$"{path}.agency"], party.Agency));
                }
                if (!context.Registry.AgencyById.TryGetValue(party.Agency, out var agency))
                {
                    // Reported here once; the rules that depend on the party (data flows, signatures, signatory, MOU) skip it.
                    context.Report(IdentityDiagnostics.UnknownParty(
                        agreement.Path, agreement.Map[$"{path}.agency"], party.Agency, AgencyNames.Correction(party.Agency, context.Registry.AgencyById)));
                    continue;
                }
                if (m.Framework != AgreementFramework.Legacy && agency.Model.Mou?.Signed is null)
                {
                    context.Report(PartyDiagnostics.NotMouSignatory(agreement.Path, agreement.Map[$"{path}.agency"], party.Agency));
                }
            }

            // Skipped while a party's role is missing or invalid: that is reported on the party itself.
            if (m.Parties.Count > 0 && !agreement.Map.IsInvalid("parties") && m.Parties.All(p => p.Role is not null))
            {
                var owners = m.Parties.Count(p => Lifecycle.IsOwner(p.Role));
                var recipients = m.Parties.Count(p => Lifecycle.IsRecipient(p.Role));
                if (owners == 0 || recipients == 0 || m.Parties.Count < 2)
                {
                    context.Report(PartyDiagnostics.OwnerAndRecipient(agreement.Path, agreement.Map["parties"], owners, recipients));
                }
            }
        }
    }
}
