using DulaRegistry.Diagnostics;
using DulaRegistry.GitHub;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Approvals;

/// <summary>
/// Fetches what <see cref="ApprovalPolicy"/> decides on: the pull request, its changed files and reviews (from GitHub),
/// the changed agreements (read as data from a checkout of the head), the agencies' legal reviewers and the members of
/// their teams.
/// </summary>
public static class ApprovalGathering
{
    /// <param name="root">A checkout of the pull request's head: the changed agreements are read from it.</param>
    /// <param name="reviewersRoot">A checkout of the base branch, whose agencies name the legal reviewers (and whose
    /// agreements name the parties before the change), so a pull request cannot choose its own reviewers; null reads
    /// them from <paramref name="root"/>.</param>
    /// <exception cref="GitHubException">GitHub failed, or a changed file is missing from <paramref name="root"/>.</exception>
    public static async Task<(PullRequestInfo PullRequest, ApprovalInput Input)> GatherAsync(
        IGitHub github, int number, string root, string? reviewersRoot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(github);
        var pr = await github.GetPullRequestAsync(number, ct).ConfigureAwait(false);
        var files = await github.GetPullRequestFilesAsync(number, ct).ConfigureAwait(false);
        var changedFiles = files.Where(f => IsAgreementPath(f.Path)).ToList();

        var head = RegistryLoader.Load(root, new DiagnosticBag());
        var reviewers = reviewersRoot is null ? head : RegistryLoader.Load(reviewersRoot, new DiagnosticBag());
        var headByPath = head.Agreements.ToDictionary(a => a.Path, StringComparer.Ordinal);
        var baseByPath = reviewersRoot is null ? null : reviewers.Agreements.ToDictionary(a => a.Path, StringComparer.Ordinal);

        var changed = new List<ChangedAgreement>();
        foreach (var file in changedFiles)
        {
            if (file.Change == FileChange.Removed)
            {
                changed.Add(new ChangedAgreement(file.Path, file.Change, null));
                continue;
            }
            if (!File.Exists(Path.Combine(root, file.Path)))
            {
                throw new GitHubException(GitHubProblem.Usage,
                    $"pull request #{number} changes {file.Path}, but it is not in {root}; pass a checkout of the pull request's head (commit {pr.HeadSha}) with --root");
            }
            IReadOnlyList<string>? baseParties = null;
            if (baseByPath is not null && baseByPath.TryGetValue(file.PreviousPath ?? file.Path, out var before))
            {
                baseParties = before.Model.Parties.Select(p => p.Agency).OfType<string>().ToList();
            }
            changed.Add(new ChangedAgreement(file.Path, file.Change, headByPath.GetValueOrDefault(file.Path)?.Model, baseParties));
        }

        var agencies = reviewers.AgencyById.Values.Where(a => a.Model.Id is not null).ToDictionary(
            a => a.Model.Id!,
            a => new AgencyReviewers(a.Model.Id!, Label(a.Model), a.Model.LegalReviewers),
            StringComparer.Ordinal);

        var teams = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var needsReviews = changed.Any(c => c.Agreement is { } m && c.Change != FileChange.Removed && ApprovalPolicy.NeedsApproval(m));
        foreach (var team in ApprovalPolicy.TeamsToRead(changed, agencies))
        {
            var slash = team.IndexOf('/', StringComparison.Ordinal);
            teams[team] = await github.GetTeamMemberLoginsAsync(team[..slash], team[(slash + 1)..], ct).ConfigureAwait(false);
        }
        var reviews = needsReviews ? await github.GetReviewsAsync(number, ct).ConfigureAwait(false) : [];
        return (pr, new ApprovalInput(pr.HeadSha, pr.Author, changed, reviews, agencies, teams));
    }

    /// <summary>An agreement file as the loader finds them: <c>agreements/NAME.md</c>.</summary>
    public static bool IsAgreementPath(string path) =>
        path.StartsWith(RegistryLoader.AgreementsFolder + "/", StringComparison.Ordinal)
        && path.EndsWith(".md", StringComparison.Ordinal)
        && path.IndexOf('/', RegistryLoader.AgreementsFolder.Length + 1) < 0;

    private static string Label(Agency agency) => string.IsNullOrWhiteSpace(agency.Acronym) ? agency.Id! : agency.Acronym.Trim();
}
