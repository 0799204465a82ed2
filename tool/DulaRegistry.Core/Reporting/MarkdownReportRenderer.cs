using System.Text;
using static DulaRegistry.Reporting.ReportText;

namespace DulaRegistry.Reporting;

/// <summary>The report as GitHub-flavoured Markdown (for a job summary or an issue).</summary>
public static class MarkdownReportRenderer
{
    public static string Render(PipelineReport r)
    {
        var s = new StringBuilder();
        s.Append("# ").Append(Escape(Title(r))).Append('\n');
        if (Scope(r) is { } scope) s.Append('\n').Append(scope).Append('\n');
        if (Errors(r) is { } errors) s.Append("\n> **Warning:** ").Append(errors).Append('\n');

        Heading(s, $"Pipeline by status ({Count(r.Agreements, "agreement")})");
        Table(s, ["Status", "Agreements"], r.ByStatus.Select(x => new[] { $"`{x.Status}`", Num(x.Count) }));

        Heading(s, "Pipeline by agency");
        Table(s, ["Agency", "Agreements", "By status"],
            r.ByAgency.Select(x => new[] { $"{Escape(x.Name)} (`{Code(x.Agency)}`)", Num(x.Total), Escape(ByStatus(x.ByStatus)) }));

        Heading(s, ExpiringHeading(r));
        Expiries(s, r.Expiring);

        Heading(s, StaleHeading);
        if (!r.StaleDrafts.Available)
        {
            s.Append(Escape(NoGit(r.StaleDrafts))).Append('\n');
        }
        else
        {
            if (r.StaleDrafts.Note is { } note) s.Append("Note: ").Append(Escape(note)).Append("\n\n");
            Table(s, ["Agreement", "Title", "Status", "Last changed", "Days untouched"], r.StaleDrafts.Drafts.Select(d =>
                new[] { d.Id, Escape(d.Title), $"`{d.Status}`", Date(d.LastChanged), Num(d.DaysUntouched) }));
        }

        Heading(s, LegacyHeading);
        Expiries(s, r.LegacyToMigrate);

        Heading(s, WaitingHeading);
        if (r.WaitingOnYou.Count == 0) s.Append("None.\n");
        for (var i = 0; i < r.WaitingOnYou.Count; i++)
        {
            var group = r.WaitingOnYou[i];
            s.Append(i == 0 ? "### " : "\n### ").Append(group.Agency is null ? Escape(group.Name) : $"{Escape(group.Name)} (`{Code(group.Agency)}`)").Append("\n\n");
            foreach (var item in group.Items) s.Append($"- {item.Id} {Escape(item.Title)}: {Escape(item.Text, keepCode: true)}\n");
        }
        return s.ToString();
    }

    private static void Expiries(StringBuilder s, IReadOnlyList<ExpiringRow> rows) =>
        Table(s, ["Agreement", "Title", "Expires", "Days left"], rows.Select(e => new[] { e.Id, Escape(e.Title), Date(e.Expires), Escape(DaysLeft(e.DaysLeft)) }));

    private static void Table(StringBuilder s, string[] header, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            s.Append("None.\n");
            return;
        }
        s.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        s.Append('|').Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
        foreach (var row in list) s.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
    }

    private static void Heading(StringBuilder s, string heading) => s.Append("\n## ").Append(heading).Append("\n\n");

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Text from the registry, inert in Markdown: no HTML, links, emphasis or table breaks. Backticks stay when
    /// <paramref name="keepCode"/> (the checklist's own `status` marks), else they are escaped too.</summary>
    private static string Escape(string text, bool keepCode = false)
    {
        var s = new StringBuilder();
        foreach (var c in Clean(text))
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '~' || (c == '`' && !keepCode)) s.Append('\\');
            s.Append(c);
        }
        return s.ToString();
    }

    /// <summary>An id inside a code span: a backtick would end it.</summary>
    private static string Code(string text) => Clean(text).Replace('`', '\'');
}
