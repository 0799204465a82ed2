using System.Text.RegularExpressions;
using DulaRegistry.Diagnostics;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>Each data item flows from an owner party to recipient parties; protected data needs its legal basis and safeguards.</summary>
public sealed partial class DataFlowRules : IRule
{
    public const string SafeguardsSection = "Security safeguards";

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex Slug();

    public void Check(RuleContext context)
    {
        Parallel.ForEach(context.Registry.Agreements, agreement =>
        {
            var m = agreement.Model;
            // A flow that names what an unknown party meant is not wrong on its own: the party is, and is reported once. Worked
            // out only for a flow that names no party, as are the paths below only for what is reported: a valid agreement
            // allocates nothing here (this rule runs on every agreement of every build).
            HashSet<string>? meantByUnknown = null;
            bool MeantByUnknown(string agency) => (meantByUnknown ??= AgencyNames.MeantByUnknownParties(m, context.Registry.AgencyById)).Contains(agency);
            var firstProtected = -1;
            for (var i = 0; i < m.Data.Count; i++)
            {
                var item = m.Data[i];
                var path = ItemPaths.Data(i);
                void Need(DataItemField field, bool present)
                {
                    if (!present && !agreement.Map.IsInvalid(path, Loading.FrontMatterBinder.EnumName(field)))
                    {
                        context.Report(FieldDiagnostics.DataItemFieldRequired(agreement.Path, agreement.Map[path], path, field));
                    }
                }
                Need(DataItemField.Name, !string.IsNullOrWhiteSpace(item.Name));
                Need(DataItemField.From, !string.IsNullOrWhiteSpace(item.From));
                Need(DataItemField.To, item.To.Count > 0);
                Need(DataItemField.Classification, item.Classification is not null);
                if (Lifecycle.IsProtected(item.Classification))
                {
                    Need(DataItemField.Elements, item.Elements.Count > 0);
                    if (firstProtected < 0) firstProtected = i;
                }

                if (item.From is { Length: > 0 } from)
                {
                    if (!TryRoleOf(m.Parties, from, out var role))
                    {
                        if (!MeantByUnknown(from)) context.Report(PartyDiagnostics.FlowSourceNotParty(agreement.Path, agreement.Map[$"{path}.from"], path, from));
                    }
                    else if (role is not null && !Lifecycle.IsOwner(role)) // a missing or invalid role is reported on the party
                    {
                        context.Report(PartyDiagnostics.FlowSourceNotOwner(
                            agreement.Path, agreement.Map[$"{path}.from"], path, from, Loading.FrontMatterBinder.EnumName(role)));
                    }
                }
                for (var j = 0; j < item.To.Count; j++)
                {
                    var to = item.To[j];
                    string ToPath() => $"{path}.to[{j}]";
                    if (!TryRoleOf(m.Parties, to, out var role))
                    {
                        if (!MeantByUnknown(to)) context.Report(PartyDiagnostics.FlowTargetNotParty(agreement.Path, agreement.Map[ToPath()], path, to));
                    }
                    else if (role is not null && !Lifecycle.IsRecipient(role))
                    {
                        context.Report(PartyDiagnostics.FlowTargetNotRecipient(
                            agreement.Path, agreement.Map[ToPath()], path, to, Loading.FrontMatterBinder.EnumName(role)));
                    }
                    else if (to == item.From)
                    {
                        context.Report(PartyDiagnostics.FlowToItself(agreement.Path, agreement.Map[ToPath()], path, to));
                    }
                }
                for (var j = 0; j < item.Regulations.Count; j++)
                {
                    if (!Slug().IsMatch(item.Regulations[j]))
                    {
                        context.Report(FieldDiagnostics.RegulationNotShortName(agreement.Path, agreement.Map[$"{path}.regulations[{j}]"], item.Regulations[j]));
                    }
                }
            }

            if (firstProtected < 0) return;
            string At() => ItemPaths.Data(firstProtected) + ".classification";
            if (m.LegalAuthority.Count == 0 || m.LegalAuthority.All(a => string.IsNullOrWhiteSpace(a.Citation)))
            {
                if (!agreement.Map.IsInvalid("legal_authority"))
                {
                    context.Report(PartyDiagnostics.ProtectedNeedsAuthority(
                        agreement.Path, agreement.Map[agreement.Map.Contains("legal_authority") ? "legal_authority" : At()]));
                }
            }
            if (string.IsNullOrWhiteSpace(m.Retention) && !agreement.Map.IsInvalid("retention"))
            {
                context.Report(PartyDiagnostics.ProtectedNeedsRetention(agreement.Path, agreement.Map[agreement.Map.Contains("retention") ? "retention" : At()]));
            }
            // A misspelled heading counts: it is reported once, as a misspelling, by the body rules.
            var safeguards = Loading.BodySection.Named(agreement.Facts.Sections, SafeguardsSection);
            if (safeguards is null || !safeguards.HasContent)
            {
                context.Report(PartyDiagnostics.ProtectedNeedsSafeguards(agreement.Path, safeguards?.Line ?? agreement.BodyLine, SafeguardsSection));
            }
        });
    }

    /// <summary>The role of the first party of <paramref name="agency"/>; false when none is of it. (Parties are a handful: a
    /// scan, not a dictionary per agreement.)</summary>
    private static bool TryRoleOf(List<Party> parties, string agency, out PartyRole? role)
    {
        foreach (var party in parties)
        {
            if (party.Agency == agency)
            {
                role = party.Role;
                return true;
            }
        }
        role = null;
        return false;
    }
}
