using System.Text;
using static DulaRegistry.Reporting.ReportText;

namespace DulaRegistry.Reporting;

/// <summary>The report as plain text for a terminal.</summary>
public static class TextReportRenderer
{
    public static string Render(PipelineReport r)
    {
        var s = new StringBuilder();
        s.Append(Title(r)).Append('\n');
        if (Scope(r) is { } scope) s.Append(scope).Append('\n');
        if (Errors(r) is { } errors) s.Append("Warning: ").Append(errors).Append('\n');

        Heading(s, $"Pipeline by status ({Count(r.Agreements, "agreement")})");
        foreach (var row in r.ByStatus) s.Append($"  {row.Status,-12} {row.Count}\n");
        if (r.ByStatus.Count == 0) None(s);

        Heading(s, "Pipeline by agency");
        foreach (var row in r.ByAgency) s.Append($"  {Clean(row.Agency)} ({Clean(row.Name)}): {row.Total} ({ByStatus(row.ByStatus)})\n");
        if (r.ByAgency.Count == 0) None(s);

        Heading(s, ExpiringHeading(r));
        Expiries(s, r.Expiring);

        Heading(s, StaleHeading);
        if (!r.StaleDrafts.Available)
        {
            s.Append("  ").Append(NoGit(r.StaleDrafts)).Append('\n');
        }
        else
        {
            if (r.StaleDrafts.Note is { } note) s.Append("  Note: ").Append(Clean(note)).Append('\n');
            foreach (var d in r.StaleDrafts.Drafts)
            {
                s.Append($"  {d.Id}  {Clean(d.Title)}  {d.Status}, last changed {Date(d.LastChanged)} ({d.DaysUntouched} days ago)\n");
            }
            if (r.StaleDrafts.Drafts.Count == 0) None(s);
        }

        Heading(s, LegacyHeading);
        Expiries(s, r.LegacyToMigrate);

        Heading(s, WaitingHeading);
        foreach (var group in r.WaitingOnYou)
        {
            s.Append("  ").Append(group.Agency is null ? Clean(group.Name) : $"{Clean(group.Agency)} ({Clean(group.Name)})").Append('\n');
            foreach (var item in group.Items) s.Append($"    {item.Id} {Clean(item.Title)}: {Clean(item.Text)}\n");
        }
        if (r.WaitingOnYou.Count == 0) None(s);
        return s.ToString();
    }

    private static void Expiries(StringBuilder s, IReadOnlyList<ExpiringRow> rows)
    {
        foreach (var e in rows) s.Append($"  {e.Id}  {Clean(e.Title)}  expires {Date(e.Expires)} ({DaysLeft(e.DaysLeft)})\n");
        if (rows.Count == 0) None(s);
    }

    private static void Heading(StringBuilder s, string heading) => s.Append('\n').Append(heading).Append('\n');

    private static void None(StringBuilder s) => s.Append("  (none)\n");
}
