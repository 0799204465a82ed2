using System.Text.RegularExpressions;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>Required fields, id form, id = file name and unique ids, for agencies and agreements.</summary>
public sealed partial class IdentityRules : IRule
{
    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*\z")]
    private static partial Regex AgencyId();

    public void Check(RuleContext context)
    {
        var agencyIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var agency in context.Registry.Agencies)
        {
            var a = agency.Model;
            Require(context, agency, "id", a.Id);
            Require(context, agency, "name", a.Name);
            if (a.Kind is null && !agency.Map.IsInvalid("kind")) Missing(context, agency, "kind", "`kind` is required: one of secretariat, agency, office, quasi-independent");
            if (a.Id is { Length: > 0 } id)
            {
                if (!AgencyId().IsMatch(id))
                {
                    context.Report(agency, DiagnosticCodes.IdFormat, "id",
                        $"agency id `{id}` must be a lowercase slug of letters, digits and single hyphens, such as `dor` or `health-connector`");
                }
                SameAsFile(context, agency, id);
                Unique(context, agency, id, agencyIds);
            }
        }

        var prefix = context.Settings.EffectiveIdPrefix;
        var agreementId = new Regex($"^{Regex.Escape(prefix)}-(?<year>[0-9]{{4}})-[0-9]{{4,}}\\z", RegexOptions.CultureInvariant);
        var agreementIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var agreement in context.Registry.Agreements)
        {
            var m = agreement.Model;
            Require(context, agreement, "id", m.Id);
            Require(context, agreement, "title", m.Title);
            if (m.Status is null && !agreement.Map.IsInvalid("status"))
            {
                Missing(context, agreement, "status", "`status` is required: start with `proposed`");
            }
            if (m.Framework is null && !agreement.Map.IsInvalid("framework"))
            {
                Missing(context, agreement, "framework", "`framework` is required: `mou` for agreements under the statewide MOU, `legacy` for older ones");
            }
            Require(context, agreement, "purpose", m.Purpose);
            if (m.Parties.Count == 0 && !agreement.Map.IsInvalid("parties"))
            {
                Missing(context, agreement, "parties", "`parties` is required: list each agency with its `role` (owner, recipient or both)");
            }
            if (m.Data.Count == 0 && !agreement.Map.IsInvalid("data"))
            {
                Missing(context, agreement, "data", "`data` is required: list each data set shared, with `from`, `to` and `classification`");
            }
            if (m.Id is { Length: > 0 } id)
            {
                var match = agreementId.Match(id);
                if (!match.Success)
                {
                    context.Report(agreement, DiagnosticCodes.IdFormat, "id",
                        $"agreement id `{id}` must look like `{prefix}-2026-0007`: the prefix `{prefix}`, a four-digit year and a number of four or more digits");
                }
                SameAsFile(context, agreement, id);
                Unique(context, agreement, id, agreementIds);
            }
        }
    }

    private static void Require<T>(RuleContext context, RegistryDocument<T> document, string key, string? value) where T : class
    {
        // A wrong-typed value was already reported by the binder; only report what is truly absent or blank.
        if (string.IsNullOrWhiteSpace(value) && !document.Map.IsInvalid(key))
        {
            Missing(context, document, key, $"`{key}` is required and must not be empty");
        }
    }

    private static void Missing<T>(RuleContext context, RegistryDocument<T> document, string key, string message) where T : class =>
        context.Report(document, DiagnosticCodes.MissingField, key, message);

    private static void SameAsFile<T>(RuleContext context, RegistryDocument<T> document, string id) where T : class
    {
        if (!string.Equals(id, document.Stem, StringComparison.Ordinal))
        {
            context.Report(document, DiagnosticCodes.IdFileName, "id",
                $"the id `{id}` differs from the file name `{document.Stem}.md`; rename the file to `{id}.md` or correct the id");
        }
    }

    private static void Unique<T>(RuleContext context, RegistryDocument<T> document, string id, Dictionary<string, string> seen) where T : class
    {
        if (seen.TryGetValue(id, out var first))
        {
            context.Report(document, DiagnosticCodes.DuplicateId, "id",
                $"the id `{id}` is already used by `{first}`; every id must be unique, so allocate a new one");
        }
        else
        {
            seen.Add(id, document.Path);
        }
    }
}
