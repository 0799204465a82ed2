using System.Text.Json;
using DulaRegistry.Approvals;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;

namespace DulaRegistry.Tests.GitHub;

/// <summary>
/// `registry approvals` end to end against the fake GitHub API: every approval rule, the posted status, and plain
/// errors. The registry: DTA (reviewer: the user @dta-lawyer and the team example-org/dta-legal) and DOR (the team
/// example-org/dor-legal); the pull request by @drafter changes one agreement between them.
/// </summary>
public sealed class ApprovalsTests : IAsyncLifetime
{
    private const string Token = "ghs_approvalsTestToken9876543210zyxwvuTSR";
    private const string Final = "agreements/DULA-2025-0002.md";
    private const string Head = "1111111111111111111111111111111111111111";
    private const string Older = "2222222222222222222222222222222222222222";
    private FakeGitHub _fake = null!;
    private TempRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeGitHub.StartAsync();
        _fake.Token = Token;
        _fake.AddTeam("example-org", "dta-legal", "dana");
        _fake.AddTeam("example-org", "dor-legal", "omar", "olive", "drafter");
        _registry = Fixtures.Registry()
            .Write("agencies/dta.md", Fixtures.Dta.Edit("legal_reviewers: [\"@example-org/dta-legal\"]", "legal_reviewers: [\"@dta-lawyer\", \"@example-org/dta-legal\"]"))
            .Write(Final, Fixtures.Other.Edit("status: drafting", "status: final"));
    }

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _fake.DisposeAsync();
    }

    private FakePullRequest Pr(string file = Final, string status = "modified") =>
        _fake.AddPullRequest(5, "drafter", Head).WithFile(file, status).WithFile("README.md");

    private async Task<(ExitCode Exit, string Output, string Error)> Run(bool setStatus = false, string format = "text",
        string? apiUrl = null, string? membersToken = null, DirectoryInfo? reviewersRoot = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_API_URL"] = apiUrl ?? _fake.ApiUrl.ToString(),
            ["GITHUB_TOKEN"] = Token,
            ["GITHUB_REPOSITORY"] = FakeGitHub.Repo,
            ["REGISTRY_MEMBERS_TOKEN"] = membersToken,
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ApprovalsCommand.RunAsync(5, new DirectoryInfo(_registry.Root), reviewersRoot, null, setStatus,
            Enum.Parse<ApprovalFormat>(format, ignoreCase: true), output, error, name => env.GetValueOrDefault(name), default);
        var (o, e) = (output.ToString(), error.ToString());
        o.ShouldNotContain(Token);
        e.ShouldNotContain(Token);
        return (exit, o, e);
    }

    [Fact]
    public async Task Every_party_approved_on_the_head_passes_and_posts_success()
    {
        Pr().Review("dta-lawyer", "APPROVED").Review("omar", "APPROVED");
        var (exit, output, _) = await Run(setStatus: true);
        exit.ShouldBe(ExitCode.Ok, output);
        output.ShouldContain("DTA: approved by @dta-lawyer");
        output.ShouldContain("DOR: approved by @omar");
        _fake.Statuses.ShouldBe([new PostedStatus(Head, "success", "registry/legal-review", "every party's legal review is done (1 agreement)", null)]);
    }

    [Fact]
    public async Task One_party_missing_fails_names_whom_to_ask_and_posts_failure()
    {
        Pr().Review("dana", "APPROVED");
        var (exit, output, _) = await Run(setStatus: true);
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("DTA: approved by @dana");
        output.ShouldContain("DOR: still needed; ask @example-org/dor-legal");
        var status = _fake.Statuses.ShouldHaveSingleItem();
        (status.Sha, status.State, status.Context, status.Description).ShouldBe((Head, "failure", "registry/legal-review", "waiting on DOR legal"));
    }

    [Fact]
    public async Task An_approval_of_an_older_commit_does_not_count()
    {
        Pr().Review("dta-lawyer", "APPROVED").Review("omar", "APPROVED", commit: Older);
        var (exit, output, _) = await Run();
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("DOR: still needed");
        output.ShouldContain("@omar approved an earlier commit (2222222)");
    }

    [Fact]
    public async Task Changes_requested_after_an_approval_cancels_it()
    {
        Pr().Review("dta-lawyer", "APPROVED").Review("omar", "APPROVED").Review("omar", "CHANGES_REQUESTED");
        var (exit, output, _) = await Run();
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("@omar requested changes");
    }

    [Fact]
    public async Task An_approval_after_changes_requested_counts_and_a_later_comment_does_not_cancel_it()
    {
        Pr().Review("dta-lawyer", "APPROVED").Review("omar", "CHANGES_REQUESTED").Review("omar", "APPROVED").Review("omar", "COMMENTED");
        (await Run()).Exit.ShouldBe(ExitCode.Ok);
    }

    [Fact]
    public async Task A_dismissed_approval_does_not_count()
    {
        Pr().Review("dta-lawyer", "APPROVED").Review("omar", "APPROVED").Dismiss("omar");
        var (exit, output, _) = await Run();
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("@omar's review was dismissed");
    }

    [Fact]
    public async Task A_team_member_and_a_listed_user_both_count_but_a_member_of_another_team_does_not()
    {
        // dana is in dta-legal (a team DTA lists), dta-lawyer is listed by name; olive is in dor-legal only.
        Pr().Review("dana", "APPROVED").Review("olive", "APPROVED");
        (await Run()).Exit.ShouldBe(ExitCode.Ok);
        _fake.Requests.ShouldContain(r => r.Path == "/orgs/example-org/teams/dta-legal/members");

        var (exit, output, _) = await RunWithReviews(("olive", "APPROVED"));
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("DTA: still needed; ask @dta-lawyer or @example-org/dta-legal");
    }

    [Fact]
    public async Task The_author_cannot_approve_for_a_party_even_as_a_member_of_its_team()
    {
        Pr().Review("dta-lawyer", "APPROVED").Review("drafter", "APPROVED");
        var (exit, output, _) = await Run();
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("@drafter approved, but is the pull request's author and cannot approve for a party");
    }

    [Fact]
    public async Task Approvals_by_people_who_are_not_the_partys_reviewers_do_not_count()
    {
        Pr().Review("dta-lawyer", "APPROVED").Review("someone-else", "APPROVED");
        var (exit, output, _) = await Run();
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("DOR: still needed");
        output.ShouldNotContain("someone-else");
    }

    [Fact]
    public async Task A_pull_request_changing_no_agreement_that_needs_approval_passes_with_a_note()
    {
        _registry.Write(Final, Fixtures.Other);   // drafting
        Pr();
        var (exit, output, _) = await Run(setStatus: true);
        exit.ShouldBe(ExitCode.Ok);
        output.ShouldContain("note: this pull request changes no agreement that needs legal approval");
        output.ShouldContain($"not needed: {Final}: drafting, before final");
        _fake.Statuses.ShouldHaveSingleItem().ShouldBe(new PostedStatus(Head, "success", "registry/legal-review", "no agreement in this pull request needs legal review", null));
        _fake.Requests.ShouldNotContain(r => r.Path.EndsWith("/reviews", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_executed_agreement_that_is_modified_needs_every_party()
    {
        _registry.Write(Final, Fixtures.Other.Edit("status: drafting", "status: terminated"));
        Pr().Review("dta-lawyer", "APPROVED");
        var (exit, output, _) = await Run(setStatus: true);
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("(DULA-2025-0002, terminated): waiting");
    }

    [Fact]
    public async Task Reviewers_come_from_the_reviewers_root_so_a_pull_request_cannot_name_its_own()
    {
        using var baseCheckout = Fixtures.Registry().Write(Final, Fixtures.Other.Edit("status: drafting", "status: final"));
        // The head makes the author's friend a DOR reviewer; the base does not list them.
        _registry.Write("agencies/dor.md", Fixtures.Dor.Edit("legal_reviewers: [\"@example-org/dor-legal\"]", "legal_reviewers: [\"@friend\"]"));
        Pr().Review("dana", "APPROVED").Review("friend", "APPROVED");
        (await Run()).Exit.ShouldBe(ExitCode.Ok);   // trusting the head: passes
        var (exit, output, _) = await Run(reviewersRoot: new DirectoryInfo(baseCheckout.Root));
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain("DOR: still needed; ask @example-org/dor-legal");
    }

    [Fact]
    public async Task Json_and_markdown_report_each_party()
    {
        Pr().Review("dta-lawyer", "APPROVED");
        var (_, json, _) = await Run(format: "json");
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("satisfied").GetBoolean().ShouldBeFalse();
        var parties = document.RootElement.GetProperty("agreements")[0].GetProperty("parties");
        parties[0].GetProperty("approved_by")[0].GetString().ShouldBe("dta-lawyer");
        parties[1].GetProperty("ask")[0].GetString().ShouldBe("@example-org/dor-legal");

        var (_, markdown, _) = await Run(format: "markdown");
        markdown.ShouldContain("- ⏳ DOR: still needed; ask `@example-org/dor-legal`");
        markdown.ShouldContain("- ✅ DTA: approved by `@dta-lawyer`");
    }

    [Fact]
    public async Task Team_members_are_read_with_the_members_token()
    {
        const string MembersToken = "github_pat_membersReadOnly42";
        _fake.MembersToken = MembersToken;
        Pr().Review("dana", "APPROVED").Review("omar", "APPROVED");
        var (exit, output, error) = await Run(membersToken: MembersToken);
        exit.ShouldBe(ExitCode.Ok, error);
        (output + error).ShouldNotContain(MembersToken);
        _fake.Requests.Where(r => r.Path.StartsWith("/orgs/", StringComparison.Ordinal)).ShouldAllBe(r => r.Token == MembersToken);
        _fake.Requests.Where(r => r.Path.StartsWith("/repos/", StringComparison.Ordinal)).ShouldAllBe(r => r.Token == Token);
    }

    [Theory]
    [InlineData("/repos/", FailureKind.Unauthorized, "the token was refused (401); check GITHUB_TOKEN")]
    [InlineData("/repos/example-org/dula-registry/statuses/", FailureKind.Forbidden, "it needs the permission statuses: write")]
    [InlineData("/orgs/", FailureKind.Forbidden, "REGISTRY_MEMBERS_TOKEN")]
    [InlineData("/repos/", FailureKind.NotFound, "could not read pull request #5 of example-org/dula-registry: not found, or the token cannot see it")]
    [InlineData("/repos/", FailureKind.RateLimited, "rate limit for this token is used up")]
    public async Task GitHub_failures_exit_2_with_a_plain_message_and_no_token(string path, FailureKind kind, string words)
    {
        Pr().Review("dana", "APPROVED");
        _fake.Fail(path, kind);
        var (exit, output, error) = await Run(setStatus: true);
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain(words);
        error.ShouldNotContain("   at ");   // no stack trace
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1, error);   // one plain line
        _fake.Statuses.ShouldBeEmpty();
        _ = output;
    }

    [Fact]
    public async Task An_unreachable_api_exits_2_naming_the_url()
    {
        Pr();
        var url = $"http://127.0.0.1:{OctokitGitHubTests.FreePort()}/api/v3";
        var (exit, _, error) = await Run(apiUrl: url);
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain($"{url} could not be reached");
    }

    [Fact]
    public async Task A_missing_repository_setting_is_a_usage_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ApprovalsCommand.RunAsync(5, new DirectoryInfo(_registry.Root), null, null, false, ApprovalFormat.Text, output, error, _ => null, default);
        exit.ShouldBe(ExitCode.Usage);
        error.ToString().ShouldContain("pass --repo OWNER/NAME or set GITHUB_REPOSITORY");
    }

    private async Task<(ExitCode Exit, string Output, string Error)> RunWithReviews(params (string User, string State)[] reviews)
    {
        _fake.PullRequests.Clear();
        var pr = Pr();
        foreach (var (user, state) in reviews) pr.Review(user, state);
        return await Run();
    }
}
