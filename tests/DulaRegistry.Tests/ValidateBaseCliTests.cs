using System.Diagnostics;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>`registry validate --base REF` and `validate FILE...`, and finding the registry root from a subfolder.</summary>
public class ValidateBaseCliTests
{
    private static (ExitCode Exit, string Output, string Error) Run(string root, string? baseRevision, params string[] files)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ValidateCommand.Run(new DirectoryInfo(root), OutputFormat.Text, TempRegistry.Today, false, output, baseRevision, files, error);
        return (exit, output.ToString(), error.ToString());
    }

    // ---------------------------------------------------------------- --base

    [Fact]
    public void Base_without_changes_exits_0_and_an_edit_to_an_executed_agreement_exits_1()
    {
        using var scenario = ChangeScenario.With(Fixtures.Agreement);
        var (exit, output, error) = Run(scenario.Root, "main");
        exit.ShouldBe(ExitCode.Ok, output + error);

        scenario.Write(Fixtures.AgreementPath, Fixtures.Agreement.Edit("purpose: Determine", "purpose: Decide"));
        (exit, output, _) = Run(scenario.Root, "main");
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldContain($"{Fixtures.AgreementPath}({Fixtures.Agreement.LineOf("\nstatus:")},1): error {C.ExecutedChanged}: ");
    }

    [Fact]
    public void Unknown_base_exits_2_with_what_to_do_and_prints_no_report()
    {
        using var scenario = ChangeScenario.With(Fixtures.Agreement);
        var (exit, output, error) = Run(scenario.Root, "origin/no-such-branch");
        exit.ShouldBe(ExitCode.Usage);
        output.ShouldBeEmpty();
        error.ShouldStartWith("registry: --base origin/no-such-branch: Git does not know the revision 'origin/no-such-branch'");
        error.ShouldContain("git fetch origin");
    }

    [Fact]
    public void A_folder_that_is_not_a_repository_exits_2()
    {
        using var registry = Fixtures.Registry();
        var (exit, output, error) = Run(registry.Root, "main");
        exit.ShouldBe(ExitCode.Usage);
        output.ShouldBeEmpty();
        error.ShouldContain("is not inside a Git repository");
        error.ShouldContain("git clone");
    }

    [Fact]
    public void A_shallow_clone_lacking_the_base_exits_2_and_says_fetch_depth_0()
    {
        using var scenario = ChangeScenario.With(Fixtures.Agreement);
        var first = scenario.Git.Commit("2026-01-06T10:00:00Z", "Tags", [(Fixtures.OtherPath, Fixtures.Other)]);
        scenario.Git.Commit("2026-01-07T10:00:00Z", "More", [("agreements/DULA-2025-0003.md", Fixtures.Other.Edit("id: DULA-2025-0002", "id: DULA-2025-0003"))]);
        var clone = scenario.Git.ShallowClone(1);
        var (exit, _, error) = Run(clone, first);
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain("fetch-depth: 0");
    }

    [Fact]
    public void Without_base_a_folder_outside_git_validates_as_before()
    {
        using var registry = Fixtures.Registry();
        Run(registry.Root, null).Exit.ShouldBe(ExitCode.Ok);
    }

    // ---------------------------------------------------------------- FILE arguments

    [Fact]
    public void Named_files_limit_the_report_but_cross_file_rules_still_see_the_whole_registry()
    {
        using var registry = CliTests.ErrorsAndWarnings();
        const string Broken = "agreements/DULA-2026-0008.md";
        var (exit, output, _) = Run(registry.Root, null, Path.Combine(registry.Root, Broken));
        exit.ShouldBe(ExitCode.ValidationFailed);
        var lines = CliTests.Lines(output);
        lines[..^1].ShouldAllBe(l => l.StartsWith(Broken + "(", StringComparison.Ordinal));
        lines[^1].ShouldStartWith("1 error, 0 warnings in 1 named file");

        (exit, output, _) = Run(registry.Root, null, Path.Combine(registry.Root, Fixtures.AgreementPath));
        exit.ShouldBe(ExitCode.Ok);
        CliTests.Lines(output)[^1].ShouldStartWith("0 errors, 1 warning in 1 named file");

        // A duplicate id is reported on the second file; naming it finds it although the first file is not named.
        registry.Write("agreements/DULA-2026-0009.md", Fixtures.Agreement);
        (_, output, _) = Run(registry.Root, null, Path.Combine(registry.Root, "agreements/DULA-2026-0009.md"));
        output.ShouldContain($"error {C.DuplicateId}");
    }

    [Fact]
    public void A_named_file_that_is_missing_outside_the_registry_or_a_folder_is_a_usage_error()
    {
        using var registry = Fixtures.Registry();
        using var other = Fixtures.Registry();
        string[] bad =
        [
            Path.Combine(registry.Root, "agreements/DULA-2026-0999.md"),
            Path.Combine(other.Root, Fixtures.AgreementPath),
            Path.Combine(registry.Root, "agreements"),
        ];
        foreach (var file in bad)
        {
            var (exit, output, error) = Run(registry.Root, null, file);
            exit.ShouldBe(ExitCode.Usage, file);
            output.ShouldBeEmpty();
            error.ShouldStartWith("registry: ");
        }
    }

    // ---------------------------------------------------------------- finding the root

    [Fact]
    public void The_root_is_found_by_walking_up_from_a_subfolder()
    {
        using var registry = Fixtures.Registry();
        var deep = Directory.CreateDirectory(Path.Combine(registry.Root, "agreements", "notes", "deeper")).FullName;
        CommonOptions.FindRoot(deep).FullName.ShouldBe(registry.Root);
        CommonOptions.FindRoot(registry.Root).FullName.ShouldBe(registry.Root);

        var nowhere = Directory.CreateTempSubdirectory("dula-nowhere-").FullName;
        try
        {
            CommonOptions.FindRoot(nowhere).FullName.ShouldBe(nowhere);
        }
        finally
        {
            Directory.Delete(nowhere, recursive: true);
        }
    }

    [Fact]
    public async Task From_a_subfolder_without_root_validate_finds_the_registry_and_relative_FILE_arguments_work()
    {
        using var registry = CliTests.ErrorsAndWarnings();
        var agreements = Path.Combine(registry.Root, "agreements");

        var (exit, stdout, stderr) = await RunTool(agreements, "validate", "--today", "2026-11-22");
        exit.ShouldBe(1, stderr);
        CliTests.Lines(stdout)[^1].ShouldStartWith("1 error, 1 warning in 2 agreement files and 3 agency files");

        (exit, stdout, stderr) = await RunTool(agreements, "validate", "DULA-2026-0007.md", "--today", "2026-11-22");
        exit.ShouldBe(0, stderr);
        CliTests.Lines(stdout)[^1].ShouldStartWith("0 errors, 1 warning in 1 named file");

        (exit, _, stderr) = await RunTool(agreements, "validate", "DULA-2026-0404.md");
        exit.ShouldBe(2);
        stderr.ShouldContain("does not exist");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunTool(string workingDirectory, params string[] args)
    {
        var start = ToolProcess.StartInfo(args);
        start.WorkingDirectory = workingDirectory;
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
