using DulaRegistry.Git;
using DulaRegistry.Validation.Changes;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>The change rules of <c>validate --base</c> (DULA070-076) on real Git repositories: each rule passing and failing.</summary>
public class ChangeRuleTests
{
    private const string A = Fixtures.AgreementPath;
    private const string Id = Fixtures.AgreementId;
    private static readonly string s_executed = Fixtures.Agreement;

    private static string WithStatus(string status) => s_executed.Edit("status: executed", $"status: {status}");

    private static int StatusLine => s_executed.LineOf("\nstatus: ");

    // ---------------------------------------------------------------- status moves (DULA070)

    [Theory]
    [InlineData("proposed", "drafting")]
    [InlineData("drafting", "in-review")]
    [InlineData("in-review", "final")]
    [InlineData("final", "submitted")]
    [InlineData("submitted", "executed")]
    [InlineData("in-review", "drafting")]
    [InlineData("final", "in-review")]
    [InlineData("submitted", "final")]
    [InlineData("proposed", "withdrawn")]
    [InlineData("submitted", "withdrawn")]
    [InlineData("drafting", "drafting")]
    public void Legal_steps_forward_back_and_withdrawal_pass(string from, string to)
    {
        using var scenario = ChangeScenario.With(WithStatus(from));
        scenario.Write(A, WithStatus(to).Edit("title: SNAP eligibility wage match", "title: SNAP wage match, revised"));
        scenario.Check().ShouldBeClean();
    }

    [Theory]
    [InlineData("drafting", "final", "the next step after `drafting` is `in-review`")]
    [InlineData("proposed", "executed", "the next step after `proposed` is `drafting`")]
    [InlineData("submitted", "drafting", "the only step back from `submitted` is to `final`")]
    [InlineData("drafting", "proposed", "`drafting` has no step back")]
    [InlineData("executed", "withdrawn", "create an amendment with `registry amend DULA-2026-0007`")]
    [InlineData("executed", "final", "can only become `expired`, `terminated`")]
    public void Skipped_or_illegal_steps_are_DULA070_at_the_status_line(string from, string to, string advice)
    {
        using var scenario = ChangeScenario.With(WithStatus(from));
        scenario.Write(A, WithStatus(to));
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.StatusTransition);
        diagnostics.ShouldReport(C.StatusTransition, A, StatusLine, 1).Message.ShouldContain(advice);
    }

    [Fact]
    public void Transition_table_matches_the_design()
    {
        var all = Enum.GetValues<Model.AgreementStatus>();
        var allowed = all.SelectMany(f => all.Where(t => f != t && StatusTransitions.IsAllowed(f, t)).Select(t => $"{StatusTransitions.Name(f)}>{StatusTransitions.Name(t)}"));
        allowed.Order(StringComparer.Ordinal).ShouldBe(new[]
        {
            "drafting>in-review", "drafting>withdrawn", "executed>expired", "executed>superseded", "executed>terminated",
            "final>in-review", "final>submitted", "final>withdrawn", "in-review>drafting", "in-review>final", "in-review>withdrawn",
            "proposed>drafting", "proposed>withdrawn", "submitted>executed", "submitted>final", "submitted>withdrawn",
        }.Order(StringComparer.Ordinal));
    }

    // ---------------------------------------------------------------- executed agreements (DULA072)

    [Fact]
    public void Edit_to_an_executed_agreement_is_DULA072_with_the_amend_command()
    {
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Write(A, s_executed.Edit("retention: Destroy within 90 days", "retention: Destroy within 180 days"));
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.ExecutedChanged);
        var message = diagnostics.ShouldReport(C.ExecutedChanged, A, StatusLine, 1).Message;
        message.ShouldContain($"{Id} is executed and cannot change");
        message.ShouldContain("`retention`");
        message.ShouldContain($"registry amend {Id}");
    }

    [Fact]
    public void Body_edit_to_an_executed_agreement_is_DULA072()
    {
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Write(A, s_executed.Edit("Destroy within 90 days of the match.", "Destroy within 30 days of the match."));
        scenario.Check().Single(C.ExecutedChanged).Message.ShouldContain("the body");
    }

    [Fact]
    public void Reformatting_an_executed_agreement_without_changing_its_meaning_passes()
    {
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Write(A, s_executed
            .Edit("title: SNAP eligibility wage match", "title: \"SNAP eligibility wage match\"  # quoted now")
            .Edit("tags: [snap, eligibility]", "tags:\n  - snap\n  - eligibility")
            .Replace("\n", "\r\n", StringComparison.Ordinal));
        scenario.Check().ShouldBeClean();
    }

    [Fact]
    public void Termination_with_ended_passes_and_with_another_change_is_DULA072()
    {
        var terminated = s_executed.Edit("status: executed", "status: terminated\nended: 2027-03-31");
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Write(A, terminated);
        scenario.Check().ShouldBeClean();

        scenario.Write(A, terminated.Edit("purpose: Determine", "purpose: Decide"));
        scenario.Check().Single(C.ExecutedChanged).Message.ShouldContain("`purpose`");
    }

    [Fact]
    public void Superseding_with_superseded_by_and_expiry_pass()
    {
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Write(A, s_executed.Edit("status: executed", "status: superseded\nended: 2028-06-30\nsuperseded_by: DULA-2028-0003"));
        scenario.Check().ShouldBeClean();
        scenario.Write(A, WithStatus("expired"));
        scenario.Check().ShouldBeClean();
    }

    [Fact]
    public void Superseded_by_is_not_a_field_that_goes_with_termination()
    {
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Write(A, s_executed.Edit("status: executed", "status: terminated\nended: 2027-03-31\nsuperseded_by: DULA-2028-0003"));
        scenario.Check().Single(C.ExecutedChanged).Message.ShouldContain("`superseded_by`");
    }

    // ---------------------------------------------------------------- ended agreements (DULA073)

    [Theory]
    [InlineData("terminated\nended: 2027-03-31", "terminated")]
    [InlineData("withdrawn", "withdrawn")]
    [InlineData("expired", "expired")]
    public void An_ended_agreement_cannot_change_at_all(string status, string name)
    {
        var ended = s_executed.Edit("status: executed", $"status: {status}");
        using var scenario = ChangeScenario.With(ended);
        scenario.Write(A, ended);
        scenario.Check().ShouldBeClean();

        scenario.Write(A, ended.Edit($"status: {name}", "status: drafting"));
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.EndedChanged);
        diagnostics.ShouldReport(C.EndedChanged, A, StatusLine, 1).Message.ShouldContain($"already `{name}` and cannot change");
    }

    // ---------------------------------------------------------------- deletion, renaming, id reuse (DULA074, DULA075)

    [Fact]
    public void Deletion_is_DULA074_on_the_missing_path_at_line_1()
    {
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Delete(A);
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.FileDeletedOrRenamed);
        var message = diagnostics.ShouldReport(C.FileDeletedOrRenamed, A, 1, 1).Message;
        message.ShouldContain("was deleted");
        message.ShouldContain($"git checkout main -- {A}");
    }

    [Fact]
    public void Rename_is_reported_on_both_paths()
    {
        const string Renamed = "agreements/DULA-2026-0077.md";
        using var scenario = ChangeScenario.With(WithStatus("drafting"));
        scenario.Delete(A).Write(Renamed, WithStatus("drafting"));
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.FileDeletedOrRenamed);
        diagnostics.ShouldReport(C.FileDeletedOrRenamed, A, 1, 1).Message.ShouldContain($"was renamed to `{Renamed}`");
        diagnostics.ShouldReport(C.FileDeletedOrRenamed, Renamed, StatusLine, 1).Message.ShouldContain($"move it back to `{A}`");
    }

    [Theory]
    [InlineData("agreements/DULA-2026-0008.md", "id: DULA-2026-0007")]
    [InlineData("agreements/dula-2026-0007.md", "id: dula-2026-0007")]
    public void A_new_file_reusing_an_existing_id_is_DULA075(string path, string id)
    {
        using var scenario = ChangeScenario.With(s_executed);
        scenario.Write(path, WithStatus("drafting").Edit("id: DULA-2026-0007", id).Edit("title: SNAP eligibility wage match", "title: Something else"));
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.IdReused);
        diagnostics.ShouldReport(C.IdReused, path, StatusLine, 1).Message.ShouldContain($"already used by `{A}`");
    }

    // ---------------------------------------------------------------- new files (DULA071)

    [Fact]
    public void A_new_executed_file_is_DULA071_but_a_legacy_import_and_a_new_draft_pass()
    {
        const string New = "agreements/DULA-2026-0008.md";
        var executed = s_executed.Edit("id: DULA-2026-0007", "id: DULA-2026-0008");
        using var scenario = ChangeScenario.With(s_executed);

        scenario.Write(New, executed);
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.NewFileStatus);
        diagnostics.ShouldReport(C.NewFileStatus, New, StatusLine, 1).Message.ShouldContain("framework: legacy");

        scenario.Write(New, executed.Edit("framework: mou", "framework: legacy"));
        scenario.Check().ShouldBeClean();

        scenario.Write(New, executed.Edit("status: executed", "status: proposed"));
        scenario.Check().ShouldBeClean();
    }

    // ---------------------------------------------------------------- amendments (DULA076)

    [Fact]
    public void Amendment_of_a_non_executed_agreement_is_DULA076_at_amends_and_of_an_executed_one_passes()
    {
        const string Amendment = "agreements/DULA-2026-0009.md";
        var amendment = Fixtures.Other.Edit("id: DULA-2025-0002", "id: DULA-2026-0009").Edit("status: drafting", "status: proposed\namends: DULA-2025-0002");
        using var scenario = new ChangeScenario((A, s_executed), (Fixtures.OtherPath, Fixtures.Other));

        scenario.Write(Amendment, amendment);
        var diagnostics = scenario.Check();
        diagnostics.ShouldHaveCodes(C.AmendsNotExecuted);
        var message = diagnostics.ShouldReport(C.AmendsNotExecuted, Amendment, amendment.LineOf("amends:"), 1).Message;
        message.ShouldContain("which is `drafting`");

        scenario.Write(Amendment, amendment.Edit("amends: DULA-2025-0002", $"amends: {Id}"));
        scenario.Check().ShouldBeClean();
    }

    [Fact]
    public void An_unchanged_amendment_of_an_agreement_that_has_since_ended_passes()
    {
        const string Amendment = "agreements/DULA-2026-0009.md";
        var amendment = Fixtures.Other.Edit("id: DULA-2025-0002", "id: DULA-2026-0009").Edit("status: drafting", $"status: drafting\namends: {Id}");
        var expired = WithStatus("expired");
        using var scenario = new ChangeScenario((A, expired), (Amendment, amendment));
        scenario.Check().ShouldBeClean();
    }

    // ---------------------------------------------------------------- the repository

    [Fact]
    public void A_registry_in_a_subfolder_of_the_repository_is_compared_at_its_own_paths()
    {
        using var scenario = new ChangeScenario("registry", (A, s_executed));
        scenario.Write(A, s_executed.Edit("purpose: Determine", "purpose: Decide"));
        scenario.Check().ShouldReport(C.ExecutedChanged, A, StatusLine, 1);
    }

    [Fact]
    public void A_base_without_agreements_sees_every_file_as_new()
    {
        using var scenario = new ChangeScenario();
        scenario.Write(A, WithStatus("drafting"));
        scenario.Check().ShouldBeClean();
        scenario.Write(A, s_executed);
        scenario.Check().ShouldReport(C.NewFileStatus, A, StatusLine, 1);
    }

    [Fact]
    public void Unknown_base_is_a_typed_error()
    {
        using var scenario = ChangeScenario.With(s_executed);
        Should.Throw<GitException>(() => scenario.Check("no-such-branch")).Problem.ShouldBe(GitProblem.UnknownRevision);
    }

    [Fact]
    public void A_shallow_clone_lacking_the_base_says_to_fetch_the_whole_history()
    {
        using var scenario = ChangeScenario.With(WithStatus("drafting"));
        var first = scenario.Git.Commit("2026-01-05T10:00:00Z", "x", []);
        scenario.Git.Commit("2026-01-06T10:00:00Z", "Review", [(A, WithStatus("in-review"))]);
        var clone = scenario.Git.ShallowClone(1);
        var registry = Loading.RegistryLoader.Load(clone, new Diagnostics.DiagnosticBag());
        var error = Should.Throw<GitException>(() => ChangeValidator.Validate(registry, first, new Diagnostics.DiagnosticBag()));
        error.Problem.ShouldBe(GitProblem.MissingHistory);
        error.WhatToDo.ShouldContain("fetch-depth: 0");
    }
}
