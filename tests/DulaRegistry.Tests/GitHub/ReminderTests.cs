using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;

namespace DulaRegistry.Tests.GitHub;

/// <summary>`registry remind`: one issue per due agreement, never twice; closed when renewed or ended; a dry run writes nothing.</summary>
public sealed class ReminderTests
{
    private static readonly DateOnly s_today = new(2028, 12, 1); // DULA-2026-0007 expires 2029-01-31: 61 days left
    private const string LegacyId = "DULA-2019-0003";
    private const string ExpiredId = "DULA-2024-0001";

    private static TempRegistry Registry()
    {
        var registry = GitHubTestRegistry.Create();
        registry.Write($"agreements/{LegacyId}.md", Fixtures.Agreement.Edit("id: DULA-2026-0007", $"id: {LegacyId}").Edit("framework: mou", "framework: legacy")
            .Edit("expires: 2029-01-31", "expires: 2029-02-20"));
        registry.Write($"agreements/{ExpiredId}.md", Fixtures.Agreement.Edit("id: DULA-2026-0007", $"id: {ExpiredId}")
            .Edit("effective: 2026-02-01", "effective: 2024-01-01").Edit("expires: 2029-01-31", "expires: 2028-11-20"));
        return registry;
    }

    private static Task<(ExitCode Exit, string Output, string Error)> Remind(FakeGitHub fake, TempRegistry registry, bool dryRun = false) =>
        GitHubTestRegistry.Run((output, error) => RemindCommand.RunAsync(new DirectoryInfo(registry.Root), null, s_today, dryRun,
            GitHubTestRegistry.Environment(fake), output, error, CancellationToken.None));

    [Fact]
    public async Task Each_due_agreement_gets_one_issue_with_handles_dates_and_the_command_and_a_second_run_opens_none()
    {
        using var registry = Registry();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var unrelated = fake.AddIssue("Something else", "<!-- registry-remind:DULA-2026-0007:renewal -->", "someone", true, "question");

        var (exit, output, error) = await Remind(fake, registry);
        exit.ShouldBe(ExitCode.Ok, error);
        var opened = fake.Issues.Values.Where(i => i != unrelated).OrderBy(i => i.Title, StringComparer.Ordinal).ToList();
        opened.Select(i => i.Title).ShouldBe([
            $"Expired: {ExpiredId} (SNAP eligibility wage match) expired 2028-11-20",
            $"Migration due: {LegacyId} (SNAP eligibility wage match) expires 2029-02-20",
            "Renewal due: DULA-2026-0007 (SNAP eligibility wage match) expires 2029-01-31",
        ]);
        opened.ShouldAllBe(i => i.Labels.SequenceEqual(new[] { "renewal" }) && i.Open);

        var renewal = opened[2].Body!;
        renewal.ShouldStartWith("<!-- registry-remind:DULA-2026-0007:renewal -->\n");
        renewal.ShouldContain("expires on **2029-01-31**, in **61 days**");
        renewal.ShouldContain("90-day renewal window");
        renewal.ShouldContain("@dta-coordinator @dor-coordinator");
        renewal.ShouldContain("```\nregistry renew DULA-2026-0007\n```");
        opened[1].Body!.ShouldContain($"registry migrate {LegacyId}");
        opened[1].Body!.ShouldContain("in **81 days**");
        opened[0].Body!.ShouldContain("**11 days ago**");
        opened[0].Body!.ShouldContain("`status: expired`");
        output.ShouldContain("opened #");

        var writes = fake.Writes.Count;
        var again = await Remind(fake, registry);
        again.Exit.ShouldBe(ExitCode.Ok, again.Error);
        fake.Writes.Count.ShouldBe(writes);
        fake.Issues.Count.ShouldBe(4);
        again.Output.ShouldContain("already exists");
    }

    [Fact]
    public async Task A_reminder_someone_closed_is_not_opened_again()
    {
        using var registry = GitHubTestRegistry.Create();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        fake.AddIssue("Renewal due", "<!-- registry-remind:DULA-2026-0007:renewal -->\nold", "github-actions[bot]", false, "renewal");

        (await Remind(fake, registry)).Exit.ShouldBe(ExitCode.Ok);
        fake.Issues.Count.ShouldBe(1);
        fake.Writes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Issues_close_with_a_comment_when_the_agreement_is_renewed_or_ended()
    {
        using var registry = Registry();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        (await Remind(fake, registry)).Exit.ShouldBe(ExitCode.Ok);
        var byId = fake.Issues.Values.ToDictionary(i => i.Body!.Split(':')[1]);

        // DULA-2026-0007 is renewed by an executed successor; the legacy one is terminated; the expired one stays due.
        registry.Write("agreements/DULA-2028-0010.md", Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2028-0010")
            .Edit("tags: [snap, eligibility]", "supersedes: DULA-2026-0007\ntags: [snap, eligibility]")
            .Edit("effective: 2026-02-01", "effective: 2028-11-01").Edit("expires: 2029-01-31", "expires: 2031-10-31"));
        registry.Write($"agreements/{LegacyId}.md", File.ReadAllText(Path.Combine(registry.Root, $"agreements/{LegacyId}.md"))
            .Edit("status: executed", "status: terminated\nended: 2028-11-15"));

        var (exit, output, error) = await Remind(fake, registry);
        exit.ShouldBe(ExitCode.Ok, error);
        byId["DULA-2026-0007"].Open.ShouldBeFalse();
        byId["DULA-2026-0007"].Comments.ShouldHaveSingleItem().Body.ShouldContain("DULA-2026-0007 has been renewed: DULA-2028-0010 (executed) supersedes it.");
        byId[LegacyId].Open.ShouldBeFalse();
        byId[LegacyId].Comments.ShouldHaveSingleItem().Body.ShouldContain("is now `terminated` (ended 2028-11-15).");
        byId[ExpiredId].Open.ShouldBeTrue();
        fake.Issues.Count.ShouldBe(3); // the successor is not due
        output.ShouldContain("close #");
    }

    [Fact]
    public async Task A_dry_run_prints_what_it_would_do_and_writes_nothing()
    {
        using var registry = Registry();
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var stale = fake.AddIssue("Renewal due", "<!-- registry-remind:DULA-2099-0001:renewal -->\ngone", "github-actions[bot]", true, "renewal");

        var (exit, output, error) = await Remind(fake, registry, dryRun: true);
        exit.ShouldBe(ExitCode.Ok, error);
        output.ShouldContain("DULA-2026-0007 renewal: would open \"Renewal due: DULA-2026-0007");
        output.ShouldContain($"{LegacyId} migration: would open");
        output.ShouldContain($"would close #{stale.Number}: DULA-2099-0001 is no longer in the registry");
        fake.Writes.ShouldBeEmpty();
        fake.Issues.Count.ShouldBe(1);
        stale.Open.ShouldBeTrue();
    }
}
