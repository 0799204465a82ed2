using System.Globalization;
using DulaRegistry.Model;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// <c>expirations.ics</c> (iCalendar, RFC 5545): an all-day event on each agreement's expiry date and, for
/// agreements still in force or being made, an all-day reminder on the first day of its renewal window.
/// CRLF line ends, lines folded at 75 octets, text escaped; UIDs are stable across builds.
/// </summary>
public static class CalendarExport
{
    /// <summary>Writes the export to <paramref name="output"/> (left open).</summary>
    public static void Write(SiteModel site, Stream output)
    {
        using var ics = new StreamWriter(output, ExportText.Utf8, ExportText.BufferSize, leaveOpen: true);
        const string domain = "dula-registry"; // ids never repeat within a registry, so "<id>-expires@dula-registry" is stable and unique
        var stamp = Labels.Date(site.Today).Replace("-", "", StringComparison.Ordinal) + "T000000Z";
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//DULA Registry//registry build//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:" + Text($"{site.Name}: expirations"));
        foreach (var a in site.Agreements.Where(a => a.Term.Expires is not null).OrderBy(a => a.Term.Expires).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            var expires = a.Term.Expires!.Value;
            var parties = string.Join(", ", a.Parties.Select(p => p.Agency.Short));
            var live = a.Status.Name is not ("expired" or "terminated" or "superseded" or "withdrawn");
            var windowOpens = expires.AddDaysClamped(-site.RenewalWindowDays);
            var description = $"{a.Title}\nStatus: {a.Status.Label}\nParties: {parties}\nExpires: {Labels.Date(expires)}"
                + (live ? $"\nRenewal window ({site.RenewalWindowDays} days) opens: {Labels.Date(windowOpens)}" : "")
                + $"\n{a.Url}";
            Event(ics, $"{a.Id}-expires@{domain}", stamp, expires, $"{a.Id} expires: {a.Title}", description, a, site);
            if (live && site.RenewalWindowDays > 0)
            {
                Event(ics, $"{a.Id}-renewal@{domain}", stamp, windowOpens,
                    $"Renewal window opens: {a.Id} (expires {Labels.Date(expires)})", description, a, site);
            }
        }
        Line(ics, "END:VCALENDAR");
    }

    private static void Event(TextWriter ics, string uid, string stamp, DateOnly day, string summary, string description, AgreementView a, SiteModel site)
    {
        Line(ics, "BEGIN:VEVENT");
        Line(ics, "UID:" + uid);
        Line(ics, "DTSTAMP:" + stamp);
        Line(ics, "DTSTART;VALUE=DATE:" + Day(day));
        // DTEND is the next day; 9999-12-31 has none, and an all-day event of one day may say so instead (RFC 5545 §3.6.1).
        Line(ics, day == DateOnly.MaxValue ? "DURATION:P1D" : "DTEND;VALUE=DATE:" + Day(day.AddDays(1)));
        Line(ics, "SUMMARY:" + Text(summary));
        Line(ics, "DESCRIPTION:" + Text(description));
        Line(ics, "STATUS:" + a.Status.Name switch
        {
            "executed" or "expired" => "CONFIRMED",
            "terminated" or "superseded" or "withdrawn" => "CANCELLED",
            _ => "TENTATIVE",
        });
        Line(ics, "TRANSP:TRANSPARENT");
        if (site.Urls.Base.StartsWith("http", StringComparison.Ordinal)) Line(ics, "URL:" + a.Url);
        Line(ics, "END:VEVENT");
    }

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.</summary>
    public static string Text(string value) => OutputText.Clean(value)
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Appends a content line, folded so no physical line exceeds 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence.</summary>
    public static void Line(TextWriter ics, string line)
    {
        var octets = 0;
        var limit = 75;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]);
            var size = isPair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > limit)
            {
                ics.Write("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.Write(c);
            if (isPair) ics.Write(line[++i]);
            octets += size;
        }
        ics.Write("\r\n");
    }
}
