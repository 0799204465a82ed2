using DulaRegistry.GitHub;

namespace DulaRegistry.Tests.GitHub;

/// <summary>The Octokit adapter against the fake API: shapes, pagination, tokens, and plain errors.</summary>
public sealed class OctokitGitHubTests : IAsyncLifetime
{
    private const string Token = "ghs_adapterTestToken0123456789abcdefXYZ";
    private FakeGitHub _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeGitHub.StartAsync();
        _fake.Token = Token;
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private OctokitGitHub Adapter(string? token = Token, string? membersToken = null) =>
        new(new GitHubSettings(_fake.ApiUrl, token, FakeGitHub.Owner, FakeGitHub.Name), membersToken);

    [Fact]
    public async Task Reads_a_pull_request_through_an_enterprise_style_api_url()
    {
        _fake.ApiUrl.AbsolutePath.ShouldBe("/api/v3");
        _fake.AddPullRequest(7, "drafter", headSha: new string('c', 40));
        var pr = await Adapter().GetPullRequestAsync(7, default);
        pr.ShouldBe(pr with { Number = 7, Author = "drafter", HeadSha = new string('c', 40), HeadRef = "change-7", BaseRef = "main" });
        _fake.Requests.ShouldContain(r => r.Path == $"/repos/{FakeGitHub.Repo}/pulls/7" && r.Token == Token);
    }

    [Fact]
    public async Task Follows_pages_of_files_and_reviews()
    {
        var pr = _fake.AddPullRequest(8, "drafter");
        for (var i = 0; i < 75; i++) pr.WithFile($"agreements/a-{i}.md", i == 0 ? "added" : "modified");
        pr.WithFile("agreements/new.md", "renamed", "agreements/old.md");
        for (var i = 0; i < 40; i++) pr.Review($"user{i}", i % 2 == 0 ? "APPROVED" : "CHANGES_REQUESTED");
        pr.Review("gone", "DISMISSED", "0000000000000000000000000000000000000001");

        var files = await Adapter().GetPullRequestFilesAsync(8, default);
        files.Count.ShouldBe(76);
        files[0].Change.ShouldBe(FileChange.Added);
        files[^1].ShouldBe(new PullRequestFile("agreements/new.md", FileChange.Renamed, "agreements/old.md"));

        var reviews = await Adapter().GetReviewsAsync(8, default);
        reviews.Count.ShouldBe(41);
        reviews[0].State.ShouldBe(ReviewState.Approved);
        reviews[1].State.ShouldBe(ReviewState.ChangesRequested);
        reviews[^1].ShouldBe(reviews[^1] with { User = "gone", State = ReviewState.Dismissed, CommitSha = "0000000000000000000000000000000000000001" });
        reviews[0].SubmittedAt.ShouldNotBeNull().ShouldBeLessThan(reviews[1].SubmittedAt!.Value);
    }

    [Fact]
    public async Task Reads_team_members_with_the_members_token_when_given()
    {
        const string MembersToken = "github_pat_membersOnly0123456789";
        _fake.MembersToken = MembersToken;
        _fake.AddTeam("example-org", "dph-legal", "alice", "bob");
        (await Adapter(membersToken: MembersToken).GetTeamMemberLoginsAsync("example-org", "dph-legal", default)).ShouldBe(["alice", "bob"]);
        _fake.Requests.Where(r => r.Path.StartsWith("/orgs/", StringComparison.Ordinal)).ShouldAllBe(r => r.Token == MembersToken);

        // Without it, the repository token is used, and the fake refuses it for team reads as GitHub refuses GITHUB_TOKEN.
        var refused = await Should.ThrowAsync<GitHubException>(() => Adapter().GetTeamMemberLoginsAsync("example-org", "dph-legal", default));
        refused.Problem.ShouldBe(GitHubProblem.Unauthorized);
    }

    [Fact]
    public async Task Posts_a_commit_status()
    {
        await Adapter().SetCommitStatusAsync(new string('a', 40), CommitState.Failure, "registry/legal-review", "waiting on DPH legal", "https://example.org/run", default);
        _fake.Statuses.ShouldBe([new PostedStatus(new string('a', 40), "failure", "registry/legal-review", "waiting on DPH legal", "https://example.org/run")]);
    }

    [Theory]
    [InlineData(FailureKind.Unauthorized, GitHubProblem.Unauthorized, "the token was refused (401); check GITHUB_TOKEN")]
    [InlineData(FailureKind.Forbidden, GitHubProblem.Forbidden, "it needs the permission statuses: write")]
    [InlineData(FailureKind.NotFound, GitHubProblem.NotFound, "not found, or the token cannot see it")]
    [InlineData(FailureKind.RateLimited, GitHubProblem.RateLimited, "(in 17 minutes)")]
    public async Task Failures_become_plain_messages_without_the_token(FailureKind kind, GitHubProblem problem, string words)
    {
        _fake.Fail("/repos/", kind);
        var ex = await Should.ThrowAsync<GitHubException>(() =>
            Adapter().SetCommitStatusAsync(new string('a', 40), CommitState.Success, "registry/legal-review", "ok", null, default));
        ex.Problem.ShouldBe(problem);
        ex.Message.ShouldContain(words);
        ex.Message.ShouldStartWith($"could not set the registry/legal-review status on commit aaaaaaaaaaaa of {FakeGitHub.Repo}: ");
        ex.Message.ShouldNotContain(Token);
        ex.InnerException.ShouldBeNull();
    }

    [Fact]
    public async Task An_unreachable_api_is_a_network_problem()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/api/v3");
        var adapter = new OctokitGitHub(new GitHubSettings(closed, Token, FakeGitHub.Owner, FakeGitHub.Name));
        var ex = await Should.ThrowAsync<GitHubException>(() => adapter.GetPullRequestAsync(1, default));
        ex.Problem.ShouldBe(GitHubProblem.Network);
        ex.Message.ShouldContain($"{closed} could not be reached");
        ex.Message.ShouldNotContain(Token);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
