using System.Globalization;
using System.Net;
using Octokit;

namespace DulaRegistry.GitHub;

/// <summary>
/// <see cref="IGitHub"/> over Octokit: the only code that talks to GitHub. Every call's failure becomes a
/// <see cref="GitHubException"/> whose message says what was being done, what went wrong and which token permission
/// it needs; tokens are never part of a message.
/// </summary>
public sealed class OctokitGitHub : IGitHub
{
    private static readonly ProductHeaderValue s_product = new("dula-registry");
    private readonly GitHubSettings _settings;
    private readonly GitHubClient _client;
    private readonly GitHubClient _members;
    private readonly bool _separateMembersToken;
    private readonly string[] _secrets;

    /// <param name="membersToken">A token with the organisation's "Members: read" permission, used only to list team
    /// members (GITHUB_TOKEN of a workflow cannot); null uses the settings' token.</param>
    public OctokitGitHub(GitHubSettings settings, string? membersToken = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _client = Create(settings.ApiUrl, settings.Token);
        _separateMembersToken = !string.IsNullOrWhiteSpace(membersToken);
        _members = _separateMembersToken ? Create(settings.ApiUrl, membersToken!.Trim()) : _client;
        _secrets = new[] { settings.Token, membersToken?.Trim() }.OfType<string>().Where(s => s.Length > 0).ToArray();
    }

    private string Owner => _settings.Owner;
    private string Name => _settings.Repository;
    private string Repo => $"{Owner}/{Name}";

    private static GitHubClient Create(Uri apiUrl, string? token)
    {
        // Octokit sends requests to BASE/api/v3/ for any host but github.com, so https://HOST/api/v3 (Enterprise) and
        // http://127.0.0.1:PORT/api/v3 (a test server) both work; the path given is not appended twice.
        var client = new GitHubClient(s_product, BaseAddress(apiUrl));
        if (token is not null) client.Credentials = new Credentials(token);
        return client;
    }

    private static Uri BaseAddress(Uri apiUrl)
    {
        var text = apiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        const string Suffix = "/api/v3";
        if (text.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)) text = text[..^Suffix.Length];
        return new Uri(text + "/");
    }

    public Task<PullRequestInfo> GetPullRequestAsync(int number, CancellationToken ct) =>
        Call($"read pull request #{number} of {Repo}", "pull-requests: read", async () => ToInfo(await _client.PullRequest.Get(Owner, Name, number).ConfigureAwait(false)), ct);

    public Task<IReadOnlyList<PullRequestFile>> GetPullRequestFilesAsync(int number, CancellationToken ct) =>
        Call($"list the files of pull request #{number} of {Repo}", "pull-requests: read", async () =>
        {
            var files = await _client.PullRequest.Files(Owner, Name, number).ConfigureAwait(false);
            return (IReadOnlyList<PullRequestFile>)files.Select(f => new PullRequestFile(f.FileName, ToChange(f.Status), NullIfEmpty(f.PreviousFileName))).ToList();
        }, ct);

    public Task<IReadOnlyList<ReviewInfo>> GetReviewsAsync(int number, CancellationToken ct) =>
        Call($"list the reviews of pull request #{number} of {Repo}", "pull-requests: read", async () =>
        {
            var reviews = await _client.PullRequest.Review.GetAll(Owner, Name, number).ConfigureAwait(false);
            return (IReadOnlyList<ReviewInfo>)reviews
                .Select(r => new ReviewInfo(r.Id, r.User?.Login, ToReviewState(r.State.StringValue), NullIfEmpty(r.CommitId), r.SubmittedAt == default ? null : r.SubmittedAt))
                .ToList();
        }, ct);

    public Task<IReadOnlyList<string>> GetTeamMemberLoginsAsync(string org, string teamSlug, CancellationToken ct)
    {
        var permission = _separateMembersToken
            ? "organization \"Members: read\" (for REGISTRY_MEMBERS_TOKEN)"
            : "organization \"Members: read\"; GITHUB_TOKEN of a workflow cannot read teams, so set REGISTRY_MEMBERS_TOKEN to a token that can";
        return Call($"list the members of team @{org}/{teamSlug}", permission, async () =>
        {
            IReadOnlyList<User> users;
            try
            {
                users = await new ApiConnection(_members.Connection)
                    .GetAll<User>(new Uri($"orgs/{Uri.EscapeDataString(org)}/teams/{Uri.EscapeDataString(teamSlug)}/members", UriKind.Relative)).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                // Older Enterprise Server releases only list members by team id.
                var team = await _members.Organization.Team.GetByName(org, teamSlug).ConfigureAwait(false);
                users = await _members.Organization.Team.GetAllMembers(team.Id).ConfigureAwait(false);
            }
            return (IReadOnlyList<string>)users.Select(u => u.Login).Where(l => !string.IsNullOrEmpty(l)).ToList();
        }, ct);
    }

    public Task SetCommitStatusAsync(string sha, CommitState state, string context, string description, string? targetUrl, CancellationToken ct) =>
        Call($"set the {context} status on commit {Short(sha)} of {Repo}", "statuses: write", async () =>
        {
            var status = new NewCommitStatus
            {
                State = state switch
                {
                    CommitState.Success => Octokit.CommitState.Success,
                    CommitState.Failure => Octokit.CommitState.Failure,
                    CommitState.Error => Octokit.CommitState.Error,
                    _ => Octokit.CommitState.Pending,
                },
                Context = context,
                Description = description,
                TargetUrl = targetUrl,
            };
            await _client.Repository.Status.Create(Owner, Name, sha, status).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<IssueInfo> GetIssueAsync(int number, CancellationToken ct) =>
        Call($"read issue #{number} of {Repo}", "issues: read", async () => ToInfo(await _client.Issue.Get(Owner, Name, number).ConfigureAwait(false)), ct);

    public Task<IReadOnlyList<IssueInfo>> FindIssuesAsync(string label, IssueFilter state, CancellationToken ct) =>
        Call($"list the issues labelled '{label}' in {Repo}", "issues: read", async () =>
        {
            var request = new RepositoryIssueRequest
            {
                State = state switch { IssueFilter.Open => ItemStateFilter.Open, IssueFilter.Closed => ItemStateFilter.Closed, _ => ItemStateFilter.All },
            };
            request.Labels.Add(label);
            var issues = await _client.Issue.GetAllForRepository(Owner, Name, request).ConfigureAwait(false);
            // The issues API lists pull requests too.
            return (IReadOnlyList<IssueInfo>)issues.Where(i => i.PullRequest is null).Select(ToInfo).ToList();
        }, ct);

    public Task<IssueInfo> CreateIssueAsync(string title, string body, IReadOnlyList<string> labels, CancellationToken ct) =>
        Call($"open an issue in {Repo}", "issues: write", async () =>
        {
            var issue = new NewIssue(title) { Body = body };
            foreach (var label in labels) issue.Labels.Add(label);
            return ToInfo(await _client.Issue.Create(Owner, Name, issue).ConfigureAwait(false));
        }, ct);

    public Task CommentAsync(int issueNumber, string body, CancellationToken ct) =>
        Call($"comment on issue #{issueNumber} of {Repo}", "issues: write", async () =>
        {
            await _client.Issue.Comment.Create(Owner, Name, issueNumber, body).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<IReadOnlyList<CommentInfo>> GetCommentsAsync(int issueNumber, CancellationToken ct) =>
        Call($"read the comments of issue #{issueNumber} of {Repo}", "issues: read", async () =>
        {
            var comments = await _client.Issue.Comment.GetAllForIssue(Owner, Name, issueNumber).ConfigureAwait(false);
            return (IReadOnlyList<CommentInfo>)comments.Select(c => new CommentInfo(c.Id, c.User?.Login, c.Body ?? "", c.HtmlUrl ?? "")).ToList();
        }, ct);

    public async Task CloseIssueAsync(int issueNumber, string? comment, CancellationToken ct)
    {
        if (comment is not null) await CommentAsync(issueNumber, comment, ct).ConfigureAwait(false);
        await Call($"close issue #{issueNumber} of {Repo}", "issues: write", async () =>
        {
            await _client.Issue.Update(Owner, Name, issueNumber, new IssueUpdate { State = ItemState.Closed }).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }

    public Task<string?> GetBranchShaAsync(string branch, CancellationToken ct) =>
        Call($"read branch {branch} of {Repo}", "contents: read", async () =>
        {
            try
            {
                var reference = await _client.Git.Reference.Get(Owner, Name, "heads/" + branch).ConfigureAwait(false);
                return reference.Object?.Sha;
            }
            catch (NotFoundException)
            {
                return null;
            }
        }, ct);

    public Task<string> DefaultBranchAsync(CancellationToken ct) =>
        Call($"read the repository {Repo}", "metadata: read", async () => (await _client.Repository.Get(Owner, Name).ConfigureAwait(false)).DefaultBranch, ct);

    public Task CreateBranchWithFileAsync(string branch, string fromSha, string path, string content, string message, CancellationToken ct) =>
        Call($"create branch {branch} with {path} in {Repo}", "contents: write", async () =>
        {
            var blob = await _client.Git.Blob.Create(Owner, Name, new NewBlob { Content = content, Encoding = EncodingType.Utf8 }).ConfigureAwait(false);
            var parent = await _client.Git.Commit.Get(Owner, Name, fromSha).ConfigureAwait(false);
            var tree = new NewTree { BaseTree = parent.Tree.Sha };
            tree.Tree.Add(new NewTreeItem { Path = path, Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });
            var newTree = await _client.Git.Tree.Create(Owner, Name, tree).ConfigureAwait(false);
            var commit = await _client.Git.Commit.Create(Owner, Name, new NewCommit(message, newTree.Sha, fromSha)).ConfigureAwait(false);
            await _client.Git.Reference.Create(Owner, Name, new NewReference("refs/heads/" + branch, commit.Sha)).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<PullRequestInfo?> FindPullRequestByHeadAsync(string branch, CancellationToken ct) =>
        Call($"look for a pull request from branch {branch} of {Repo}", "pull-requests: read", async () =>
        {
            var request = new PullRequestRequest { Head = $"{Owner}:{branch}", State = ItemStateFilter.All };
            var found = await _client.PullRequest.GetAllForRepository(Owner, Name, request).ConfigureAwait(false);
            var match = found.FirstOrDefault(p => string.Equals(p.Head?.Ref, branch, StringComparison.Ordinal));
            return match is null ? null : ToInfo(match);
        }, ct);

    public Task<PullRequestInfo> CreateDraftPullRequestAsync(string title, string head, string baseRef, string body, CancellationToken ct) =>
        Call($"open a draft pull request from {head} in {Repo}", "pull-requests: write", async () =>
            ToInfo(await _client.PullRequest.Create(Owner, Name, new NewPullRequest(title, head, baseRef) { Body = body, Draft = true }).ConfigureAwait(false)), ct);

    /// <summary>Runs one call and turns every failure into a plain <see cref="GitHubException"/>.</summary>
    /// <param name="what">What the call does, completing "could not ...".</param>
    /// <param name="permission">The token permission the call needs, named when GitHub answers 403.</param>
    private async Task<T> Call<T>(string what, string permission, Func<Task<T>> call, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Translate(ex, what, permission) is { } plain)
        {
            throw plain;
        }
    }

    private GitHubException? Translate(Exception ex, string what, string permission)
    {
        var (problem, reason) = ex switch
        {
            RateLimitExceededException rate => (GitHubProblem.RateLimited,
                $"GitHub's API rate limit for this token is used up ({rate.Limit.ToString(CultureInfo.InvariantCulture)} requests an hour); it resets at {rate.Reset.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC{Until(rate.Reset)}; run the command again then"),
            SecondaryRateLimitExceededException or AbuseException => (GitHubProblem.RateLimited,
                "GitHub's secondary rate limit stopped the request (too many requests at once); wait a few minutes and run the command again"),
            ApiException { StatusCode: (HttpStatusCode)429 } => (GitHubProblem.RateLimited,
                "GitHub answered 429, too many requests; wait a few minutes and run the command again"),
            AuthorizationException => (GitHubProblem.Unauthorized,
                "the token was refused (401); check GITHUB_TOKEN" + (_separateMembersToken ? " (or REGISTRY_MEMBERS_TOKEN, for team members)" : "") + ": it may be missing, expired or revoked"),
            ForbiddenException => (GitHubProblem.Forbidden,
                $"the token is not allowed to (403); it needs the permission {permission}"),
            NotFoundException => (GitHubProblem.NotFound,
                "not found, or the token cannot see it (404); check the number, the --repo / GITHUB_REPOSITORY value and the token's access to the repository"),
            ApiException api => (GitHubProblem.Rejected,
                $"GitHub answered {(int)api.StatusCode} ({api.StatusCode}): {Truncate(api.Message)}"),
            HttpRequestException http => (GitHubProblem.Network,
                $"{_settings.ApiUrl} could not be reached ({Truncate(http.Message)}); check the network and GITHUB_API_URL"),
            TaskCanceledException or TimeoutException => (GitHubProblem.Network,
                $"{_settings.ApiUrl} did not answer in time; check the network and GITHUB_API_URL"),
            _ => (default(GitHubProblem?), ""),
        };
        return problem is { } p ? new GitHubException(p, Scrub($"could not {what}: {reason}")) : null;
    }

    private static string Until(DateTimeOffset reset)
    {
        var minutes = (int)Math.Ceiling((reset - DateTimeOffset.UtcNow).TotalMinutes);
        return minutes > 0 ? $" (in {minutes.ToString(CultureInfo.InvariantCulture)} minute{(minutes == 1 ? "" : "s")})" : "";
    }

    /// <summary>Removes any token from text that came from elsewhere (a server's message could echo one).</summary>
    private string Scrub(string text)
    {
        foreach (var secret in _secrets) text = text.Replace(secret, "[token]", StringComparison.Ordinal);
        return text;
    }

    private static string Truncate(string? text)
    {
        text = (text ?? "").ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static FileChange ToChange(string? status) => status switch
    {
        "added" => FileChange.Added,
        "removed" => FileChange.Removed,
        "renamed" => FileChange.Renamed,
        "copied" => FileChange.Copied,
        "changed" => FileChange.Changed,
        "unchanged" => FileChange.Unchanged,
        _ => FileChange.Modified,
    };

    private static ReviewState ToReviewState(string? state) => state?.ToUpperInvariant() switch
    {
        "APPROVED" => ReviewState.Approved,
        "CHANGES_REQUESTED" => ReviewState.ChangesRequested,
        "DISMISSED" => ReviewState.Dismissed,
        "PENDING" => ReviewState.Pending,
        _ => ReviewState.Commented,
    };

    private static PullRequestInfo ToInfo(PullRequest pr) =>
        new(pr.Number, pr.Title ?? "", pr.Head?.Sha ?? "", pr.Head?.Ref ?? "", pr.Base?.Ref ?? "", pr.User?.Login, pr.HtmlUrl ?? "", pr.Draft);

    private static IssueInfo ToInfo(Issue issue) =>
        new(issue.Number, issue.Title ?? "", issue.Body, issue.Labels?.Select(l => l.Name).ToList() ?? [], issue.State.StringValue != "closed", issue.User?.Login, issue.HtmlUrl ?? "");
}
