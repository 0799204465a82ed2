using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using DulaRegistry.Model;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary><c>agreements.json</c>: one array of every agreement with its whole record, sorted by id.</summary>
public static class JsonExport
{
    /// <summary>Readable non-ASCII text; HTML-significant characters are still escaped.</summary>
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Utf8JsonWriter keeps what it writes until flushed: flushing at this size keeps its buffer small.</summary>
    private const int FlushAt = 32 * 1024;

    /// <summary>Writes the export to <paramref name="output"/> (left open), flushing as it goes.</summary>
    public static void Write(SiteModel site, Stream output)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartArray();
            foreach (var a in site.Agreements)
            {
                WriteAgreement(json, a);
                if (json.BytesPending >= FlushAt) json.Flush();
            }
            json.WriteEndArray();
        }
        output.WriteByte((byte)'\n');
    }

    private static void WriteAgreement(Utf8JsonWriter json, AgreementView a)
    {
        json.WriteStartObject();
        json.WriteString("id", a.Id);
        json.WriteString("title", a.Title);
        json.WriteString("status", a.Status.Name);
        json.WriteString("framework", a.Framework.Name);
        Number(json, "year", a.Year);
        json.WriteString("url", a.Url);
        json.WriteString("purpose", a.Purpose);
        json.WriteStartArray("parties");
        foreach (var p in a.Parties)
        {
            json.WriteStartObject();
            json.WriteString("agency", p.Agency.Id);
            json.WriteString("name", p.Agency.Name);
            json.WriteString("role", p.Role.Name);
            if (p.DulaManager is { } m)
            {
                json.WriteStartObject("dulaManager");
                json.WriteString("name", m.Name);
                json.WriteString("title", m.Title);
                json.WriteString("email", m.Email);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("dulaManager");
            }
            Person(json, "signatory", p.Signatory);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("drafters");
        foreach (var d in a.Drafters)
        {
            json.WriteStartObject();
            json.WriteString("name", d.Name);
            json.WriteString("agency", d.Agency?.Id);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("data");
        foreach (var d in a.DataFlows)
        {
            json.WriteStartObject();
            json.WriteString("name", d.Name);
            json.WriteString("from", d.From?.Id);
            Strings(json, "to", d.To.Select(t => t.Id));
            json.WriteString("classification", d.Classification?.Name);
            Strings(json, "elements", d.Elements);
            Strings(json, "regulations", d.Regulations);
            json.WriteString("frequency", d.Frequency?.Name);
            json.WriteString("transfer", d.Transfer);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("legalAuthority");
        foreach (var l in a.LegalAuthority)
        {
            json.WriteStartObject();
            json.WriteString("citation", l.Citation);
            json.WriteString("note", l.Note);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("term");
        Date(json, "effective", a.Term.Effective);
        Date(json, "expires", a.Term.Expires);
        json.WriteEndObject();
        Number(json, "daysLeft", a.Term.DaysLeft);
        json.WriteString("retention", a.Retention);
        json.WriteString("serviceRequest", a.ServiceRequest);
        json.WriteStartArray("signatures");
        foreach (var s in a.Signatures)
        {
            json.WriteStartObject();
            json.WriteString("agency", s.Agency?.Id);
            json.WriteString("name", s.Name);
            json.WriteString("title", s.Title);
            Date(json, "date", s.Date);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Date(json, "executedOn", a.ExecutedOn);
        json.WriteString("executedCopySha256", a.ExecutedCopySha256);
        Date(json, "ended", a.Ended);
        json.WriteString("supersedes", a.Supersedes?.Id);
        Strings(json, "supersededBy", a.SupersededBy.Select(r => r.Id));
        json.WriteString("amends", a.Amends?.Id);
        Strings(json, "amendedBy", a.AmendedBy.Select(r => r.Id));
        Strings(json, "tags", a.Tags);
        json.WriteString("source", a.SourcePath);
        json.WriteString("sha256", a.Sha256);
        StatusHistory(json, a);
        json.WriteEndObject();
    }

    /// <summary>The timeline from Git (empty, and <c>lastChanged</c> null, when the site is built without history).</summary>
    private static void StatusHistory(Utf8JsonWriter json, AgreementView a)
    {
        json.WriteStartArray("statusHistory");
        foreach (var change in a.Timeline)
        {
            json.WriteStartObject();
            json.WriteString("status", change.Status.Name);
            json.WriteString("date", change.Date);
            json.WriteString("commit", change.Commit);
            json.WriteString("subject", change.Subject);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (a.LastChanged is { } last)
        {
            json.WriteStartObject("lastChanged");
            json.WriteString("date", last.Date);
            json.WriteString("commit", last.Commit);
            json.WriteString("subject", last.Subject);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("lastChanged");
        }
    }

    private static void Person(Utf8JsonWriter json, string name, Person? person)
    {
        if (person is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("name", person.Name);
        json.WriteString("title", person.Title);
        json.WriteEndObject();
    }

    internal static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    internal static void Date(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d) json.WriteString(name, Labels.Date(d));
        else json.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
