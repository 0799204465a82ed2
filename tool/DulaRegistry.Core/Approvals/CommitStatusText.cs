using System.Globalization;

namespace DulaRegistry.Approvals;

/// <summary>The <c>registry/legal-review</c> commit status a report becomes.</summary>
public static class CommitStatusText
{
    public const string Context = "registry/legal-review";

    /// <summary>GitHub refuses a status description longer than this.</summary>
    public const int MaxDescription = 140;

    public static string Describe(ApprovalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Agreements.Count == 0) return "no agreement in this pull request needs legal review";
        if (report.Satisfied)
        {
            var n = report.Agreements.Count;
            return Fit(string.Create(CultureInfo.InvariantCulture, $"every party's legal review is done ({n} agreement{(n == 1 ? "" : "s")})"));
        }
        var waiting = report.Agreements.SelectMany(a => a.Parties).Where(p => !p.Approved)
            .Select(p => p.Label + " legal").Distinct(StringComparer.Ordinal).ToList();
        var unreadable = report.Agreements.Count(a => a.Problem is not null);
        if (unreadable > 0) waiting.Add(unreadable == 1 ? "a readable agreement file" : $"{unreadable} readable agreement files");
        return Fit("waiting on " + string.Join(", ", waiting));
    }

    /// <summary>Cuts the text at a comma so it fits, saying how many more were left out.</summary>
    private static string Fit(string text)
    {
        if (text.Length <= MaxDescription) return text;
        var parts = text.Split(", ");
        for (var keep = parts.Length - 1; keep > 0; keep--)
        {
            var candidate = string.Join(", ", parts.Take(keep)) + string.Create(CultureInfo.InvariantCulture, $" and {parts.Length - keep} more");
            if (candidate.Length <= MaxDescription) return candidate;
        }
        return text[..(MaxDescription - 1)] + "…";
    }
}
