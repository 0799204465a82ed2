namespace DulaRegistry.GitHub;

/// <summary>A pull request, as the commands need it.</summary>
/// <param name="Author">The login of the user who opened it; null when that account was deleted.</param>
public sealed record PullRequestInfo(int Number, string Title, string HeadSha, string HeadRef, string BaseRef, string? Author, string Url, bool Draft);

/// <summary>How a pull request changes one file.</summary>
public enum FileChange
{
    Added,
    Modified,
    Removed,
    Renamed,
    Copied,
    Changed,
    Unchanged,
}

/// <summary>One file a pull request changes.</summary>
/// <param name="Path">The path at the head, relative to the repository root, with forward slashes.</param>
/// <param name="PreviousPath">The path before a rename; null otherwise.</param>
public sealed record PullRequestFile(string Path, FileChange Change, string? PreviousPath);

/// <summary>A review's state as GitHub reports it (a dismissed approval is reported as <see cref="Dismissed"/>).</summary>
public enum ReviewState
{
    Approved,
    ChangesRequested,
    Commented,
    Dismissed,
    Pending,
}

/// <summary>One submitted review of a pull request.</summary>
/// <param name="User">The reviewer's login; null when that account was deleted.</param>
/// <param name="CommitSha">The commit the review was made on.</param>
public sealed record ReviewInfo(long Id, string? User, ReviewState State, string? CommitSha, DateTimeOffset? SubmittedAt);

/// <summary>The state of a commit status.</summary>
public enum CommitState
{
    Pending,
    Success,
    Failure,
    Error,
}

/// <summary>Which issues to list.</summary>
public enum IssueFilter
{
    Open,
    Closed,
    All,
}

/// <summary>An issue (never a pull request).</summary>
public sealed record IssueInfo(int Number, string Title, string? Body, IReadOnlyList<string> Labels, bool Open, string? Author, string Url);

/// <summary>A comment on an issue.</summary>
public sealed record CommentInfo(long Id, string? Author, string Body, string Url);
