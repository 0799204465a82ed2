using DulaRegistry.Model;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// <c>expirations.ics</c> (iCalendar, RFC 5545): an all-day event on each agreement's expiry date and, for
/// agreements still in force or being made, an all-day reminder on the first day of its renewal window.
/// CRLF line ends, lines folded at 75 octets, text escaped (see <see cref="CalendarLineWriter"/>); UIDs are stable across builds.
/// </summary>
public static class CalendarExport
{
    /// <summary>Ids never repeat within a registry, so "&lt;id&gt;-expires@dula-registry" is stable and unique.</summary>
    private const string Domain = "@dula-registry";

    /// <summary>Writes the export to <paramref name="output"/> (left open).</summary>
    public static void Write(SiteModel site, Stream output)
    {
        using var text = new StreamWriter(output, ExportText.Utf8, ExportText.BufferSize, leaveOpen: true);
        var ics = new CalendarLineWriter(text);
        ics.Raw("BEGIN:VCALENDAR").End();
        ics.Raw("VERSION:2.0").End();
        ics.Raw("PRODID:-//DULA Registry//registry build//EN").End();
        ics.Raw("CALSCALE:GREGORIAN").End();
        ics.Raw("METHOD:PUBLISH").End();
        ics.Raw("X-WR-CALNAME:").Text(site.Name).Text(": expirations").End();
        foreach (var a in site.Agreements.Where(a => a.Term.Expires is not null).OrderBy(a => a.Term.Expires).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            var expires = a.Term.Expires!.Value;
            var live = a.Status.Name is not ("expired" or "terminated" or "superseded" or "withdrawn");
            var windowOpens = expires.AddDaysClamped(-site.RenewalWindowDays);
            Event(ics, site, a, "-expires", expires, live, windowOpens);
            if (live && site.RenewalWindowDays > 0) Event(ics, site, a, "-renewal", windowOpens, live, windowOpens);
        }
        ics.Raw("END:VCALENDAR").End();
    }

    /// <summary>The expiry event (<paramref name="kind"/> "-expires") or the renewal reminder ("-renewal") on <paramref name="day"/>.</summary>
    private static void Event(CalendarLineWriter ics, SiteModel site, AgreementView a, string kind, DateOnly day, bool live, DateOnly windowOpens)
    {
        var expires = a.Term.Expires!.Value;
        ics.Raw("BEGIN:VEVENT").End();
        ics.Raw("UID:").Raw(a.Id).Raw(kind).Raw(Domain).End();
        ics.Raw("DTSTAMP:").Day(site.Today).Raw("T000000Z").End();
        ics.Raw("DTSTART;VALUE=DATE:").Day(day).End();
        // DTEND is the next day; 9999-12-31 has none, and an all-day event of one day may say so instead (RFC 5545 §3.6.1).
        if (day == DateOnly.MaxValue) ics.Raw("DURATION:P1D").End();
        else ics.Raw("DTEND;VALUE=DATE:").Day(day.AddDays(1)).End();
        if (kind == "-expires") ics.Raw("SUMMARY:").Text(a.Id).Text(" expires: ").Text(a.Title).End();
        else ics.Raw("SUMMARY:").Text("Renewal window opens: ").Text(a.Id).Text(" (expires ").Text(expires).Text(")").End();
        ics.Raw("DESCRIPTION:").Text(a.Title).Text("\nStatus: ").Text(a.Status.Label).Text("\nParties: ");
        for (var i = 0; i < a.Parties.Count; i++)
        {
            if (i > 0) ics.Text(", ");
            ics.Text(a.Parties[i].Agency.Short);
        }
        ics.Text("\nExpires: ").Text(expires);
        if (live) ics.Text("\nRenewal window (").Text(site.RenewalWindowDays).Text(" days) opens: ").Text(windowOpens);
        ics.Text("\n").Text(a.Url).End();
        ics.Raw("STATUS:").Raw(a.Status.Name switch
        {
            "executed" or "expired" => "CONFIRMED",
            "terminated" or "superseded" or "withdrawn" => "CANCELLED",
            _ => "TENTATIVE",
        }).End();
        ics.Raw("TRANSP:TRANSPARENT").End();
        if (site.Urls.Base.StartsWith("http", StringComparison.Ordinal)) ics.Raw("URL:").Raw(a.Url).End();
        ics.Raw("END:VEVENT").End();
    }
}
