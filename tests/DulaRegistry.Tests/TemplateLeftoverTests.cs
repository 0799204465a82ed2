using DulaRegistry.Cli.Commands;
using DulaRegistry.Diagnostics;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>Placeholders, the templates' guidance and TODO left in an agreement: warnings in a draft, errors from in-review on.</summary>
public sealed class TemplateLeftoverTests
{
    private const string A = Fixtures.AgreementPath;
    private static readonly string s_templates = FindTemplates();

    private static string FindTemplates()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "templates", "dula.md"))) return Path.Combine(dir.FullName, "templates");
        }
        throw new InvalidOperationException("templates/ not found above the test binaries");
    }

    /// <summary>The fixture registry with <paramref name="agreement"/> and the repository's real templates.</summary>
    private static TempRegistry Registry(string agreement)
    {
        var registry = Fixtures.Registry(agreement);
        foreach (var name in new[] { "dula.md", "amendment.md" }) registry.Write($"templates/{name}", File.ReadAllText(Path.Combine(s_templates, name)));
        return registry;
    }

    private static IReadOnlyList<Diagnostic> Leftovers(string agreement)
    {
        using var registry = Registry(agreement);
        var diagnostics = registry.Validate();
        diagnostics.Where(d => d.Code != C.TemplateLeftover).ShouldBeEmpty(Fixtures.Describe(diagnostics));
        return diagnostics;
    }

    private static string Status(string status) => Fixtures.Agreement.Edit("status: executed", $"status: {status}");

    private static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string text, string marker, Severity severity)
    {
        diagnostics.Count.ShouldBe(1, Fixtures.Describe(diagnostics));
        var found = diagnostics[0];
        found.Code.ShouldBe(C.TemplateLeftover);
        found.File.ShouldBe(A);
        found.Line.ShouldBe(text.LineOf(marker));
        found.Column.ShouldBe(text.ColumnOf(marker));
        found.Severity.ShouldBe(severity);
        return found;
    }

    [Theory]
    [InlineData("drafting", Severity.Warning)]
    [InlineData("proposed", Severity.Warning)]
    [InlineData("in-review", Severity.Error)]
    [InlineData("executed", Severity.Error)]
    public void A_placeholder_is_a_warning_in_a_draft_and_an_error_from_in_review(string status, Severity severity)
    {
        var text = Status(status).Edit("purpose: Determine SNAP eligibility", "purpose: For {{program}} determine SNAP eligibility");
        var found = Single(Leftovers(text), text, "{{program}}", severity);
        found.Message.ShouldContain("`{{program}}` is a placeholder from the template; replace it with the real value");
        found.Message.ShouldContain(severity == Severity.Warning ? "none may remain once the agreement moves to `in-review`" : "must hold none");
    }

    [Fact]
    public void TODO_in_the_body_is_reported_at_its_line()
    {
        var text = Status("in-review").Edit("Eligibility determination only.", "Eligibility determination only. TODO confirm with legal.");
        Single(Leftovers(text), text, "TODO", Severity.Error).Message.ShouldContain("finish what it marks and remove it");
    }

    [Fact]
    public void A_guidance_comment_from_the_template_is_reported()
    {
        var text = Status("final").Edit("\ntitle: SNAP eligibility", "\n# A short, plain-language name for the data sharing project.\ntitle: SNAP eligibility");
        Single(Leftovers(text), text, "# A short", Severity.Error).Message
            .ShouldBe("this line is a guidance comment from `templates/dula.md`; delete it once the field is filled in; an agreement that is `final` must hold none");
    }

    [Fact]
    public void A_run_of_guidance_comments_is_one_finding()
    {
        const string Comments = "    # pii = identifies people; protected = otherwise restricted by law;\n"
            + "    # deidentified = individuals cannot be identified; public = already public.\n"
            + "    # pii and protected data need legal_authority, retention and a Security safeguards section.\n";
        var text = Status("drafting").Edit("    classification: pii\n", Comments + "    classification: pii\n");
        var first = text.LineOf("# pii = identifies");
        Single(Leftovers(text), text, "# pii = identifies", Severity.Warning).Message
            .ShouldBe($"guidance comments from `templates/dula.md` are left in the front matter, on lines {first}-{first + 2}; delete them once the fields are filled in; none may remain once the agreement moves to `in-review`");
    }

    [Fact]
    public void A_commented_example_with_its_placeholder_filled_is_a_leftover()
    {
        var text = Status("drafting").Edit("tags: [snap", "#   - { agency: \"dor\", name: Full Name, title: Job Title, date: 2027-01-01 }\ntags: [snap");
        Single(Leftovers(text), text, "#   - { agency", Severity.Warning);
    }

    [Fact]
    public void The_templates_guidance_quote_in_the_body_is_reported()
    {
        var text = Status("submitted").Edit("Verify the income of SNAP households.",
            "> Guidance: Explain the question or program this data sharing supports and why it cannot be done without the data. Drafted 2026-01-02.");
        Single(Leftovers(text), text, "> Guidance", Severity.Error).Message.ShouldContain("replace it with the agreement's own text");
    }

    [Fact]
    public void Own_comments_quotes_and_the_schema_line_are_not_leftovers()
    {
        var text = Fixtures.Agreement
            .Edit("id: DULA-2026-0007", "# yaml-language-server: $schema=../schema/agreement.schema.json\n#\n# Reviewed by DOR legal in January.\nid: DULA-2026-0007")
            .Edit("Verify the income of SNAP households.", "> The Secretary's memo of 2025 asks for this match.");
        Leftovers(text).ShouldBeEmpty();
    }

    [Fact]
    public void Words_containing_TODO_are_not_leftovers()
    {
        Leftovers(Fixtures.Agreement.Edit("Eligibility determination only.", "Eligibility determination only (see TODOS and todo lists).")).ShouldBeEmpty();
    }

    [Fact]
    public void A_fresh_registry_new_draft_gets_only_warnings()
    {
        using var registry = Registry(Fixtures.Agreement);
        using var output = new StringWriter();
        using var error = new StringWriter();
        NewCommand.Run(new DirectoryInfo(registry.Root), "Wage match", "dor", "dta", null, new DateOnly(2027, 1, 4), null, output, error)
            .ShouldBe(Cli.ExitCode.Ok, error.ToString());
        var path = output.ToString().Split('\n')[0].Trim();
        var draft = registry.Validate(new DateOnly(2027, 1, 4)).Where(d => d.File == path).ToList();
        draft.ShouldAllBe(d => d.Code == C.TemplateLeftover && d.Severity == Severity.Warning, Fixtures.Describe(draft));
        // The front matter's comments are one finding; each section's guidance quote is one (seven sections).
        draft.Count.ShouldBe(8, Fixtures.Describe(draft));
        draft[0].Message.ShouldStartWith("guidance comments from `templates/dula.md` are left in the front matter, on lines 4-6, 8, 10,");

        // Moved to in-review as it is, every leftover becomes an error.
        var full = Path.Combine(registry.Root, path);
        File.WriteAllText(full, File.ReadAllText(full).Replace("status: drafting", "status: in-review", StringComparison.Ordinal));
        var review = registry.Validate(new DateOnly(2027, 1, 4)).Where(d => d.File == path && d.Code == C.TemplateLeftover).ToList();
        review.Count.ShouldBe(draft.Count);
        review.ShouldAllBe(d => d.Severity == Severity.Error);
    }
}
