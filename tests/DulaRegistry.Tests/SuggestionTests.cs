using DulaRegistry.Diagnostics;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>What was meant is said once: the agency meant by an acronym, name or misspelling; no second error from the rules
/// that depend on a party; a misspelled heading reported at the heading.</summary>
public class SuggestionTests
{
    private const string A = Fixtures.AgreementPath;

    private static Diagnostic OnlyUnknownAgency(string text, string marker)
    {
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.UnknownAgency);
        diagnostics.Count.ShouldBe(1, Fixtures.Describe(diagnostics));
        return diagnostics.ShouldReport(C.UnknownAgency, A, text.LineOf(marker));
    }

    [Fact]
    public void An_acronym_suggests_the_agency_id_and_nothing_else_fails()
    {
        // The party is written as the acronym; the data flow, signature and signatory name the real id, as meant.
        var text = Fixtures.Agreement.Edit("  - agency: dta\n    role", "  - agency: DTA\n    role");
        OnlyUnknownAgency(text, "agency: DTA").Message
            .ShouldBe("party `DTA` is not an agency id; use `dta` (Department of Transitional Assistance)");
    }

    [Fact]
    public void A_full_name_suggests_the_agency_id()
    {
        var text = Fixtures.Agreement.Edit("  - agency: dta\n    role", "  - agency: Department of Transitional Assistance\n    role");
        OnlyUnknownAgency(text, "agency: Department").Message
            .ShouldContain("use `dta` (Department of Transitional Assistance)");
    }

    [Fact]
    public void A_misspelled_id_asks_did_you_mean()
    {
        var text = Fixtures.Agreement.Edit("  - agency: dor\n    role", "  - agency: dorr\n    role");
        OnlyUnknownAgency(text, "agency: dorr").Message
            .ShouldBe("party `dorr` is not an agency id; did you mean `dor` (Department of Revenue)?");
    }

    [Fact]
    public void A_misspelled_party_repeated_in_its_flows_and_signature_is_one_error()
    {
        // Written wrong everywhere: the flows and signature agree with the party, so only the party is reported.
        var text = Fixtures.Agreement
            .Edit("  - agency: dor\n    role", "  - agency: DOR\n    role")
            .Edit("    from: dor", "    from: DOR")
            .Edit("  - agency: dor\n    name: Riley", "  - agency: DOR\n    name: Riley");
        OnlyUnknownAgency(text, "  - agency: DOR\n    role").Message.ShouldContain("use `dor` (Department of Revenue)");
    }

    [Fact]
    public void A_drafters_agency_by_acronym()
    {
        var text = Fixtures.Agreement.Edit("    agency: dta\n", "    agency: DTA\n");
        OnlyUnknownAgency(text, "    agency: DTA").Message.ShouldBe("drafter's agency `DTA` is not an agency id; use `dta` (Department of Transitional Assistance)");
    }

    [Fact]
    public void An_agency_nothing_like_any_is_still_reported_plainly()
    {
        var text = Fixtures.Agreement.Edit("  - agency: dta\n    role", "  - agency: zzqqxx\n    role");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.UnknownAgency, A, text.LineOf("agency: zzqqxx")).Message.ShouldContain("check the spelling or add the agency file");
    }

    [Fact]
    public void A_misspelled_required_heading_is_one_error_at_the_heading()
    {
        var text = Fixtures.Agreement.Edit("## Security safeguards\n", "## Security Safegaurds\n");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.MissingSection); // not DULA037 too: the pii data's safeguards section is there, misspelled
        diagnostics.Count.ShouldBe(1, Fixtures.Describe(diagnostics));
        diagnostics.ShouldReport(C.MissingSection, A, text.LineOf("## Security Safegaurds"), 1).Message
            .ShouldBe("the heading `## Security Safegaurds` is not one of the required sections; did you mean `## Security safeguards`?");
    }

    [Fact]
    public void A_missing_heading_with_no_near_miss_is_still_missing()
    {
        var text = Fixtures.Agreement.Edit("## Security safeguards\n", "## Costs\n");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.ProtectedNeedsSafeguards, C.MissingSection);
        diagnostics.ShouldReport(C.MissingSection, A, Fixtures.FrontMatterEndLine + 1, 1).Message.ShouldContain("has no `## Security safeguards` section");
    }
}
