using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Diagnostics;
using DulaRegistry.Intake;

namespace DulaRegistry.Tests.GitHub;

/// <summary>`registry intake`: a viable request issue becomes a branch, a file, a draft pull request and a comment, once.</summary>
public sealed class IntakeTests
{
    private static readonly DateOnly s_today = new(2027, 1, 4);
    private const string NewId = "DULA-2027-0008";
    private const string Branch = "dula/" + NewId;

    private static string FormBody(string owners = "dor", string recipients = "DTA", string? legal = null) => $"""
        ### Short title of the agreement

        SNAP wage match

        ### Data owner agencies

        {owners}

        ### Data recipient agencies

        {recipients}

        ### Purpose

        Check the income of SNAP households
        against quarterly wages.

        ### Data requested

        Quarterly wage records: SSN, name, employer; quarterly; SFTP
        ### Not a field, part of the answer

        ### Legal authority

        {legal ?? "_No response_"}

        ### Requesting contact

        Pat Example, Analyst, pat@example.org
        """;

    private static Task<(ExitCode Exit, string Output, string Error)> Intake(FakeGitHub fake, TempRegistry registry, int issue) =>
        GitHubTestRegistry.Run((output, error) => IntakeCommand.RunAsync(new DirectoryInfo(registry.Root), issue, null, s_today,
            GitHubTestRegistry.Environment(fake), output, error, CancellationToken.None));

    [Fact]
    public void The_form_parser_reads_every_answer_and_knows_every_label_of_the_form_file()
    {
        var form = RequestForm.Parse(FormBody().Replace("\n", "\r\n", StringComparison.Ordinal));
        form.Title.ShouldBe("SNAP wage match");
        form.Owners.ShouldBe("dor");
        form.Recipients.ShouldBe("DTA");
        form.Purpose.ShouldBe("Check the income of SNAP households\r\nagainst quarterly wages.".Replace("\r", "", StringComparison.Ordinal));
        form.Data!.ShouldContain("### Not a field, part of the answer");
        form.LegalAuthority.ShouldBeNull();
        form.Contact.ShouldBe("Pat Example, Analyst, pat@example.org");
        form.MissingRequired().ShouldBeEmpty();

        // The form file's labels, as GitHub writes them into the body, are the ones the parser looks for.
        var yaml = File.ReadAllText(GitHubTestRegistry.RepositoryFile(".github/ISSUE_TEMPLATE/request-dula.yml"));
        var ids = System.Text.RegularExpressions.Regex.Matches(yaml, @"\n    id: (\S+)\n    attributes:\n      label: (.+)\n");
        ids.Count.ShouldBe(RequestForm.Labels.Count);
        foreach (System.Text.RegularExpressions.Match match in ids) RequestForm.Labels[match.Groups[1].Value].ShouldBe(match.Groups[2].Value.Trim());
    }

    [Fact]
    public async Task A_viable_request_becomes_a_branch_a_valid_file_a_draft_pull_request_and_a_comment_once()
    {
        using var registry = GitHubTestRegistry.Create();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var issue = fake.AddIssue("DULA request: SNAP wage match", FormBody(legal: "M.G.L. c. 62C, § 21"), "pat-requester", true, "dula-request", "viable");

        var (exit, output, error) = await Intake(fake, registry, issue.Number);
        exit.ShouldBe(ExitCode.Ok, error);
        output.ShouldContain($"agreements/{NewId}.md on branch {Branch}");

        // The file: made from the template like `registry new`, on a branch from main's head, and valid in the registry.
        var text = fake.FileOn(Branch, $"agreements/{NewId}.md");
        text.ShouldNotBeNull();
        text.ShouldContain($"id: \"{NewId}\"");
        text.ShouldContain("status: drafting");
        text.ShouldContain("purpose: \"Check the income of SNAP households against quarterly wages.\"");
        fake.Commits[fake.Branches[Branch]].Parent.ShouldBe(FakeGitHub.MainSha);
        registry.Write($"agreements/{NewId}.md", text);
        registry.Validate(s_today).Where(d => d.Severity == Severity.Error).ShouldBeEmpty();

        // The draft pull request links the issue and carries the answers as a checklist.
        var pr = fake.PullRequests.Values.ShouldHaveSingleItem();
        pr.Draft.ShouldBeTrue();
        pr.Title.ShouldBe($"{NewId}: SNAP wage match");
        pr.HeadRef.ShouldBe(Branch);
        pr.BaseRef.ShouldBe(FakeGitHub.DefaultBranch);
        pr.Body.ShouldNotBeNull();
        pr.Body.ShouldStartWith($"<!-- registry-intake:{issue.Number} -->");
        pr.Body.ShouldContain($"Requested in #{issue.Number} by @pat-requester.");
        pr.Body.ShouldContain("- [ ] **Purpose**");
        pr.Body.ShouldContain("> Quarterly wage records: SSN, name, employer; quarterly; SFTP");
        pr.Body.ShouldContain("> M.G.L. c. 62C, § 21");
        pr.Body.ShouldContain("@dor-coordinator @dta-coordinator");

        // The issue's comment links the pull request.
        var comment = issue.Comments.ShouldHaveSingleItem();
        comment.Body.ShouldStartWith($"<!-- registry-intake:{issue.Number} -->");
        comment.Body.ShouldContain($"/pull/{pr.Number}");

        // Twice makes nothing new.
        var writes = fake.Writes.Count;
        var again = await Intake(fake, registry, issue.Number);
        again.Exit.ShouldBe(ExitCode.Ok, again.Error);
        again.Output.ShouldContain("nothing new was made");
        fake.Writes.Count.ShouldBe(writes);
        fake.PullRequests.Count.ShouldBe(1);
        fake.Branches.Keys.Count(b => b.StartsWith("dula/", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_forged_marker_comment_without_its_pull_request_does_not_stop_the_intake()
    {
        using var registry = GitHubTestRegistry.Create();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var issue = fake.AddIssue("DULA request: SNAP wage match", FormBody(), "pat-requester", true, "viable");
        issue.Comments.Add(new FakeComment(900, "mallory",
            $"{DulaRegistry.Notices.Marker.Format(IntakeService.MarkerKind, issue.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))}\nThe draft agreement **DULA-2027-0001** is open for drafting in https://example.invalid/pull/1 (branch `dula/DULA-2027-0001`, file `x`)."));

        var (exit, _, error) = await Intake(fake, registry, issue.Number);
        exit.ShouldBe(ExitCode.Ok, error);
        fake.PullRequests.Values.ShouldHaveSingleItem().HeadRef.ShouldBe(Branch);
    }

    [Fact]
    public async Task A_dula_branch_already_on_GitHub_moves_the_id_on()
    {
        using var registry = GitHubTestRegistry.Create();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var issue = fake.AddIssue("DULA request", FormBody(), "pat", true, "viable");
        fake.Branches[Branch] = FakeGitHub.MainSha; // another request's draft, not fetched into this clone

        var (exit, output, error) = await Intake(fake, registry, issue.Number);
        exit.ShouldBe(ExitCode.Ok, error);
        output.ShouldContain("dula/DULA-2027-0009");
        fake.FileOn("dula/DULA-2027-0009", "agreements/DULA-2027-0009.md").ShouldNotBeNull();
        fake.FileOn(Branch, $"agreements/{NewId}.md").ShouldBeNull();
    }

    [Fact]
    public async Task An_unknown_agency_gets_a_comment_with_the_valid_names_and_no_branch()
    {
        using var registry = GitHubTestRegistry.Create();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var issue = fake.AddIssue("DULA request", FormBody(owners: "dorr, Department of Revenue", recipients: "Mass Transit"), "pat", true, "viable");

        var (exit, _, error) = await Intake(fake, registry, issue.Number);
        exit.ShouldBe(ExitCode.ValidationFailed);
        error.ShouldContain("cannot become a draft");
        var comment = issue.Comments.ShouldHaveSingleItem().Body;
        comment.ShouldContain("`dorr` is not a known agency; did you mean dor (DOR, Department of Revenue)?");
        comment.ShouldContain("`Mass Transit` is not a known agency");
        comment.ShouldNotContain("Department of Revenue` is not"); // the full name is accepted
        comment.ShouldContain("| `dta` | DTA | Department of Transitional Assistance |");
        comment.ShouldContain("| `anf` | ANF | Executive Office for Administration and Finance |");
        fake.Branches.Keys.ShouldBe([FakeGitHub.DefaultBranch]);
        fake.PullRequests.ShouldBeEmpty();

        // The same problem is not commented twice.
        (await Intake(fake, registry, issue.Number)).Exit.ShouldBe(ExitCode.ValidationFailed);
        issue.Comments.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(true, "dula-request")]
    [InlineData(false, "viable")]
    public async Task An_issue_that_is_not_open_and_viable_is_refused_and_nothing_is_written(bool open, string label)
    {
        using var registry = GitHubTestRegistry.Create();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var issue = fake.AddIssue("DULA request", FormBody(), "pat", open, label);

        var (exit, _, error) = await Intake(fake, registry, issue.Number);
        exit.ShouldBe(ExitCode.ValidationFailed);
        error.ShouldContain(open ? "is not labelled `viable`" : "is closed");
        fake.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_token_is_a_plain_message_and_exit_2()
    {
        using var registry = GitHubTestRegistry.Create();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var issue = fake.AddIssue("DULA request", FormBody(), "pat", true, "viable");
        fake.Fail("/repos/example-org/dula-registry/git/blobs", FailureKind.Forbidden);

        var (exit, _, error) = await Intake(fake, registry, issue.Number);
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain("contents: write");
        error.ShouldNotContain(GitHubTestRegistry.Token);
        error.ShouldNotContain("   at ");
    }
}
