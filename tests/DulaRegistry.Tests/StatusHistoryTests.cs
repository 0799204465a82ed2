using DulaRegistry.History;
using DulaRegistry.Model;
using DulaRegistry.Testing;

namespace DulaRegistry.Tests;

/// <summary>Status timelines read from real Git repositories made for each test (fixed author, dates and branch).</summary>
public sealed class StatusHistoryTests : IDisposable
{
    private readonly GitTestRepository _git = new("registry");

    public void Dispose() => _git.Dispose();

    private static string Agreement(string id, string status, string body = "## Purpose\n\nTo match wages.\n") =>
        $"---\nid: {id}\ntitle: Wage match\nstatus: {status}  # lifecycle\nframework: mou\n---\n{body}";

    private static (string, string?) File(string id, string? content) => ($"agreements/{id}.md", content);

    private string Commit(string date, string message, params (string, string?)[] files) => _git.Commit(date, message, files);

    private RegistryHistory Read() => StatusHistory.Read(_git.RegistryRoot);

    [Fact]
    public void A_drafting_then_in_review_history_has_both_dates_commits_and_subjects()
    {
        var drafting = Commit("2026-03-03T10:00:00+00:00", "Start drafting the wage match", File("DULA-2026-0001", Agreement("DULA-2026-0001", "drafting")));
        var review = Commit("2026-04-15T15:30:00-05:00", "Send the wage match for review", File("DULA-2026-0001", Agreement("DULA-2026-0001", "\"in-review\"")));

        var history = Read();

        history.Note.ShouldBeNull();
        var changes = history.For("DULA-2026-0001").StatusChanges;
        changes.ShouldBe([
            new StatusChange(AgreementStatus.Drafting, new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), drafting, "Start drafting the wage match"),
            new StatusChange(AgreementStatus.InReview, new DateTimeOffset(2026, 4, 15, 15, 30, 0, TimeSpan.FromHours(-5)), review, "Send the wage match for review"),
        ]);
        history.For("DULA-2026-0001").LastChanged.ShouldBe(new LastChange(changes[1].Date, review, "Send the wage match for review"));
    }

    [Fact]
    public void A_commit_that_keeps_the_status_changes_only_the_last_change()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")));
        var typo = Commit("2026-01-06T10:00:00+00:00", "Fix a typo", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed", "## Purpose\n\nTo match wage records.\n")));
        Commit("2026-01-07T10:00:00+00:00", "Another agreement", File("DULA-2026-0002", Agreement("DULA-2026-0002", "proposed")));

        var history = Read().For("DULA-2026-0001");

        history.StatusChanges.Select(c => c.Status).ShouldBe([AgreementStatus.Proposed]);
        history.LastChanged!.Commit.ShouldBe(typo);
    }

    [Fact]
    public void Body_lines_that_look_like_a_status_or_a_diff_header_change_nothing()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")));
        // What a line-based reader of `git log -p` would take for a status change, and for a switch to another file.
        var forged = Commit("2026-01-06T10:00:00+00:00", "Add notes", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed",
            "## Purpose\n\nstatus: executed\n\n+status: executed\n\n+++ b/agreements/DULA-2026-0009.md\nstatus: executed\n")));

        var history = Read();

        history.For("DULA-2026-0001").StatusChanges.Select(c => c.Status).ShouldBe([AgreementStatus.Proposed]);
        history.For("DULA-2026-0001").LastChanged!.Commit.ShouldBe(forged);
        history.Agreements.Keys.ShouldBe(["DULA-2026-0001"]);
    }

    [Fact]
    public void A_merged_branch_shows_as_one_change_at_its_merge_on_the_first_parent_chain()
    {
        Commit("2026-02-01T10:00:00+00:00", "Propose", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")));
        _git.Commit("2026-02-02T10:00:00+00:00", "Draft", [File("DULA-2026-0001", Agreement("DULA-2026-0001", "drafting"))], branch: "review");
        _git.Commit("2026-02-03T10:00:00+00:00", "Review", [File("DULA-2026-0001", Agreement("DULA-2026-0001", "in-review"))], branch: "review");
        Commit("2026-02-04T10:00:00+00:00", "Unrelated work on main", File("DULA-2026-0002", Agreement("DULA-2026-0002", "proposed")));
        var merge = _git.Merge("review", "2026-02-05T10:00:00+00:00", "Merge pull request #7 from review", "agreements/DULA-2026-0001.md");

        var history = Read();

        var changes = history.For("DULA-2026-0001").StatusChanges;
        changes.Select(c => c.Status).ShouldBe([AgreementStatus.Proposed, AgreementStatus.InReview]);
        changes[1].Commit.ShouldBe(merge);
        changes[1].Subject.ShouldBe("Merge pull request #7 from review");
        changes[1].Date.ShouldBe(new DateTimeOffset(2026, 2, 5, 10, 0, 0, TimeSpan.Zero));
        history.For("DULA-2026-0002").StatusChanges.Single().Status.ShouldBe(AgreementStatus.Proposed);
    }

    [Fact]
    public void A_renamed_file_starts_its_own_history_and_the_old_name_keeps_its_own()
    {
        var text = Agreement("DULA-2026-0001", "drafting");
        Commit("2026-01-05T10:00:00+00:00", "Draft", File("DULA-2026-0001", text));
        var rename = Commit("2026-01-06T10:00:00+00:00", "Rename", File("DULA-2026-0001", null), File("DULA-2026-0005", text));

        var history = Read();

        history.For("DULA-2026-0001").StatusChanges.Single().Status.ShouldBe(AgreementStatus.Drafting);
        history.For("DULA-2026-0001").LastChanged!.Commit.ShouldBe(rename);
        var renamed = history.For("DULA-2026-0005").StatusChanges.ShouldHaveSingleItem();
        renamed.Status.ShouldBe(AgreementStatus.Drafting);
        renamed.Commit.ShouldBe(rename);
    }

    [Fact]
    public void A_version_that_does_not_parse_contributes_no_status()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")));
        Commit("2026-01-06T10:00:00+00:00", "Break the YAML", File("DULA-2026-0001", "---\nid: DULA-2026-0001\nstatus: [executed\n---\n"));
        Commit("2026-01-07T10:00:00+00:00", "Misspell the status", File("DULA-2026-0001", Agreement("DULA-2026-0001", "executd")));
        Commit("2026-01-08T10:00:00+00:00", "Repair", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")));
        var drafting = Commit("2026-01-09T10:00:00+00:00", "Draft", File("DULA-2026-0001", Agreement("DULA-2026-0001", "drafting")));

        var changes = Read().For("DULA-2026-0001").StatusChanges;

        changes.Select(c => c.Status).ShouldBe([AgreementStatus.Proposed, AgreementStatus.Drafting]);
        changes[1].Commit.ShouldBe(drafting);
    }

    [Fact]
    public void Files_outside_the_agreements_folder_and_in_its_subfolders_are_not_agreements()
    {
        Commit("2026-01-05T10:00:00+00:00", "Other files",
            ("agencies/dor.md", Agreement("dor", "executed")),
            ("agreements/drafts/DULA-2026-0003.md", Agreement("DULA-2026-0003", "executed")),
            ("agreements/notes.txt", "status: executed\n"),
            File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")));

        Read().Agreements.Keys.ShouldBe(["DULA-2026-0001"]);
    }

    [Fact]
    public void A_deleted_file_keeps_its_history_and_adds_nothing()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose", File("DULA-2026-0003", Agreement("DULA-2026-0003", "proposed")));
        Commit("2026-01-06T10:00:00+00:00", "Remove", File("DULA-2026-0003", null));

        Read().For("DULA-2026-0003").StatusChanges.Select(c => c.Status).ShouldBe([AgreementStatus.Proposed]);
    }

    [Fact]
    public void A_shallow_clone_reads_what_it_has_from_its_oldest_commit_on()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")), File("DULA-2026-0002", Agreement("DULA-2026-0002", "proposed")));
        Commit("2026-01-06T10:00:00+00:00", "Draft", File("DULA-2026-0001", Agreement("DULA-2026-0001", "drafting")));
        var review = Commit("2026-01-07T10:00:00+00:00", "Review", File("DULA-2026-0001", Agreement("DULA-2026-0001", "in-review")));
        var clone = _git.ShallowClone(depth: 2);

        var history = StatusHistory.Read(clone);

        // The oldest commit of the clone only says what the statuses were then, not when they were set.
        history.For("DULA-2026-0001").StatusChanges.ShouldBe([
            new StatusChange(AgreementStatus.InReview, new DateTimeOffset(2026, 1, 7, 10, 0, 0, TimeSpan.Zero), review, "Review")]);
        history.For("DULA-2026-0002").StatusChanges.ShouldBeEmpty();
        history.Note.ShouldNotBeNull().ShouldContain("fetch-depth: 0");
    }

    [Fact]
    public void A_folder_outside_git_has_no_history()
    {
        var outside = Path.Combine(Path.GetTempPath(), "dula-nogit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(outside, "agreements"));
        try
        {
            var history = StatusHistory.Read(outside);
            history.Agreements.ShouldBeEmpty();
            history.Note.ShouldNotBeNull().ShouldContain("not in a Git work tree");
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_repository_without_commits_has_no_history()
    {
        var history = Read();

        history.Agreements.ShouldBeEmpty();
        history.Note.ShouldBeNull();
    }

    [Fact]
    public void A_damaged_object_is_reported_not_read_as_something_else()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose", File("DULA-2026-0001", Agreement("DULA-2026-0001", "proposed")));
        // libgit2 no longer hashes what it reads (as Git does not outside `git fsck`): the damage must still show, through
        // zlib's own checksum.
        _git.DamageBlob("registry/agreements/DULA-2026-0001.md");

        var history = Read();

        history.For("DULA-2026-0001").StatusChanges.ShouldBeEmpty();
        history.Note.ShouldNotBeNull().ShouldContain("cannot be read");
        history.Note.ShouldContain("git fsck");
    }
}
