using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Diagnostics;

namespace DulaRegistry.Tests;

/// <summary>
/// Issue 6, part 5: text output cannot be forged. File names, values and messages with line breaks, ANSI escapes and
/// bidirectional overrides print as visible escapes, so a hostile registry can print neither a fake summary line, nor an
/// extra annotation, nor colour or reorder the log; the job summary's table cells cannot add rows or markup.
/// </summary>
public sealed class OutputForgingTests
{
    private const string ForgedSummary = "0 errors, 0 warnings in 1 agreement and 3 agencies (0.01 s)";

    /// <summary>Diagnostics as a hostile registry makes them: the file name and the message carry the forgery.</summary>
    private static readonly Diagnostic[] s_hostile =
    [
        new(DiagnosticCodes.UnexpectedFile, Severity.Error, "agreements/x\n" + ForgedSummary + "\n.txt", 1, 1, "a file"),
        new(DiagnosticCodes.InvalidValue, Severity.Error, "agreements/DULA-2026-0007.md", 4, 9,
            "`executed\n::notice file=README.md,line=1::all clear\r\n" + ForgedSummary + "` is not a status"),
        new(DiagnosticCodes.InvalidValue, Severity.Warning, "agreements/DULA-2026-0008.md", 2, 1,
            "\u001b[2K\u001b[1A\u001b[32m" + ForgedSummary + "\u001b[0m \u202Edetcefni\u202C | injected | row |\n| x | 1 | error | DULA001 | <img src=x onerror=alert(1)> [click](https://example.invalid) `code`"),
    ];

    [Fact]
    public void Text_output_prints_one_line_per_diagnostic_and_no_control_character()
    {
        using var output = new StringWriter();
        DiagnosticWriter.Write(s_hostile, OutputFormat.Text, output, "3 errors");
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(s_hostile.Length + 1);
        lines[^1].ShouldBe("3 errors");
        lines.ShouldNotContain(l => l.StartsWith(ForgedSummary, StringComparison.Ordinal));
        lines.ShouldAllBe(l => !l.Any(c => char.IsControl(c) || c == '\u202E'));
        lines[0].ShouldBe($"agreements/x\\n{ForgedSummary}\\n.txt(1,1): error {DiagnosticCodes.UnexpectedFile}: a file");
        lines[2].ShouldContain("\\x1B[32m");
        lines[2].ShouldContain("\\u202Edetcefni");
    }

    [Fact]
    public void Github_output_prints_one_workflow_command_per_diagnostic()
    {
        var summaryFile = Path.GetTempFileName();
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summaryFile);
        try
        {
            using var output = new StringWriter();
            DiagnosticWriter.Write(s_hostile, OutputFormat.Github, output, "3 errors");
            var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(s_hostile.Length + 1);
            lines[..^1].ShouldAllBe(l => l.StartsWith("::error file=", StringComparison.Ordinal) || l.StartsWith("::warning file=", StringComparison.Ordinal));
            lines.Count(l => l.StartsWith("::notice", StringComparison.Ordinal)).ShouldBe(0);
            lines.ShouldAllBe(l => !l.Any(char.IsControl));
            // The file property cannot close early: its commas and colons are %-escaped.
            lines[0].ShouldStartWith($"::error file=agreements/x\\n0 errors%2C 0 warnings in 1 agreement and 3 agencies (0.01 s)\\n.txt,line=1,col=1,");

            // The job summary: a header, its separator, and exactly one row per diagnostic; no raw HTML, no live link.
            var rows = File.ReadAllLines(summaryFile).Where(l => l.StartsWith('|')).ToList();
            rows.Count.ShouldBe(2 + s_hostile.Length);
            rows.ShouldAllBe(r => r.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|') == 6);
            var summary = File.ReadAllText(summaryFile);
            summary.ShouldNotContain("<img");
            summary.ShouldNotContain("](https://example.invalid)");
            summary.ShouldContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
            File.Delete(summaryFile);
        }
    }

    [Fact]
    public void A_hostile_value_in_a_real_registry_cannot_forge_the_summary()
    {
        // YAML decodes "\n" and "\e" inside double quotes: the value reaches the message with a real line break and ESC.
        using var registry = Fixtures.Registry(Fixtures.Agreement.Edit("status: executed", "status: \"executed\\n" + ForgedSummary + "\\e[0m\""));
        using var output = new StringWriter();
        var exit = ValidateCommand.Run(new DirectoryInfo(registry.Root), OutputFormat.Text, TempRegistry.Today, false, output);
        exit.ShouldBe(ExitCode.ValidationFailed);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotContain(l => l.StartsWith("0 errors", StringComparison.Ordinal));
        lines.ShouldAllBe(l => !l.Any(char.IsControl));
        lines.ShouldContain(l => l.Contains("\\n" + ForgedSummary + "\\x1B[0m", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_thousands_of_problems_prints_a_bounded_list_and_says_how_many_more()
    {
        // 3,000 unknown keys: each is a diagnostic, the bag keeps 100 for the file, and the output says the rest exist.
        var keys = string.Concat(Enumerable.Range(0, 3000).Select(i => $"unknown_key_{i}: x\n"));
        using var registry = Fixtures.Registry(Fixtures.Agreement.Edit("tags: [snap, eligibility]\n", "tags: [snap, eligibility]\n" + keys));
        using var output = new StringWriter();
        var exit = ValidateCommand.Run(new DirectoryInfo(registry.Root), OutputFormat.Text, TempRegistry.Today, false, output);
        exit.ShouldBe(ExitCode.ValidationFailed);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Count(l => l.Contains(": error DULA010:", StringComparison.Ordinal)).ShouldBe(DiagnosticBag.DefaultMaxPerFile);
        lines[^2].ShouldBe($"… and 2,900 more in {Fixtures.AgreementPath} (not shown)");
        lines[^1].ShouldStartWith("3,000 errors, 0 warnings in 1 agreement file");
    }

    [Fact]
    public void Omissions_beyond_twenty_files_are_summed_in_one_line()
    {
        var omitted = Enumerable.Range(0, 25).ToDictionary(i => $"agreements/DULA-2026-{i:0000}.md", i => 10);
        var lines = DiagnosticWriter.Omissions(omitted);
        lines.Count.ShouldBe(DiagnosticWriter.MaxOmissionLines + 1);
        lines[^1].ShouldBe("… and 50 more in 5 other files (not shown)");
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("\u001b[31mred", "\\x1B[31mred")]
    [InlineData("next\u0085line", "next\\x85line")]
    [InlineData("rtl \u202Eoverride\u2066isolate", "rtl \\u202Eoverride\\u2066isolate")]
    [InlineData("emoji 😀 stays", "emoji 😀 stays")]
    public void ConsoleText_escapes_what_could_forge_a_line(string input, string expected) =>
        ConsoleText.Escape(input).ShouldBe(expected);
}
