using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// <c>agreements.csv</c> (RFC 4180): a header row, then one row per agreement; every field quoted, CRLF
/// line ends, several values in one cell joined by "; ". A cell that a spreadsheet would read as a
/// formula (starting with = + - @, tab or CR) is prefixed with an apostrophe.
/// </summary>
public static class CsvExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "title", "status", "framework", "owners", "recipients", "secretariats", "classifications", "regulations",
        "purpose", "effective", "expires", "service_request", "executed_on", "executed_copy_sha256", "ended",
        "supersedes", "superseded_by", "amends", "amended_by", "legal_authority", "tags", "url",
    ];

    /// <summary>Writes the export to <paramref name="output"/> (left open).</summary>
    public static void Write(SiteModel site, Stream output)
    {
        using var csv = new StreamWriter(output, ExportText.Utf8, ExportText.BufferSize, leaveOpen: true);
        Row(csv, Columns);
        foreach (var a in site.Agreements)
        {
            Row(csv,
            [
                a.Id, a.Title, a.Status.Name, a.Framework.Name,
                Join(a.Owners.Select(p => p.Agency.Id)), Join(a.Recipients.Select(p => p.Agency.Id)),
                Join(a.SecretariatIds), Join(a.Classifications), Join(a.Regulations),
                a.Purpose ?? "", Date(a.Term.Effective), Date(a.Term.Expires), a.ServiceRequest ?? "",
                Date(a.ExecutedOn), a.ExecutedCopySha256 ?? "", Date(a.Ended),
                a.Supersedes?.Id ?? "", Join(a.SupersededBy.Select(r => r.Id)), a.Amends?.Id ?? "", Join(a.AmendedBy.Select(r => r.Id)),
                Join(a.LegalAuthority.Select(l => l.Citation ?? "")), Join(a.Tags), a.Url,
            ]);
        }
    }

    private static void Row(TextWriter csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) csv.Write(',');
            csv.Write('"');
            csv.Write(Guard(cells[i]).Replace("\"", "\"\"", StringComparison.Ordinal));
            csv.Write('"');
        }
        csv.Write("\r\n");
    }

    /// <summary>Neutralises spreadsheet formula injection (OWASP "CSV injection").</summary>
    public static string Guard(string cell)
    {
        cell = OutputText.Clean(cell);
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
    }

    private static string Join(IEnumerable<string> values) => string.Join("; ", values);

    private static string Date(DateOnly? date) => date is null ? "" : Labels.Date(date);
}
