using System.Buffers;
using System.Globalization;
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

    /// <summary>What is written goes to the stream once the buffer holds this much: the buffer stays small.</summary>
    private const int FlushAt = 32 * 1024;

    /// <summary>Writes the export to <paramref name="output"/> (left open), flushing as it goes.</summary>
    /// <param name="records">Records to copy instead of writing them, and told where each record went; null: every record is
    /// written and none is told.</param>
    public static void Write(SiteModel site, Stream output, IJsonRecords? records = null)
    {
        // Into a buffer, so each record's bytes and place are known once written; the buffer goes to the stream between records.
        var buffer = new ArrayBufferWriter<byte>(2 * FlushAt);
        long flushed = 0;
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var a in site.Agreements)
            {
                json.Flush();
                var before = buffer.WrittenCount;
                // A copied record is the bytes this method wrote for the same view, at the same depth, from the line break and
                // indentation before it: the writer puts only the comma before a raw value.
                if (records is not null && records.TryGet(a, out var known)) json.WriteRawValue(known, skipInputValidation: true);
                else WriteAgreement(json, a);
                json.Flush();
                if (records is not null)
                {
                    var written = buffer.WrittenSpan[before..];
                    var start = written.Length > 0 && written[0] == (byte)',' ? 1 : 0;
                    records.Written(a, flushed + before + start, written[start..]);
                }
                if (buffer.WrittenCount >= FlushAt)
                {
                    output.Write(buffer.WrittenSpan);
                    flushed += buffer.WrittenCount;
                    buffer.ResetWrittenCount();
                }
            }
            json.WriteEndArray();
        }
        output.Write(buffer.WrittenSpan);
        output.WriteByte((byte)'\n');
    }

    private static void WriteAgreement(Utf8JsonWriter json, AgreementView a)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, a.Id);
        json.WriteString("title"u8, a.Title);
        json.WriteString("status"u8, a.Status.Name);
        json.WriteString("framework"u8, a.Framework.Name);
        Number(json, "year"u8, a.Year);
        json.WriteString("url"u8, a.Url);
        json.WriteString("purpose"u8, a.Purpose);
        json.WriteStartArray("parties"u8);
        for (var i = 0; i < a.Parties.Count; i++)
        {
            var p = a.Parties[i];
            json.WriteStartObject();
            json.WriteString("agency"u8, p.Agency.Id);
            json.WriteString("name"u8, p.Agency.Name);
            json.WriteString("role"u8, p.Role.Name);
            if (p.DulaManager is { } m)
            {
                json.WriteStartObject("dulaManager"u8);
                json.WriteString("name"u8, m.Name);
                json.WriteString("title"u8, m.Title);
                json.WriteString("email"u8, m.Email);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("dulaManager"u8);
            }
            Person(json, "signatory"u8, p.Signatory);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("drafters"u8);
        for (var i = 0; i < a.Drafters.Count; i++)
        {
            var d = a.Drafters[i];
            json.WriteStartObject();
            json.WriteString("name"u8, d.Name);
            json.WriteString("agency"u8, d.Agency?.Id);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("data"u8);
        for (var i = 0; i < a.DataFlows.Count; i++)
        {
            var d = a.DataFlows[i];
            json.WriteStartObject();
            json.WriteString("name"u8, d.Name);
            json.WriteString("from"u8, d.From?.Id);
            Ids(json, "to"u8, d.To);
            json.WriteString("classification"u8, d.Classification?.Name);
            Strings(json, "elements"u8, d.Elements);
            Strings(json, "regulations"u8, d.Regulations);
            json.WriteString("frequency"u8, d.Frequency?.Name);
            json.WriteString("transfer"u8, d.Transfer);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("legalAuthority"u8);
        for (var i = 0; i < a.LegalAuthority.Count; i++)
        {
            var l = a.LegalAuthority[i];
            json.WriteStartObject();
            json.WriteString("citation"u8, l.Citation);
            json.WriteString("note"u8, l.Note);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("term"u8);
        Date(json, "effective"u8, a.Term.Effective);
        Date(json, "expires"u8, a.Term.Expires);
        json.WriteEndObject();
        Number(json, "daysLeft"u8, a.Term.DaysLeft);
        json.WriteString("retention"u8, a.Retention);
        json.WriteString("serviceRequest"u8, a.ServiceRequest);
        json.WriteStartArray("signatures"u8);
        for (var i = 0; i < a.Signatures.Count; i++)
        {
            var s = a.Signatures[i];
            json.WriteStartObject();
            json.WriteString("agency"u8, s.Agency?.Id);
            json.WriteString("name"u8, s.Name);
            json.WriteString("title"u8, s.Title);
            Date(json, "date"u8, s.Date);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        Date(json, "executedOn"u8, a.ExecutedOn);
        json.WriteString("executedCopySha256"u8, a.ExecutedCopySha256);
        Date(json, "ended"u8, a.Ended);
        json.WriteString("supersedes"u8, a.Supersedes?.Id);
        Ids(json, "supersededBy"u8, a.SupersededBy);
        json.WriteString("amends"u8, a.Amends?.Id);
        Ids(json, "amendedBy"u8, a.AmendedBy);
        Strings(json, "tags"u8, a.Tags);
        json.WriteString("source"u8, a.SourcePath);
        json.WriteString("sha256"u8, a.Sha256);
        StatusHistory(json, a);
        json.WriteEndObject();
    }

    /// <summary>The timeline from Git (empty, and <c>lastChanged</c> null, when the site is built without history).</summary>
    private static void StatusHistory(Utf8JsonWriter json, AgreementView a)
    {
        json.WriteStartArray("statusHistory"u8);
        for (var i = 0; i < a.Timeline.Count; i++)
        {
            var change = a.Timeline[i];
            json.WriteStartObject();
            json.WriteString("status"u8, change.Status.Name);
            json.WriteString("date"u8, change.Date);
            json.WriteString("commit"u8, change.Commit);
            json.WriteString("subject"u8, change.Subject);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (a.LastChanged is { } last)
        {
            json.WriteStartObject("lastChanged"u8);
            json.WriteString("date"u8, last.Date);
            json.WriteString("commit"u8, last.Commit);
            json.WriteString("subject"u8, last.Subject);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("lastChanged"u8);
        }
    }

    private static void Person(Utf8JsonWriter json, ReadOnlySpan<byte> name, Person? person)
    {
        if (person is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("name"u8, person.Name);
        json.WriteString("title"u8, person.Title);
        json.WriteEndObject();
    }

    internal static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++) json.WriteStringValue(values[i]);
        json.WriteEndArray();
    }

    private static void Ids(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<AgencyRef> agencies)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < agencies.Count; i++) json.WriteStringValue(agencies[i].Id);
        json.WriteEndArray();
    }

    private static void Ids(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<AgreementRef> agreements)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < agreements.Count; i++) json.WriteStringValue(agreements[i].Id);
        json.WriteEndArray();
    }

    internal static void Date(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d) json.WriteString(name, Labels.Date(d));
        else json.WriteNull(name);
    }

    /// <summary>yyyy-MM-dd, formatted straight to UTF-8 (no string per date).</summary>
    private static void Date(Utf8JsonWriter json, ReadOnlySpan<byte> name, DateOnly? date)
    {
        if (date is not { } d)
        {
            json.WriteNull(name);
            return;
        }
        Span<byte> text = stackalloc byte[16];
        d.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        json.WriteString(name, text[..length]);
    }

    private static void Number(Utf8JsonWriter json, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
