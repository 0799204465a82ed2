using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>No file is silently skipped: every <c>.md</c> file loads or gets a diagnostic, and the summary counts every file
/// looked at. Valid YAML (such as a tab inside a quoted value) is not reported.</summary>
public class NoSilentSkipTests
{
    private const string Second = "agreements/DULA-2026-0008.md";

    [Theory]
    [InlineData("%FOO bar\n")]
    [InlineData("%YAML 1.2\n")]
    [InlineData("%TAG ! tag:example.org,2026:\n")]
    [InlineData("# only a comment\n%FOO bar\n")]
    public void Front_matter_of_only_a_YAML_directive_is_a_diagnostic(string frontMatter)
    {
        using var registry = Fixtures.Registry().Write(Second, "---\n" + frontMatter + "---\n\n## Purpose\n");
        var bag = new DiagnosticBag();
        var loaded = RegistryValidator.LoadAndValidate(registry.Root, TempRegistry.Today, bag);
        var diagnostics = bag.Sorted();
        diagnostics.ShouldNotBeEmpty();
        diagnostics.ShouldAllBe(d => d.File == Second && d.Severity == Severity.Error, Fixtures.Describe(diagnostics));
        loaded.AgreementFiles.ShouldBe(2);
    }

    [Fact]
    public void Directive_before_keys_is_a_diagnostic_at_its_line()
    {
        var text = Fixtures.Agreement.Edit("id: DULA-2026-0007", "%FOO bar\nid: DULA-2026-0007");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldNotBeEmpty();
        diagnostics.ShouldAllBe(d => d.File == Fixtures.AgreementPath);
        diagnostics.ShouldContain(d => d.Code == C.YamlSyntax && d.Line == 2, Fixtures.Describe(diagnostics));
    }

    [Fact]
    public void Summary_counts_files_looked_at_including_broken_ones()
    {
        using var registry = Fixtures.Registry()
            .Write(Second, "---\nid: [unclosed\ntitle: x\n---\n")
            .Write("agreements/DULA-2026-0009.md", "---\n%FOO bar\n---\n")
            .Write("agreements/notes.txt", "stray");
        using var output = new StringWriter();
        var exit = ValidateCommand.Run(new DirectoryInfo(registry.Root), OutputFormat.Text, TempRegistry.Today, false, output);
        exit.ShouldBe(ExitCode.ValidationFailed);
        var summary = CliTests.Lines(output.ToString())[^1];
        summary.ShouldMatch(CliTests.SummaryLine().ToString());
        summary.ShouldContain(" in 4 agreement files and 3 agency files (");
    }

    [Fact]
    public void Loaded_registry_counts_each_folder()
    {
        using var registry = Fixtures.Registry().Write(Second, "not front matter\n");
        var loaded = RegistryLoader.Load(registry.Root, new DiagnosticBag());
        loaded.Agreements.Count.ShouldBe(1);
        loaded.AgreementFiles.ShouldBe(2);
        loaded.AgencyFiles.ShouldBe(3);
    }

    // ---------------------------------------------------------------- tabs

    private static RegistryDocument<Agreement> ParseClean(string text)
    {
        var bag = new DiagnosticBag();
        var document = RegistryLoader.Parse<Agreement>(text, Fixtures.AgreementPath, "", bag);
        bag.Sorted().ShouldBeClean();
        return document.ShouldNotBeNull();
    }

    [Fact]
    public void Tab_inside_a_quoted_value_on_a_continuation_line_is_valid()
    {
        var document = ParseClean(Fixtures.Agreement.Edit("retention: Destroy within 90 days of the match; certify destruction in writing.",
            "retention: \"Destroy within 90 days\n\tof the match.\""));
        document.Model.Retention.ShouldBe("Destroy within 90 days of the match.");
    }

    [Fact]
    public void Tab_inside_a_block_scalar_is_valid()
    {
        var document = ParseClean(Fixtures.Agreement.Edit("retention: Destroy within 90 days of the match; certify destruction in writing.",
            "retention: |\n  Destroy within 90 days:\n  \tthen certify.\n"));
        document.Model.Retention.ShouldBe("Destroy within 90 days:\n\tthen certify.\n");
    }

    [Fact]
    public void Tab_inside_a_single_line_value_is_valid()
    {
        var document = ParseClean(Fixtures.Agreement.Edit("retention: Destroy within 90 days of the match; certify destruction in writing.", "retention: \"Destroy\twithin 90 days\""));
        document.Model.Retention!.ShouldStartWith("Destroy\twithin");
    }

    [Theory]
    [InlineData("\tid: DULA-2026-0007")]
    [InlineData("  \tid: DULA-2026-0007")]
    public void Tab_used_for_indentation_is_still_reported(string line)
    {
        var text = Fixtures.Agreement.Edit("title: SNAP eligibility", "parties_note:\n" + line.Replace("id: DULA-2026-0007", "x: 1", StringComparison.Ordinal) + "\ntitle: SNAP eligibility");
        var diagnostics = Fixtures.ValidateAgreement(text);
        var tab = diagnostics.Single(C.YamlSyntax);
        tab.Message.ShouldContain("tab character is used for indentation");
        tab.Line.ShouldBe(text.LineOf("x: 1"));
    }

    [Fact]
    public void Tab_indentation_of_a_list_item_is_reported()
    {
        var text = Fixtures.Agreement.Edit("  - agency: dta\n    role: recipient\n", "\t- agency: dta\n    role: recipient\n");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.Single(C.YamlSyntax).Message.ShouldContain("tab character is used for indentation");
    }
}
