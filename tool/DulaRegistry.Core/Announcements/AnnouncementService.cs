using DulaRegistry.GitHub;
using DulaRegistry.Loading;
using DulaRegistry.Notices;

namespace DulaRegistry.Announcements;

/// <summary>Opens one <c>executed</c> issue per newly executed agreement, unless an issue with its marker (open or closed) exists.</summary>
public sealed class AnnouncementService(IGitHub github)
{
    /// <returns>One line per agreement: the issue opened, or the earlier one found.</returns>
    /// <exception cref="GitHubException">GitHub cannot be reached or refuses a call.</exception>
    public async Task<IReadOnlyList<string>> RunAsync(LoadedRegistry registry, IReadOnlyList<ExecutedAgreement> executed, SiteLinks links, CancellationToken ct)
    {
        if (executed.Count == 0) return ["no agreement became executed in these commits"];
        var existing = await github.FindIssuesAsync(AnnouncementWriter.Label, IssueFilter.All, ct);
        var lines = new List<string>();
        foreach (var agreement in executed)
        {
            if (existing.FirstOrDefault(i => Marker.Has(i.Body, AnnouncementWriter.MarkerKind, agreement.Id)) is { } earlier)
            {
                lines.Add($"{agreement.Id}: already announced in #{earlier.Number}");
                continue;
            }
            var issue = await github.CreateIssueAsync(AnnouncementWriter.Title(agreement), AnnouncementWriter.Body(agreement, registry, links), [AnnouncementWriter.Label], ct);
            lines.Add($"{agreement.Id}: announced in #{issue.Number} {issue.Url}");
        }
        return lines;
    }
}
