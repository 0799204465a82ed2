using System.Text;
using System.Text.Json;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// <c>search.json</c>: one object per agreement, the documents site.js indexes with MiniSearch:
/// <c>id, title, url, status, framework, year, parties, partyNames, secretariats, classifications,
/// regulations, purpose, elements, citations, tags, expires, serviceRequest, ids, people</c>.
/// <c>ids</c> holds the whole identifiers a reader types exactly (agreement id, service request number, party agency ids
/// and acronyms): site.js compares a query with them before its word search, which splits <c>DULA-2024-0003</c> into pieces.
/// </summary>
public static class SearchIndex
{
    public static string Write(SiteModel site)
    {
        // One line per agreement keeps the index readable and its diffs small.
        var text = new StringBuilder("[\n");
        using var buffer = new MemoryStream();
        var first = true;
        foreach (var a in site.Agreements)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, JsonExport.Options with { Indented = false }))
            {
                json.WriteStartObject();
                json.WriteString("id", a.Id);
                json.WriteString("title", a.Title);
                json.WriteString("url", a.Url);
                json.WriteString("status", a.Status.Name);
                json.WriteString("framework", a.Framework.Name);
                if (a.Year is { } year) json.WriteNumber("year", year);
                else json.WriteNull("year");
                JsonExport.Strings(json, "parties", a.AgencyIds);
                json.WriteString("partyNames", string.Join(" ", a.Parties.Select(p => p.Agency).DistinctBy(p => p.Id)
                    .Select(p => string.IsNullOrEmpty(p.Acronym) ? p.Name : $"{p.Name} {p.Acronym}")));
                JsonExport.Strings(json, "secretariats", a.SecretariatIds);
                JsonExport.Strings(json, "classifications", a.Classifications);
                JsonExport.Strings(json, "regulations", a.Regulations);
                json.WriteString("purpose", a.Purpose ?? "");
                json.WriteString("elements", string.Join(", ", a.DataFlows.SelectMany(d => d.Elements.Prepend(d.Name)).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)));
                json.WriteString("citations", string.Join("; ", a.LegalAuthority.Select(l => l.Citation).OfType<string>()));
                JsonExport.Strings(json, "tags", a.Tags);
                JsonExport.Date(json, "expires", a.Term.Expires);
                if (string.IsNullOrWhiteSpace(a.ServiceRequest)) json.WriteNull("serviceRequest");
                else json.WriteString("serviceRequest", a.ServiceRequest.Trim());
                JsonExport.Strings(json, "ids", ExactIds(a));
                json.WriteString("people", string.Join(", ", People(a)));
                json.WriteEndObject();
            }
            if (!first) text.Append(",\n");
            first = false;
            text.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        return text.Append(first ? "]\n" : "\n]\n").ToString();
    }

    /// <summary>The agreement id, its service request number and each party's id and acronym, once each (case-insensitively).</summary>
    private static List<string> ExactIds(AgreementView a)
    {
        IEnumerable<string?> candidates = [a.Id, a.ServiceRequest, .. a.Parties.SelectMany(p => new[] { p.Agency.Id, p.Agency.Acronym })];
        return candidates.Select(c => c?.Trim()).OfType<string>().Where(c => c.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Everyone named on the agreement: DULA managers, signatories (listed and signed), drafters.</summary>
    private static IEnumerable<string> People(AgreementView a) =>
        a.Parties.SelectMany(p => new[] { p.DulaManager?.Name, p.Signatory?.Name })
            .Concat(a.Signatures.Select(s => s.Name))
            .Concat(a.Drafters.Select(d => d.Name))
            .Select(n => n?.Trim()).OfType<string>().Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);
}
