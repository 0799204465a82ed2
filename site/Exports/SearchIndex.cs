using System.Text;
using System.Text.Json;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// <c>search.json</c>: one object per agreement, the documents site.js indexes with MiniSearch:
/// <c>id, title, url, status, framework, year, parties, partyNames, secretariats, classifications,
/// regulations, purpose, elements, citations, tags, expires</c>.
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
                json.WriteEndObject();
            }
            if (!first) text.Append(",\n");
            first = false;
            text.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        return text.Append(first ? "]\n" : "\n]\n").ToString();
    }
}
