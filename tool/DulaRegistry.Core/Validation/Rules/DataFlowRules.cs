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
            var roles = m.Parties.Where(p => p.Agency is not null).GroupBy(p => p.Agency!).ToDictionary(g => g.Key, g => g.First().Role);
            // A flow that names what an unknown party meant is not wrong on its own: the party is, and is reported once.
            var meantByUnknown = AgencyNames.MeantByUnknownParties(m, context.Registry.AgencyById);
            var firstProtected = -1;
            for (var i = 0; i < m.Data.Count; i++)
            {
                var item = m.Data[i];
                var path = $"data[{i}]";
                void Need(string key, bool present, string what)
                {
                    if (!present && !agreement.Map.IsInvalid($"{path}.{key}"))
                    {
                        context.Report(agreement, DiagnosticCodes.MissingField, path, $"`{path}.{key}` is required: {what}");
                    }
                }
                Need("name", !string.IsNullOrWhiteSpace(item.Name), "a short name for the data set");
                Need("from", !string.IsNullOrWhiteSpace(item.From), "the id of the party that owns and sends the data");
                Need("to", item.To.Count > 0, "the ids of the parties that receive the data, as a list");
                Need("classification", item.Classification is not null, "pii, protected, deidentified or public");
                if (Lifecycle.IsProtected(item.Classification))
                {
                    Need("elements", item.Elements.Count > 0, "list the data elements shared (such as SSN, name, date of birth)");
                    if (firstProtected < 0) firstProtected = i;
                }

                if (item.From is { Length: > 0 } from)
                {
                    if (!roles.TryGetValue(from, out var role))
                    {
                        if (!meantByUnknown.Contains(from)) context.Report(agreement, DiagnosticCodes.FlowSource, $"{path}.from",
                            $"`{path}.from` is `{from}`, which is not a party of this agreement; add it under `parties` as an owner, or correct the id");
                    }
                    else if (role is not null && !Lifecycle.IsOwner(role)) // a missing or invalid role is reported on the party
                    {
                        context.Report(agreement, DiagnosticCodes.FlowSource, $"{path}.from",
                            $"`{path}.from` is `{from}`, whose role is `{Loading.FrontMatterBinder.EnumName(role)}`; data comes from an owner, so make its role `owner` or `both`");
                    }
                }
                for (var j = 0; j < item.To.Count; j++)
                {
                    var to = item.To[j];
                    var toPath = $"{path}.to[{j}]";
                    if (!roles.TryGetValue(to, out var role))
                    {
                        if (!meantByUnknown.Contains(to)) context.Report(agreement, DiagnosticCodes.FlowTarget, toPath,
                            $"`{path}.to` names `{to}`, which is not a party of this agreement; add it under `parties` as a recipient, or correct the id");
                    }
                    else if (role is not null && !Lifecycle.IsRecipient(role))
                    {
                        context.Report(agreement, DiagnosticCodes.FlowTarget, toPath,
                            $"`{path}.to` names `{to}`, whose role is `{Loading.FrontMatterBinder.EnumName(role)}`; data goes to a recipient, so make its role `recipient` or `both`");
                    }
                    else if (to == item.From)
                    {
                        context.Report(agreement, DiagnosticCodes.FlowTarget, toPath, $"`{path}` flows from `{to}` to itself; name the receiving agency");
                    }
                }
                for (var j = 0; j < item.Regulations.Count; j++)
                {
                    if (!Slug().IsMatch(item.Regulations[j]))
                    {
                        context.Report(agreement, DiagnosticCodes.InvalidValue, $"{path}.regulations[{j}]",
                            $"regulation `{item.Regulations[j]}` must be a lowercase short name such as hipaa, ferpa, 42-cfr-part-2, irs-pub-1075 or cjis");
                    }
                }
            }

            if (firstProtected < 0) return;
            var at = $"data[{firstProtected}].classification";
            if (m.LegalAuthority.Count == 0 || m.LegalAuthority.All(a => string.IsNullOrWhiteSpace(a.Citation)))
            {
                if (!agreement.Map.IsInvalid("legal_authority"))
                {
                    context.Report(agreement, DiagnosticCodes.ProtectedNeedsAuthority, agreement.Map.Contains("legal_authority") ? "legal_authority" : at,
                        "this agreement shares PII or protected data, so `legal_authority` must cite the law that allows it (`- { citation: \"M.G.L. c. 62C, § 21\" }`)");
                }
            }
            if (string.IsNullOrWhiteSpace(m.Retention) && !agreement.Map.IsInvalid("retention"))
            {
                context.Report(agreement, DiagnosticCodes.ProtectedNeedsRetention, agreement.Map.Contains("retention") ? "retention" : at,
                    "this agreement shares PII or protected data, so `retention` must say how long the data is kept and how it is destroyed");
            }
            // A misspelled heading counts: it is reported once, as a misspelling, by the body rules.
            var safeguards = Loading.BodySection.Named(agreement.Facts.Sections, SafeguardsSection);
            if (safeguards is null || !safeguards.HasContent)
            {
                var line = safeguards?.Line ?? agreement.BodyLine;
                context.Report(agreement.Path, DiagnosticCodes.ProtectedNeedsSafeguards, line, 1,
                    $"this agreement shares PII or protected data, so the body needs a `## {SafeguardsSection}` section that describes them");
            }
        });
    }
}
