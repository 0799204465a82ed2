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
            if (a.Kind is null && !agency.Map.IsInvalid("kind")) context.Report(FieldDiagnostics.KindRequired(agency.Path, agency.Map["kind"]));
            if (a.Id is { Length: > 0 } id)
            {
                if (!AgencyId().IsMatch(id))
                {
                    context.Report(IdentityDiagnostics.AgencyIdFormat(agency.Path, agency.Map["id"], id));
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
                context.Report(FieldDiagnostics.StatusRequired(agreement.Path, agreement.Map["status"]));
            }
            if (m.Framework is null && !agreement.Map.IsInvalid("framework"))
            {
                context.Report(FieldDiagnostics.FrameworkRequired(agreement.Path, agreement.Map["framework"]));
            }
            Require(context, agreement, "purpose", m.Purpose);
            if (m.Parties.Count == 0 && !agreement.Map.IsInvalid("parties"))
            {
                context.Report(FieldDiagnostics.PartiesRequired(agreement.Path, agreement.Map["parties"]));
            }
            if (m.Data.Count == 0 && !agreement.Map.IsInvalid("data"))
            {
                context.Report(FieldDiagnostics.DataRequired(agreement.Path, agreement.Map["data"]));
            }
            if (m.Id is { Length: > 0 } id)
            {
                var match = agreementId.Match(id);
                if (!match.Success)
                {
                    context.Report(IdentityDiagnostics.AgreementIdFormat(agreement.Path, agreement.Map["id"], id, prefix));
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
            context.Report(FieldDiagnostics.Required(document.Path, document.Map[key], key));
        }
    }

    private static void SameAsFile<T>(RuleContext context, RegistryDocument<T> document, string id) where T : class
    {
        if (!string.Equals(id, document.Stem, StringComparison.Ordinal))
        {
            context.Report(IdentityDiagnostics.IdFileName(document.Path, document.Map["id"], id, document.Stem));
        }
    }

    private static void Unique<T>(RuleContext context, RegistryDocument<T> document, string id, Dictionary<string, string> seen) where T : class
    {
        if (seen.TryGetValue(id, out var first))
        {
            context.Report(IdentityDiagnostics.DuplicateId(document.Path, document.Map["id"], id, first));
        }
        else
        {
            seen.Add(id, document.Path);
        }
    }
}
