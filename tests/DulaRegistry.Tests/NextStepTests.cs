using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Reporting;
using DulaRegistry.Validation;

namespace DulaRegistry.Tests;

/// <summary>The "what happens next" checklist, from the same requirements the validator enforces.</summary>
public sealed class NextStepTests
{
    private static NextStepList? Steps(string agreement)
    {
        using var registry = Fixtures.Registry(agreement);
        var loaded = RegistryLoader.Load(registry.Root, new DiagnosticBag());
        var doc = loaded.AgreementById.Values.Single();
        return NextSteps.For(doc, loaded.AgencyById);
    }

    [Fact]
    public void The_checklist_never_asks_where_a_value_is()
    {
        // Positions are found by reading the file again; the checklist shows no lines, so it must not cost a read per agreement.
        using var registry = Fixtures.Registry(Fixtures.Other.Edit("status: drafting", "status: in-review"));
        var loaded = RegistryLoader.Load(registry.Root, new DiagnosticBag());
        var doc = loaded.AgreementById.Values.Single();
        var unplaceable = doc with { Map = SourceMap.Deferred(SourcePosition.Start, () => throw new InvalidOperationException("a position was asked")) };
        NextSteps.For(unplaceable, loaded.AgencyById).ShouldNotBeNull().Items.ShouldNotBeEmpty();
    }

    private static string WithStatus(string text, string status) => text.Edit("status: executed", $"status: {status}");

    [Theory]
    [InlineData("proposed", AgreementStatus.Drafting)]
    [InlineData("drafting", AgreementStatus.InReview)]
    public void Before_review_the_list_is_what_final_will_need(string status, AgreementStatus next)
    {
        var steps = Steps(Fixtures.Other.Edit("status: drafting", $"status: {status}")).ShouldNotBeNull();
        steps.Next.ShouldBe(next);
        steps.Gate.ShouldBe(AgreementStatus.Final);
        steps.Items.Select(i => i.Text).ShouldBe(
        [
            "`final` needs term.effective, the date it takes effect — the drafters",
            "`final` needs term.expires, the date it expires — the drafters",
            "`final` needs a DULA manager for DTA — DTA's coordinators",
            "`final` needs a signatory for DTA — DTA's coordinators",
            "`final` needs a DULA manager for DOR — DOR's coordinators",
            "`final` needs a signatory for DOR — DOR's coordinators",
        ]);
        steps.Items[2].Who.Agencies.ShouldBe(["dta"]);
        steps.Items[2].Who.Kind.ShouldBe(ActorKind.Coordinators);
    }

    [Fact]
    public void The_drafters_act_for_their_agencies_once_each_in_order_and_without_drafters_the_parties_do()
    {
        var threeParties = Fixtures.Other.Edit("  - agency: dor\n", "  - agency: anf\n    role: recipient\n  - agency: dor\n");
        Steps(threeParties).ShouldNotBeNull().Items[0].Who.Agencies.ShouldBe(["anf", "dor", "dta"]);
        var drafters = "purpose: An earlier match.\ndrafters:\n  - name: \" Sam Drafter \"\n    agency: dor\n  - name: Alex Writer\n    agency: anf\n"
            + "  - name: \"  \"\n    agency: dta\n  - name: Kim Editor\n    agency: dor";
        var steps = Steps(Fixtures.Other.Edit("purpose: An earlier match.", drafters)).ShouldNotBeNull();
        steps.Items[0].Who.Agencies.ShouldBe(["anf", "dor", "dta"]);
        steps.Items[0].Who.Text.ShouldBe("the drafters (Sam Drafter, Alex Writer, Kim Editor)");
    }

    [Fact]
    public void In_review_asks_the_coordinators_for_a_signatory_with_authority()
    {
        var text = WithStatus(Fixtures.Agreement, "in-review")
            .Edit("name: Riley Placeholder\n      title: Commissioner of Revenue", "name: Pat Nobody\n      title: Deputy");
        var steps = Steps(text).ShouldNotBeNull();
        steps.Next.ShouldBe(AgreementStatus.Final);
        steps.Items.Select(i => i.Text).ShouldBe(
            ["`final` needs a signatory for DOR with signing authority (Pat Nobody is not listed in agencies/dor.md) — DOR's coordinators"]);
    }

    [Fact]
    public void In_review_with_everything_final_needs_has_an_empty_list()
    {
        var steps = Steps(WithStatus(Fixtures.Agreement, "in-review")).ShouldNotBeNull();
        steps.Next.ShouldBe(AgreementStatus.Final);
        steps.Items.ShouldBeEmpty();
    }

    [Fact]
    public void Final_needs_the_service_request_from_the_dula_managers()
    {
        var steps = Steps(WithStatus(Fixtures.Agreement, "final").RemoveLine("service_request:")).ShouldNotBeNull();
        steps.Next.ShouldBe(AgreementStatus.Submitted);
        steps.Items.Select(i => i.Text).ShouldBe(["`submitted` needs the Data Office service request number — the DULA managers"]);
        steps.Items[0].Who.Agencies.ShouldBe(["dor", "dta"]);
    }

    [Fact]
    public void Submitted_needs_dated_signatures_from_the_signatories_and_the_copy_from_the_data_office()
    {
        var text = WithStatus(Fixtures.Agreement, "submitted")
            .Edit("    date: 2026-01-22\n", "")
            .Edit($"executed_copy:\n  sha256: {Fixtures.Sha}\n", "");
        var steps = Steps(text).ShouldNotBeNull();
        steps.Next.ShouldBe(AgreementStatus.Executed);
        steps.Items.Select(i => i.Text).ShouldBe(
        [
            "`executed` needs a dated signature from DOR — DOR's signatory (Riley Placeholder)",
            "`executed` needs executed_copy.sha256 — the Data Office",
        ]);
        steps.Items[0].Who.Agencies.ShouldBe(["dor"]);
        steps.Items[1].Who.Agencies.ShouldBeEmpty();
    }

    [Fact]
    public void Submitted_without_any_signature_lists_every_party()
    {
        var text = WithStatus(Fixtures.Agreement, "submitted");
        text = text[..text.IndexOf("signatures:\n", StringComparison.Ordinal)] + text[text.IndexOf("executed_copy:", StringComparison.Ordinal)..];
        Steps(text).ShouldNotBeNull().Items.Select(i => i.Text).ShouldBe(
        [
            "`executed` needs a dated signature from DOR — DOR's signatory (Riley Placeholder)",
            "`executed` needs a dated signature from DTA — DTA's signatory (Casey Fictional)",
        ]);
    }

    [Theory]
    [InlineData("executed")]
    [InlineData("expired")]
    [InlineData("withdrawn")]
    public void No_checklist_once_executed_or_withdrawn(string status) =>
        Steps(status == "executed" ? Fixtures.Agreement : WithStatus(Fixtures.Agreement, status)).ShouldBeNull();

    [Fact]
    public void Checklist_and_validator_share_the_requirements()
    {
        // The requirements the checklist lists for `submitted` are exactly what the validator reports once the status is `submitted`.
        var final = WithStatus(Fixtures.Agreement, "final").RemoveLine("service_request:");
        var listed = Steps(final).ShouldNotBeNull().Items.Select(i => (i.Requirement.Code, i.Requirement.Kind)).ToList();
        var reported = Fixtures.ValidateAgreement(final.Edit("status: final", "status: submitted")).Where(d => d.Code.StartsWith("DULA05", StringComparison.Ordinal)).ToList();
        reported.Select(d => d.Code).ShouldBe(listed.Select(l => l.Code));
        listed.ShouldBe([(DiagnosticCodes.NeedsServiceRequest, RequirementKind.ServiceRequest)]);
    }
}
