namespace DulaRegistry.GitHub;

/// <summary>
/// Everything the registry's commands ask of GitHub, typed and free of Octokit types. <see cref="OctokitGitHub"/> is the
/// only implementation that talks to GitHub. Every method throws <see cref="GitHubException"/> with a plain message on failure.
/// </summary>
public interface IGitHub
{
    Task<PullRequestInfo> GetPullRequestAsync(int number, CancellationToken ct);
    Task<IReadOnlyList<PullRequestFile>> GetPullRequestFilesAsync(int number, CancellationToken ct);
    /// <summary>Submitted reviews in the order GitHub lists them (oldest first).</summary>
    Task<IReadOnlyList<ReviewInfo>> GetReviewsAsync(int number, CancellationToken ct);
    /// <summary>Logins of the team's members (including members of its child teams, as GitHub lists them).</summary>
    Task<IReadOnlyList<string>> GetTeamMemberLoginsAsync(string org, string teamSlug, CancellationToken ct);
    Task SetCommitStatusAsync(string sha, CommitState state, string context, string description, string? targetUrl, CancellationToken ct);
    Task<IssueInfo> GetIssueAsync(int number, CancellationToken ct);
    /// <summary>Issues (not pull requests) with the label, in the given state.</summary>
    Task<IReadOnlyList<IssueInfo>> FindIssuesAsync(string label, IssueFilter state, CancellationToken ct);
    Task<IssueInfo> CreateIssueAsync(string title, string body, IReadOnlyList<string> labels, CancellationToken ct);
    Task CommentAsync(int issueNumber, string body, CancellationToken ct);
    Task<IReadOnlyList<CommentInfo>> GetCommentsAsync(int issueNumber, CancellationToken ct);
    /// <summary>Closes the issue, first commenting when <paramref name="comment"/> is given.</summary>
    Task CloseIssueAsync(int issueNumber, string? comment, CancellationToken ct);
    /// <summary>The commit the branch points to; null when there is no such branch.</summary>
    Task<string?> GetBranchShaAsync(string branch, CancellationToken ct);
    Task<string> DefaultBranchAsync(CancellationToken ct);
    /// <summary>Creates <paramref name="branch"/> at a new commit on top of <paramref name="fromSha"/> that adds or
    /// replaces one file (through the Git data API: blob, tree, commit, reference).</summary>
    Task CreateBranchWithFileAsync(string branch, string fromSha, string path, string content, string message, CancellationToken ct);
    /// <summary>The pull request (open or closed) whose head is <paramref name="branch"/> of this repository; null when none.</summary>
    Task<PullRequestInfo?> FindPullRequestByHeadAsync(string branch, CancellationToken ct);
    Task<PullRequestInfo> CreateDraftPullRequestAsync(string title, string head, string baseRef, string body, CancellationToken ct);
}
