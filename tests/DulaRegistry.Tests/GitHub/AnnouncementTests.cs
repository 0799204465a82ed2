using DulaRegistry.Announcements;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Testing;

namespace DulaRegistry.Tests.GitHub;

/// <summary>`registry announce`: one `executed` issue per agreement executed after REF, with everyone's names and links, once.</summary>
public sealed class AnnouncementTests
{
    private const string Id = Fixtures.AgreementId;

    /// <summary>A repository whose main has the agencies, then the agreement submitted (returned), then executed in a merge.</summary>
    private static (GitTestRepository Git, string Before, string Executed) Repository()
    {
        var git = new GitTestRepository();
        var agencies = new List<(string, string?)>
        {
            ("registry.yml", "repository_url: https://github.com/Example-Org/dula-registry\n"),
            ("agencies/anf.md", Fixtures.Anf),
            ("agencies/dor.md", GitHubTestRegistry.WithCoordinator(Fixtures.Dor, "dor-coordinator")),
            ("agencies/dta.md", GitHubTestRegistry.WithCoordinator(Fixtures.Dta, "dta-coordinator")),
            (Fixtures.OtherPath, Fixtures.Other),
        };
        git.Commit("2026-01-02T10:00:00Z", "Agencies", agencies);
        var before = git.Commit("2026-01-10T10:00:00Z", $"{Id} submitted", [(Fixtures.AgreementPath, Fixtures.Agreement.Edit("status: executed", "status: submitted"))]);
        git.Commit("2026-01-23T10:00:00Z", $"{Id} executed", [(Fixtures.AgreementPath, Fixtures.Agreement)], branch: "execute");
        var executed = git.Merge("execute", "2026-01-24T10:00:00Z", "Merge pull request #7", Fixtures.AgreementPath);
        return (git, before, executed);
    }

    private static Task<(ExitCode Exit, string Output, string Error)> Announce(FakeGitHub fake, string root, string since, string? siteUrl = null) =>
        GitHubTestRegistry.Run((output, error) => AnnounceCommand.RunAsync(new DirectoryInfo(root), since, null, siteUrl,
            GitHubTestRegistry.Environment(fake), output, error, CancellationToken.None));

    [Fact]
    public async Task An_agreement_executed_after_REF_gets_one_issue_naming_everyone_with_its_links()
    {
        var (git, before, executed) = Repository();
        using var _ = git;
        await using var fake = await GitHubTestRegistry.StartFakeAsync();

        var (exit, output, error) = await Announce(fake, git.RegistryRoot, before);
        exit.ShouldBe(ExitCode.Ok, error);
        var issue = fake.Issues.Values.ShouldHaveSingleItem();
        output.ShouldContain($"{Id}: announced in #{issue.Number}");
        issue.Title.ShouldBe($"Executed: {Id} SNAP eligibility wage match");
        issue.Labels.ShouldBe(["executed"]);
        var body = issue.Body!;
        body.ShouldStartWith($"<!-- registry-announce:{Id} -->\n");
        body.ShouldContain("@dta-coordinator @dor-coordinator");
        body.ShouldContain("Addison Sample (SNAP Policy Manager, addison.sample@\u2060example.org)"); // a DULA manager, mentioning nobody
        body.ShouldContain("Brooke Fictional");
        body.ShouldContain("Casey Fictional (Commissioner of Transitional Assistance), signed 2026-01-20");
        body.ShouldContain("Riley Placeholder (Commissioner of Revenue), signed 2026-01-22");
        body.ShouldContain("Drafters: Bailey Sample (`dta`)");
        body.ShouldContain($"https://example-org.github.io/dula-registry/agreements/{Id}/");
        body.ShouldContain($"https://github.com/Example-Org/dula-registry/blob/{executed}/agreements/{Id}.md");
        body.ShouldContain($"https://example-org.github.io/dula-registry/log/proofs/{Id}.tlog-proof");

        // Idempotent: the same range again, or a later one that still reaches it, opens nothing.
        var writes = fake.Writes.Count;
        (await Announce(fake, git.RegistryRoot, before)).Output.ShouldContain($"already announced in #{issue.Number}");
        fake.Writes.Count.ShouldBe(writes);
        fake.Issues.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Nothing_is_announced_for_an_execution_at_or_before_REF_or_for_other_changes()
    {
        var (git, _, executed) = Repository();
        using var repo = git;
        git.Commit("2026-02-01T10:00:00Z", "Tags", [(Fixtures.AgreementPath, Fixtures.Agreement.Edit("tags: [snap, eligibility]", "tags: [snap]"))]);
        await using var fake = await GitHubTestRegistry.StartFakeAsync();

        var (exit, output, error) = await Announce(fake, git.RegistryRoot, executed);
        exit.ShouldBe(ExitCode.Ok, error);
        output.ShouldContain("no agreement became executed");
        fake.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_site_url_option_wins_and_an_unknown_REF_is_a_plain_usage_error()
    {
        var (git, before, _) = Repository();
        using var repo = git;
        await using var fake = await GitHubTestRegistry.StartFakeAsync();

        (await Announce(fake, git.RegistryRoot, before, "https://dula.example.gov/registry")).Exit.ShouldBe(ExitCode.Ok);
        fake.Issues.Values.Single().Body!.ShouldContain($"https://dula.example.gov/registry/agreements/{Id}/");

        var (exit, _, error) = await Announce(fake, git.RegistryRoot, "no-such-branch");
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain("no-such-branch");
        error.ShouldNotContain("   at ");
    }

    [Theory]
    [InlineData("https://github.com/example-org/example-org.github.io", "https://example-org.github.io/")]
    [InlineData("https://ghe.example.gov/data/registry", null)]
    public void Pages_addresses_follow_the_GitHub_convention(string repository, string? site) =>
        SiteLinks.From(repository, null).Site.ShouldBe(site);
}
