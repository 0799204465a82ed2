using DulaRegistry.GitHub;
using DulaRegistry.Loading;
using DulaRegistry.Notices;

namespace DulaRegistry.Reminders;

/// <summary>
/// Makes GitHub match <see cref="ReminderPlanner.Plan"/>: opens each due reminder that has no issue yet (an issue with its
/// marker, open or closed, counts: a reminder someone closed is not opened again), and closes, with a comment saying why,
/// each open reminder no longer due. A dry run reads GitHub but writes nothing.
/// </summary>
public sealed class ReminderService(IGitHub github)
{
    /// <returns>One line per action taken (or, in a dry run, that would be taken).</returns>
    /// <exception cref="GitHubException">GitHub cannot be reached or refuses a call.</exception>
    public async Task<IReadOnlyList<string>> RunAsync(LoadedRegistry registry, DateOnly today, bool dryRun, CancellationToken ct)
    {
        var plan = ReminderPlanner.Plan(registry, today);
        var existing = (await github.FindIssuesAsync(ReminderPlanner.Label, IssueFilter.All, ct))
            .Select(i => (Issue: i, Key: Key(i)))
            .Where(x => x.Key is not null)
            .ToList();
        var would = dryRun ? "would " : "";
        var lines = new List<string>();

        foreach (var reminder in plan)
        {
            if (existing.FirstOrDefault(x => x.Key == (reminder.AgreementId, reminder.Kind)) is { Issue: { } earlier })
            {
                lines.Add($"{reminder.AgreementId} {reminder.KindName}: issue #{earlier.Number} ({(earlier.Open ? "open" : "closed")}) already exists");
                continue;
            }
            if (dryRun)
            {
                lines.Add($"{reminder.AgreementId} {reminder.KindName}: would open \"{reminder.Title}\"");
                continue;
            }
            var created = await github.CreateIssueAsync(reminder.Title, reminder.Body, [ReminderPlanner.Label], ct);
            lines.Add($"{reminder.AgreementId} {reminder.KindName}: opened #{created.Number} {created.Url}");
        }

        foreach (var (issue, key) in existing)
        {
            var (id, kind) = key!.Value;
            if (!issue.Open || plan.Any(p => p.AgreementId == id && p.Kind == kind)) continue;
            var why = ReminderPlanner.WhyResolved(registry, plan, id, kind, today);
            if (!dryRun) await github.CloseIssueAsync(issue.Number, $"{why} Closed by `registry remind`.", ct);
            lines.Add($"{id} {ReminderPlanner.KindName(kind)}: {would}close #{issue.Number}: {why}");
        }
        if (lines.Count == 0) lines.Add("no agreement needs a reminder, and no reminder issue is left to close");
        return lines;
    }

    private static (string Id, ReminderKind Kind)? Key(IssueInfo issue) =>
        Marker.Read(issue.Body, ReminderPlanner.MarkerKind) is [var id, var kindName] && ReminderPlanner.ParseKind(kindName) is { } kind ? (id, kind) : null;
}
