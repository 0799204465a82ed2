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
                    context.Report(agreement, DiagnosticCodes.MissingField, path, $"`{path}.role` is required: owner, recipient or both");
                }
                if (string.IsNullOrWhiteSpace(party.Agency))
                {
                    if (!agreement.Map.IsInvalid($"{path}.agency"))
                    {
                        context.Report(agreement, DiagnosticCodes.MissingField, path, $"`{path}.agency` is required: the id of an agency file, such as `dor`");
                    }
                    continue;
                }
                if (!seen.Add(party.Agency))
                {
                    context.Report(agreement, DiagnosticCodes.DuplicateParty, $"{path}.agency",
                        $"`{party.Agency}` is listed twice under `parties`; list each agency once (use `role: both` for an agency that gives and receives data)");
                }
                if (!context.Registry.AgencyById.TryGetValue(party.Agency, out var agency))
                {
                    // Reported here once; the rules that depend on the party (data flows, signatures, signatory, MOU) skip it.
                    context.Report(agreement, DiagnosticCodes.UnknownAgency, $"{path}.agency",
                        AgencyNames.Correction(party.Agency, context.Registry.AgencyById) is { } correction
                            ? $"party {correction}"
                            : $"party `{party.Agency}` is not a known agency (no `agencies/{party.Agency}.md`); check the spelling or add the agency file");
                    continue;
                }
                if (m.Framework != AgreementFramework.Legacy && agency.Model.Mou?.Signed is null)
                {
                    context.Report(agreement, DiagnosticCodes.NotMouSignatory, $"{path}.agency",
                        $"party `{party.Agency}` has not signed the data sharing MOU (no `mou.signed` in `agencies/{party.Agency}.md`); only signatories may use the DULA framework, otherwise mark the agreement `framework: legacy`");
                }
            }

            // Skipped while a party's role is missing or invalid: that is reported on the party itself.
            if (m.Parties.Count > 0 && !agreement.Map.IsInvalid("parties") && m.Parties.All(p => p.Role is not null))
            {
                var owners = m.Parties.Count(p => Lifecycle.IsOwner(p.Role));
                var recipients = m.Parties.Count(p => Lifecycle.IsRecipient(p.Role));
                if (owners == 0 || recipients == 0 || m.Parties.Count < 2)
                {
                    var lacking = owners == 0 ? "no data owner" : recipients == 0 ? "no data recipient" : "only one party";
                    context.Report(agreement, DiagnosticCodes.OwnerAndRecipient, "parties",
                        $"`parties` has {lacking}; an agreement is between at least one data owner and one data recipient (different agencies)");
                }
            }
        }
    }
}
