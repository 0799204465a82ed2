using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Diagnostics;
using DulaRegistry.Scaffolding;
using DulaRegistry.Testing;
using DulaRegistry.Validation;

namespace DulaRegistry.Tests;

/// <summary>`registry new`, `amend`, `renew` and `migrate`: valid drafts, fresh ids across branches, never an overwrite.</summary>
public sealed class ScaffoldingTests
{
    private static readonly DateOnly s_today = new(2027, 1, 4);
    private static readonly string s_templates = FindTemplates();

    private const string LegacyId = "DULA-2019-0003";

    private static string FindTemplates()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "templates", "dula.md"))) return Path.Combine(dir.FullName, "templates");
        }
        throw new InvalidOperationException("templates/ not found above the test binaries");
    }

    /// <summary>The fixture registry (an executed agreement, a drafting one, a legacy one) with the repository's real templates.</summary>
    private static TempRegistry Registry()
    {
        var legacy = Fixtures.Agreement.Edit("id: DULA-2026-0007", $"id: {LegacyId}").Edit("framework: mou", "framework: legacy");
        var registry = Fixtures.Registry().Write(Fixtures.OtherPath, Fixtures.Other).Write($"agreements/{LegacyId}.md", legacy);
        CopyTemplates(registry.Root);
        return registry;
    }

    private static void CopyTemplates(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "templates"));
        foreach (var name in new[] { "dula.md", "amendment.md" }) File.Copy(Path.Combine(s_templates, name), Path.Combine(root, "templates", name));
    }

    private static (ExitCode Exit, string Output, string Error) New(string root, string? title = "Wage match", string? owner = "dor", string? recipient = "dta",
        string? purpose = null, DateOnly? today = null, TextReader? terminal = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = NewCommand.Run(new DirectoryInfo(root), title, owner, recipient, purpose, today ?? s_today, terminal, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static (ExitCode Exit, string Output, string Error) Run(Func<DirectoryInfo, string, DateOnly, TextWriter, TextWriter, ExitCode> command, string root, string id)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = command(new DirectoryInfo(root), id, s_today, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static IReadOnlyList<Diagnostic> Errors(TempRegistry registry) => [.. registry.Validate(s_today).Where(d => d.Severity == Severity.Error)];

    private static string FirstLine(string output) => CliTests.Lines(output)[0];

    // ---------------------------------------------------------------- valid output

    [Fact]
    public void New_writes_the_next_id_at_drafting_and_it_validates()
    {
        using var registry = Registry();
        var (exit, output, error) = New(registry.Root, title: "SNAP \"wage\" match: 2027 # draft", purpose: "Check SNAP income.");
        exit.ShouldBe(ExitCode.Ok, error);
        FirstLine(output).ShouldBe("agreements/DULA-2027-0008.md");
        CliTests.Lines(output).Length.ShouldBe(2);
        var text = File.ReadAllText(Path.Combine(registry.Root, "agreements/DULA-2027-0008.md"));
        text.ShouldContain("status: drafting");
        text.ShouldContain("title: \"SNAP \\\"wage\\\" match: 2027 # draft\"");
        text.ShouldContain("purpose: \"Check SNAP income.\"");
        text.ShouldContain("# pii = identifies people"); // the template's guidance stays
        text.ShouldNotContain("{{");
        Errors(registry).ShouldBeEmpty();
        // The template's guidance stays as help: warnings only (DULA063), until the draft moves to in-review.
        var draft = registry.Validate(s_today).Where(d => d.File == "agreements/DULA-2027-0008.md").ToList();
        draft.ShouldAllBe(d => d.Code == DiagnosticCodes.TemplateLeftover && d.Severity == Severity.Warning);
    }

    [Fact]
    public void New_with_an_agency_on_both_sides_makes_it_both_and_validates()
    {
        using var registry = Registry();
        var (exit, output, error) = New(registry.Root, owner: "dor,DTA", recipient: "dta,anf");
        exit.ShouldBe(ExitCode.Ok, error);
        var text = File.ReadAllText(Path.Combine(registry.Root, FirstLine(output)));
        text.ShouldContain("  - agency: \"dta\"\n    role: both");
        text.ShouldContain("  - agency: \"anf\"\n    role: recipient");
        text.ShouldContain("  - agency: \"dor\"\n    role: owner");
        text.ShouldContain("from: \"dta\"\n");
        text.ShouldContain("to: [\"dta\", \"anf\"]");
        Errors(registry).ShouldBeEmpty();
    }

    [Fact]
    public void Amend_renew_and_migrate_drafts_validate()
    {
        using var registry = Registry();
        var amend = Run(AmendCommand.Run, registry.Root, Fixtures.AgreementId);
        amend.Exit.ShouldBe(ExitCode.Ok, amend.Error);
        var renew = Run(RenewCommand.Run, registry.Root, Fixtures.AgreementId);
        renew.Exit.ShouldBe(ExitCode.Ok, renew.Error);
        var migrate = Run(MigrateCommand.Run, registry.Root, LegacyId);
        migrate.Exit.ShouldBe(ExitCode.Ok, migrate.Error);
        new[] { FirstLine(amend.Output), FirstLine(renew.Output), FirstLine(migrate.Output) }
            .ShouldBe(["agreements/DULA-2027-0008.md", "agreements/DULA-2027-0009.md", "agreements/DULA-2027-0010.md"]);
        Errors(registry).ShouldBeEmpty();

        var amended = File.ReadAllText(Path.Combine(registry.Root, FirstLine(amend.Output)));
        amended.ShouldContain($"amends: \"{Fixtures.AgreementId}\"");
        amended.ShouldContain("title: \"SNAP eligibility wage match, amendment 1\"");
        amended.ShouldContain("dula_manager: { name: \"Addison Sample\"");

        var renewed = File.ReadAllText(Path.Combine(registry.Root, FirstLine(renew.Output)));
        renewed.ShouldContain($"supersedes: \"{Fixtures.AgreementId}\"");
        renewed.ShouldContain("citation: \"M.G.L. c. 62C, § 21\"");
        renewed.ShouldContain("elements: [\"SSN\", \"name\", \"employer\", \"quarterly wages\"]");
        renewed.ShouldContain("purpose: \"Determine SNAP eligibility");
        foreach (var key in new[] { "service_request:", "executed_copy:", "signatures:", "term:", "ended:" }) renewed.ShouldNotContain("\n" + key);

        var migrated = File.ReadAllText(Path.Combine(registry.Root, FirstLine(migrate.Output)));
        migrated.ShouldContain("framework: mou");
        migrated.ShouldContain($"supersedes: \"{LegacyId}\"");
        migrated.ShouldContain("  - name: \"Quarterly wage records\"");
    }

    // ---------------------------------------------------------------- refusals

    [Fact]
    public void Amend_of_an_agreement_that_is_not_executed_is_refused()
    {
        using var registry = Registry();
        var (exit, output, error) = Run(AmendCommand.Run, registry.Root, Fixtures.OtherId);
        exit.ShouldBe(ExitCode.Usage);
        output.ShouldBeEmpty();
        error.ShouldContain("not executed");
        Directory.GetFiles(Path.Combine(registry.Root, "agreements")).Length.ShouldBe(3);
    }

    [Fact]
    public void Migrate_of_an_agreement_that_is_not_legacy_is_refused()
    {
        using var registry = Registry();
        var (exit, _, error) = Run(MigrateCommand.Run, registry.Root, Fixtures.AgreementId);
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain("not a legacy agreement");
        error.ShouldContain($"registry renew {Fixtures.AgreementId}");
        Directory.GetFiles(Path.Combine(registry.Root, "agreements")).Length.ShouldBe(3);
    }

    [Theory]
    [InlineData(null, "dor", "dta", "--title")]
    [InlineData("T", null, "dta", "--owner")]
    [InlineData("T", "dor", null, "--recipient")]
    public void A_missing_option_without_a_terminal_is_a_usage_error_naming_it(string? title, string? owner, string? recipient, string option)
    {
        using var registry = Registry();
        var (exit, output, error) = New(registry.Root, title, owner, recipient);
        exit.ShouldBe(ExitCode.Usage);
        output.ShouldBeEmpty();
        error.ShouldStartWith($"registry: {option} is required");
    }

    [Fact]
    public void An_unknown_agency_is_a_usage_error_that_suggests_the_closest()
    {
        using var registry = Registry();
        var (exit, _, error) = New(registry.Root, owner: "dorr");
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain("`dorr` is not a known agency");
        error.ShouldContain("did you mean dor (DOR, Department of Revenue)");
        New(registry.Root, recipient: "dtx").Error.ShouldContain("did you mean dta (DTA, Department of Transitional Assistance)");
    }

    [Fact]
    public void The_same_agency_alone_on_both_sides_is_refused()
    {
        using var registry = Registry();
        var (exit, _, error) = New(registry.Root, owner: "dta", recipient: "dta");
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain("only agency named");
    }

    // ---------------------------------------------------------------- ids

    [Fact]
    public void The_year_comes_from_today_and_the_number_runs_on_across_years()
    {
        using var registry = Registry();
        FirstLine(New(registry.Root, today: new DateOnly(2031, 5, 5)).Output).ShouldBe("agreements/DULA-2031-0008.md");
        FirstLine(New(registry.Root, today: new DateOnly(2030, 1, 1)).Output).ShouldBe("agreements/DULA-2030-0009.md");
    }

    [Fact]
    public void Numbers_compare_as_numbers_and_keep_four_digits_at_least()
    {
        IdAllocator.Next(["DULA-2026-0009.md", "DULA-2025-10000.md", "DULA-2026-0999", "notes.md"]).ShouldBe(10001);
        IdAllocator.Next([]).ShouldBe(1);
        IdAllocator.Format("DULA", 2027, 1).ShouldBe("DULA-2027-0001");
        IdAllocator.Format("DULA", 2027, 12345).ShouldBe("DULA-2027-12345");
    }

    [Fact]
    public void An_existing_file_is_never_overwritten_the_next_number_is_taken()
    {
        using var registry = Registry();
        var taken = Path.Combine(registry.Root, "agreements", "DULA-2027-0008.md");
        File.WriteAllText(taken, "someone else's draft");
        File.CreateSymbolicLink(Path.Combine(registry.Root, "agreements", "DULA-2027-0009.md"), "/nonexistent/target");
        var written = DraftWriter.Write(registry.Root, "DULA", 2027, 8, id => $"draft {id}");
        written.ShouldBe(("DULA-2027-0010", "agreements/DULA-2027-0010.md"));
        File.ReadAllText(taken).ShouldBe("someone else's draft");
        File.ReadAllText(Path.Combine(registry.Root, "agreements", "DULA-2027-0010.md")).ShouldBe("draft DULA-2027-0010");
    }

    [Fact]
    public void New_skips_a_number_used_on_another_branch()
    {
        using var git = new GitTestRepository();
        git.Commit("2026-01-02T10:00:00Z", "Registry", [
            ("agencies/anf.md", Fixtures.Anf), ("agencies/dor.md", Fixtures.Dor), ("agencies/dta.md", Fixtures.Dta),
            (Fixtures.AgreementPath, Fixtures.Agreement),
        ]);
        // Another drafter's open pull request: a branch the work tree does not have checked out.
        git.Commit("2026-01-03T10:00:00Z", "Draft on a branch", [("agreements/DULA-2026-0041.md", Fixtures.Other.Replace("DULA-2025-0002", "DULA-2026-0041"))], branch: "pr-41");
        CopyTemplates(git.RegistryRoot);
        File.Exists(Path.Combine(git.RegistryRoot, "agreements", "DULA-2026-0041.md")).ShouldBeFalse();

        var (exit, output, error) = New(git.RegistryRoot);
        exit.ShouldBe(ExitCode.Ok, error);
        FirstLine(output).ShouldBe("agreements/DULA-2027-0042.md");
    }

    // ---------------------------------------------------------------- templates and terminal

    [Fact]
    public void A_template_that_is_a_link_or_a_fifo_is_a_clear_usage_error()
    {
        using var registry = Registry();
        var template = Path.Combine(registry.Root, "templates", "dula.md");
        File.Move(template, template + ".real");
        File.CreateSymbolicLink(template, template + ".real");
        var (exit, _, error) = New(registry.Root);
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain("templates/dula.md is a symbolic link");

        if (!OperatingSystem.IsLinux()) return;
        File.Delete(template);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", template)) mkfifo.WaitForExit();
        var fifo = New(registry.Root);
        fifo.Exit.ShouldBe(ExitCode.Usage);
        fifo.Error.ShouldContain("templates/dula.md is a named pipe (FIFO)");
        Directory.GetFiles(Path.Combine(registry.Root, "agreements")).Length.ShouldBe(3);
    }

    [Fact]
    public void On_a_terminal_missing_values_are_asked_for_with_agencies_offered_by_name()
    {
        using var registry = Registry();
        // Agencies are listed by id: 1 anf, 2 dor, 3 dta. A wrong answer is asked again.
        using var terminal = new StringReader("Wage match\nnope\n2\ndta\n\n");
        var (exit, output, error) = New(registry.Root, title: null, owner: null, recipient: null, terminal: terminal);
        exit.ShouldBe(ExitCode.Ok, error);
        output.ShouldContain("2. dor  Department of Revenue");
        output.ShouldContain("`nope` is not a known agency");
        // Prompts end without a line break (the user's Enter supplies it), so the path follows the last prompt here.
        output.ShouldContain("agreements/DULA-2027-0008.md\n");
        var text = File.ReadAllText(Path.Combine(registry.Root, "agreements/DULA-2027-0008.md"));
        text.ShouldContain("title: \"Wage match\"");
        text.ShouldContain("  - agency: \"dor\"\n    role: owner");
        Errors(registry).ShouldBeEmpty();
    }

    [Fact]
    public void A_draft_that_would_not_validate_is_not_written()
    {
        using var registry = Registry();
        var template = Path.Combine(registry.Root, "templates", "dula.md");
        File.WriteAllText(template, File.ReadAllText(template).Replace("classification: pii", "classification: secret", StringComparison.Ordinal));
        var (exit, _, error) = New(registry.Root);
        exit.ShouldBe(ExitCode.ValidationFailed);
        error.ShouldContain("nothing was written");
        Directory.GetFiles(Path.Combine(registry.Root, "agreements")).Length.ShouldBe(3);
    }
}
