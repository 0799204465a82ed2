using System.Globalization;

namespace DulaRegistry.Reporting;

/// <summary>Wording shared by the report's renderers.</summary>
internal static class ReportText
{
    public static string Title(PipelineReport r) => $"{Clean(r.Registry)}: pipeline report, {Date(r.Today)}";

    public static string? Scope(PipelineReport r) => r.Agency is null ? null : $"Only agreements where `{Clean(r.Agency)}` is a party.";

    public static string? Errors(PipelineReport r) => r.Errors == 0 ? null
        : $"The registry has {Count(r.Errors, "validation error")} (run `registry validate` to see them); this report shows the files as they are.";

    public static string ExpiringHeading(PipelineReport r) => $"Executed agreements expiring within {r.RenewalWindowDays} days";

    public static string StaleHeading => $"Drafts untouched for {PipelineReport.StaleDays} days or more";

    public const string LegacyHeading = "Legacy agreements due to migrate";

    public const string WaitingHeading = "Waiting on you";

    public static string NoGit(StaleDraftSection s) =>
        $"This needs Git history: run the report inside the registry's Git repository ({Clean(s.Note ?? "no history")}).";

    public static string DaysLeft(int days) => days switch
    {
        0 => "expires today",
        1 => "1 day left",
        > 1 => $"{days} days left",
        -1 => "expired 1 day ago",
        _ => $"expired {-days} days ago",
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    public static string ByStatus(IReadOnlyList<StatusCountRow> rows) => string.Join(", ", rows.Select(s => $"{s.Status} {s.Count}"));

    /// <summary>Text from the registry files, on one line and without control characters (they could forge output lines).</summary>
    public static string Clean(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c)).Trim();
}
