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
        using var text = new StreamWriter(output, ExportText.Utf8, ExportText.BufferSize, leaveOpen: true);
        var csv = new CsvWriter(text);
        foreach (var column in Columns) csv.Cell(column);
        csv.EndRow();
        foreach (var a in site.Agreements)
        {
            csv.Cell(a.Id);
            csv.Cell(a.Title);
            csv.Cell(a.Status.Name);
            csv.Cell(a.Framework.Name);
            Parties(csv, a.Parties, owners: true);
            Parties(csv, a.Parties, owners: false);
            csv.Cell(a.SecretariatIds);
            csv.Cell(a.Classifications);
            csv.Cell(a.Regulations);
            csv.Cell(a.Purpose);
            csv.Cell(a.Term.Effective);
            csv.Cell(a.Term.Expires);
            csv.Cell(a.ServiceRequest);
            csv.Cell(a.ExecutedOn);
            csv.Cell(a.ExecutedCopySha256);
            csv.Cell(a.Ended);
            csv.Cell(a.Supersedes?.Id);
            Ids(csv, a.SupersededBy);
            csv.Cell(a.Amends?.Id);
            Ids(csv, a.AmendedBy);
            csv.StartCell();
            for (var i = 0; i < a.LegalAuthority.Count; i++)
            {
                if (i > 0) csv.Append(CsvWriter.Separator);
                csv.Append(a.LegalAuthority[i].Citation);
            }
            csv.EndCell();
            csv.Cell(a.Tags);
            csv.Cell(a.Url);
            csv.EndRow();
        }
    }

    /// <summary>The owners' (owner or both) or the recipients' (recipient or both) agency ids, as <see cref="AgreementView.Owners"/> and <see cref="AgreementView.Recipients"/> list them.</summary>
    private static void Parties(CsvWriter csv, IReadOnlyList<PartyView> parties, bool owners)
    {
        csv.StartCell();
        var first = true;
        for (var i = 0; i < parties.Count; i++)
        {
            var role = parties[i].Role.Name;
            if (!(role == "both" || role == (owners ? "owner" : "recipient"))) continue;
            if (!first) csv.Append(CsvWriter.Separator);
            first = false;
            csv.Append(parties[i].Agency.Id);
        }
        csv.EndCell();
    }

    private static void Ids(CsvWriter csv, IReadOnlyList<AgreementRef> agreements)
    {
        csv.StartCell();
        for (var i = 0; i < agreements.Count; i++)
        {
            if (i > 0) csv.Append(CsvWriter.Separator);
            csv.Append(agreements[i].Id);
        }
        csv.EndCell();
    }
}
