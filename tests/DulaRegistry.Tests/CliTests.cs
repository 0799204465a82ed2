using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>`registry validate`: exit codes, the three output formats, no stack traces, and the sample registry.</summary>
public partial class CliTests
{
    private static readonly DateOnly s_today = TempRegistry.Today;

    [GeneratedRegex(@"^(?<file>[^()\s]+)\((?<line>\d+),(?<col>\d+)\): (?<severity>error|warning) (?<code>DULA\d{3}): (?<message>.+)$")]
    private static partial Regex TextLine();

    [GeneratedRegex(@"^\d[\d,]* errors?, \d[\d,]* warnings? in \d[\d,]* agreement files? and \d[\d,]* agency files? \(\d+\.\d\d s\)$")]
    internal static partial Regex SummaryLine();

    [GeneratedRegex(@"^::(?<severity>error|warning) file=(?<file>[^,]+),line=(?<line>\d+),col=(?<col>\d+),title=(?<code>DULA\d{3})::(?<message>.+)$")]
    internal static partial Regex GithubLine();

    private static (ExitCode Exit, string Output) Run(string root, OutputFormat format = OutputFormat.Text, bool warningsAsErrors = false)
    {
        using var output = new StringWriter();
        var exit = ValidateCommand.Run(new DirectoryInfo(root), format, s_today, warningsAsErrors, output);
        return (exit, output.ToString());
    }

    internal static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>A registry with one error (an invalid status) and one warning (an expired executed agreement).</summary>
    internal static TempRegistry ErrorsAndWarnings()
    {
        var expired = Fixtures.Agreement.Edit("  expires: 2029-01-31", "  expires: 2026-06-30");
        var broken = Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2026-0008").Edit("status: executed", "status: signed");
        return Fixtures.Registry(expired).Write("agreements/DULA-2026-0008.md", broken);
    }

    // ---------------------------------------------------------------- exit codes

    [Fact]
    public void Clean_registry_exits_0()
    {
        using var registry = Fixtures.Registry();
        var (exit, output) = Run(registry.Root);
        exit.ShouldBe(ExitCode.Ok);
        var lines = Lines(output);
        lines.Length.ShouldBe(1);
        lines[0].ShouldMatch(SummaryLine().ToString());
        lines[0].ShouldStartWith("0 errors, 0 warnings in 1 agreement file and 3 agency files");
    }

    [Fact]
    public void Warnings_alone_exit_0_and_fail_with_warnings_as_errors()
    {
        using var registry = Fixtures.Registry(Fixtures.Agreement.Edit("  expires: 2029-01-31", "  expires: 2026-06-30"));
        var (exit, output) = Run(registry.Root);
        exit.ShouldBe(ExitCode.Ok);
        Lines(output)[0].ShouldStartWith($"{Fixtures.AgreementPath}(");
        Lines(output)[0].ShouldContain($": warning {C.ExpiredButExecuted}: ");
        Lines(output)[^1].ShouldStartWith("0 errors, 1 warning in");

        Run(registry.Root, warningsAsErrors: true).Exit.ShouldBe(ExitCode.ValidationFailed);
    }

    [Fact]
    public void Errors_exit_1()
    {
        using var registry = ErrorsAndWarnings();
        Run(registry.Root).Exit.ShouldBe(ExitCode.ValidationFailed);
        Run(registry.Root, OutputFormat.Json).Exit.ShouldBe(ExitCode.ValidationFailed);
    }

    [Fact]
    public void Missing_root_or_a_folder_that_is_not_a_registry_exits_2()
    {
        Run(Path.Combine(Path.GetTempPath(), "dula-missing-" + Guid.NewGuid().ToString("N"))).Exit.ShouldBe(ExitCode.Usage);
        using var empty = new TempRegistry();
        Directory.Delete(Path.Combine(empty.Root, "agencies"));
        Directory.Delete(Path.Combine(empty.Root, "agreements"));
        Run(empty.Root).Exit.ShouldBe(ExitCode.Usage);
    }

    [Fact]
    public void Registry_with_only_an_agencies_folder_is_valid()
    {
        using var registry = new TempRegistry().Write("agencies/anf.md", Fixtures.Anf);
        Directory.Delete(Path.Combine(registry.Root, "agreements"));
        Run(registry.Root).Exit.ShouldBe(ExitCode.Ok);
    }

    // ---------------------------------------------------------------- formats

    [Fact]
    public void Text_format_is_one_line_per_diagnostic_and_a_summary()
    {
        using var registry = ErrorsAndWarnings();
        var lines = Lines(Run(registry.Root).Output);
        lines.Length.ShouldBe(3);
        var error = TextLine().Match(lines[0]);
        error.Success.ShouldBeTrue(lines[0]);
        error.Groups["file"].Value.ShouldBe(Fixtures.AgreementPath);
        error.Groups["severity"].Value.ShouldBe("warning");
        error.Groups["code"].Value.ShouldBe(C.ExpiredButExecuted);
        error.Groups["line"].Value.ShouldBe(Fixtures.Agreement.LineOf("expires:").ToString(System.Globalization.CultureInfo.InvariantCulture));
        error.Groups["col"].Value.ShouldBe("3");
        var second = TextLine().Match(lines[1]);
        second.Success.ShouldBeTrue(lines[1]);
        second.Groups["file"].Value.ShouldBe("agreements/DULA-2026-0008.md");
        second.Groups["line"].Value.ShouldBe("4");
        second.Groups["col"].Value.ShouldBe("1");
        second.Groups["severity"].Value.ShouldBe("error");
        second.Groups["code"].Value.ShouldBe(C.InvalidValue);
        lines[2].ShouldMatch(SummaryLine().ToString());
        lines[2].ShouldStartWith("1 error, 1 warning in 2 agreement files and 3 agency files");
    }

    [Fact]
    public void Json_format_is_exactly_one_array_of_six_key_objects()
    {
        using var registry = ErrorsAndWarnings();
        var (_, output) = Run(registry.Root, OutputFormat.Json);
        using var json = JsonDocument.Parse(output);
        json.RootElement.ValueKind.ShouldBe(JsonValueKind.Array);
        var items = json.RootElement.EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        foreach (var item in items)
        {
            item.EnumerateObject().Select(p => p.Name).ShouldBe(["file", "line", "column", "severity", "code", "message"], ignoreOrder: true);
            item.GetProperty("file").GetString().ShouldNotBeNull().ShouldStartWith("agreements/");
            item.GetProperty("line").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
            item.GetProperty("column").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
            item.GetProperty("severity").GetString().ShouldBeOneOf("error", "warning");
            item.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        var error = items.Single(i => i.GetProperty("severity").GetString() == "error");
        error.GetProperty("file").GetString().ShouldBe("agreements/DULA-2026-0008.md");
        error.GetProperty("line").GetInt32().ShouldBe(4);
        error.GetProperty("column").GetInt32().ShouldBe(1);
        error.GetProperty("code").GetString().ShouldBe(C.InvalidValue);
        error.GetProperty("message").GetString()!.ShouldContain("`status` (signed)");
    }

    [Fact]
    public void Json_format_of_a_clean_registry_is_an_empty_array()
    {
        using var registry = Fixtures.Registry();
        var (exit, output) = Run(registry.Root, OutputFormat.Json);
        exit.ShouldBe(ExitCode.Ok);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Json_file_is_relative_with_forward_slashes_for_every_kind_of_file()
    {
        using var registry = Fixtures.Registry()
            .Write("registry.yml", "max_term_years: 0\n")
            .Write("agencies/dor.md", Fixtures.Dor.Edit("kind: agency", "kind: bureau"))
            .Write("agreements/notes/x.md", "x");
        var (_, output) = Run(registry.Root + Path.DirectorySeparatorChar, OutputFormat.Json);
        using var json = JsonDocument.Parse(output);
        json.RootElement.EnumerateArray().Select(i => i.GetProperty("file").GetString())
            .ShouldBe(["agencies/dor.md", "agreements/notes", "registry.yml"]);
    }

    [Fact]
    public void Hostile_registry_yml_in_process_never_throws()
    {
        byte[][] inputs =
        [
            [0, 0, 0],
            [0xFF, 0xFE, 0x41],
            Encoding.UTF8.GetBytes("max_term_years: 99999999999\nrenewal_window_days: 3651\nmax_file_bytes: 5\n"),
            Encoding.UTF8.GetBytes("required_sections: Purpose\nid_prefix: [a]\n"),
            Encoding.UTF8.GetBytes("a: &a x\nb: *a\n"),
            Encoding.UTF8.GetBytes(new string('[', 5000)),
            Encoding.UTF8.GetBytes("- a\n- b\n"),
            Encoding.UTF8.GetBytes("just text"),
            Encoding.UTF8.GetBytes("name: a\nname: b\n"),
        ];
        foreach (var bytes in inputs)
        {
            using var registry = Fixtures.Registry().WriteBytes("registry.yml", bytes);
            var (exit, output) = Run(registry.Root);
            exit.ShouldBe(ExitCode.ValidationFailed, output);
            Lines(output).SkipLast(1).ShouldAllBe(l => l.StartsWith("registry.yml(", StringComparison.Ordinal), output);
            output.ShouldNotContain("   at ");
            output.ShouldNotContain(C.Internal);
        }
    }

    // ---------------------------------------------------------------- the sample registry in this repository

    [Fact]
    public void Sample_registry_at_the_repository_root_validates_without_errors()
    {
        var root = RepoPaths.Root;
        var (exit, output) = Run(root, OutputFormat.Json);
        exit.ShouldBe(ExitCode.Ok, output);
        using var json = JsonDocument.Parse(output);
        json.RootElement.EnumerateArray().ShouldAllBe(i => i.GetProperty("severity").GetString() == "warning", output);
    }
}

/// <summary>`registry validate` run as a real process (RegistryTool.dll next to the test assembly): usage errors, the github
/// format's job summary, hostile input end to end. A class of its own so that it runs beside the in-process tests.</summary>
public class CliProcessTests
{
    private static string[] Lines(string output) => CliTests.Lines(output);

    [Fact]
    public async Task Github_format_prints_annotations_and_writes_the_step_summary()
    {
        using var registry = CliTests.ErrorsAndWarnings();
        var summary = Path.Combine(registry.Root, "summary.md");
        var (exit, stdout, stderr) = await RunTool(summary, "validate", "--root", registry.Root, "--format", "github", "--today", "2026-11-22");
        exit.ShouldBe(1, stderr);
        var lines = Lines(stdout);
        lines.Length.ShouldBe(3);
        var warning = CliTests.GithubLine().Match(lines[0]);
        warning.Success.ShouldBeTrue(lines[0]);
        warning.Groups["severity"].Value.ShouldBe("warning");
        warning.Groups["file"].Value.ShouldBe(Fixtures.AgreementPath);
        warning.Groups["code"].Value.ShouldBe(C.ExpiredButExecuted);
        var error = CliTests.GithubLine().Match(lines[1]);
        error.Success.ShouldBeTrue(lines[1]);
        lines[1].ShouldStartWith("::error file=agreements/DULA-2026-0008.md,line=4,col=1,title=DULA012::");
        lines[2].ShouldMatch(CliTests.SummaryLine().ToString());

        var markdown = await File.ReadAllTextAsync(summary);
        markdown.ShouldContain("| File | Line | Severity | Code | Message |");
        markdown.ShouldContain("| agreements/DULA\\-2026\\-0008\\.md | 4 | error | DULA012 |"); // Markdown-escaped, so no file name becomes markup
        markdown.ShouldContain("1 error, 1 warning");
    }

    [Fact]
    public async Task Github_format_without_a_step_summary_still_prints_annotations()
    {
        using var registry = Fixtures.Registry();
        var (exit, stdout, _) = await RunTool(null, "validate", "--root", registry.Root, "--format", "github", "--today", "2026-11-22");
        exit.ShouldBe(0);
        Lines(stdout).ShouldHaveSingleItem().ShouldStartWith("0 errors, 0 warnings");
    }

    [Fact]
    public async Task Usage_errors_exit_2_with_a_message_and_no_stack_trace()
    {
        using var registry = Fixtures.Registry();
        string[][] cases =
        [
            ["validate", "--root", registry.Root, "--bogus"],
            ["validate", "--root", registry.Root, "--today", "2026-02-30"],
            ["validate", "--root", registry.Root, "--today", "tomorrow"],
            ["validate", "--root", registry.Root, "--format", "xml"],
            ["frobnicate", "--root", registry.Root],
            ["validate", "--root", "/nonexistent/dula", "--today", "2026-11-22"],
        ];
        var results = await Task.WhenAll(cases.Select(args => RunTool(null, args)));
        for (var i = 0; i < cases.Length; i++)
        {
            var (exit, stdout, stderr) = results[i];
            var what = string.Join(' ', cases[i]) + "\n" + stdout + stderr;
            exit.ShouldBe(2, what);
            stderr.ShouldStartWith("registry: ", customMessage: what);
            stdout.ShouldNotContain("error DULA", customMessage: what);
            (stdout + stderr).ShouldNotContain("   at ", customMessage: what);
        }
        results[1].Stderr.ShouldContain("YYYY-MM-DD");
        results[5].Stderr.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Hostile_registry_through_the_real_program_exits_1_with_json_on_each_file_and_no_stack_trace()
    {
        var hostile = new Dictionary<string, byte[]>
        {
            ["agreements/DULA-2026-0101.md"] = [0x00, 0x01, 0x02],
            ["agreements/DULA-2026-0102.md"] = Encoding.UTF8.GetBytes("---\nid: DULA-2026-0102\ntitle: caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray(),
            ["agreements/DULA-2026-0103.md"] = [],
            ["agreements/DULA-2026-0104.md"] = Encoding.UTF8.GetBytes("no front matter\n"),
            ["agreements/DULA-2026-0105.md"] = Encoding.UTF8.GetBytes("---\nid: DULA-2026-0105\n"),
            ["agreements/DULA-2026-0106.md"] = Encoding.UTF8.GetBytes("---\nid: a\nid: b\n---\n"),
            ["agreements/DULA-2026-0107.md"] = Encoding.UTF8.GetBytes("---\nparties: dta\n---\n"),
            ["agreements/DULA-2026-0108.md"] = Encoding.UTF8.GetBytes("---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n"),
            ["agreements/DULA-2026-0109.md"] = Encoding.UTF8.GetBytes("---\nterm:\n\texpires: 2029-01-31\n---\n"),
            ["agreements/DULA-2026-0110.md"] = Encoding.UTF8.GetBytes("---\ntags: " + new string('[', 5000) + new string(']', 5000) + "\n---\n"),
            ["agreements/DULA-2026-0111.md"] = Encoding.UTF8.GetBytes("---\ntitle: x\n--- # second\ntitle: y\n---\n"),
            ["agreements/DULA-2026-0113.md"] = Encoding.UTF8.GetBytes(Fixtures.AgreementFrontMatter.Edit("id: DULA-2026-0007", "id: DULA-2026-0113") + new string('>', 5000) + " x\n"),
            ["agreements/DULA-2026-0114.md"] = Encoding.UTF8.GetBytes("---\nid: DULA-2026-0114\n" + new string('x', 1024 * 1024) + "\n---\n"),
            ["agreements/DULA-2026-0115.md"] = Encoding.UTF8.GetBytes("---\ntitle: \"\\U0011FFFF\"\n---\n"),
            ["agreements/readme.txt"] = Encoding.UTF8.GetBytes("hello"),
        };
        // A valid agreement at the end of the calendar, where date arithmetic overflows.
        const string EndOfTime = "agreements/DULA-2026-0112.md";
        using var registry = Fixtures.Registry().Write(EndOfTime,
            Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2026-0112").Edit("  effective: 2026-02-01", "  effective: 9999-01-01").Edit("  expires: 2029-01-31", "  expires: 9999-12-31"));
        foreach (var (path, bytes) in hostile) registry.WriteBytes(path, bytes);
        Directory.CreateDirectory(Path.Combine(registry.Root, "agreements", "old"));

        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = await RunTool(null, "validate", "--root", registry.Root, "--format", "json", "--today", "2026-11-22");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        exit.ShouldBe(1, stderr);
        (stdout + stderr).ShouldNotContain("   at ");
        using var json = JsonDocument.Parse(stdout);
        var items = json.RootElement.EnumerateArray().ToList();
        items.ShouldNotContain(i => i.GetProperty("code").GetString() == C.Internal, stdout);
        var files = items.Select(i => i.GetProperty("file").GetString()).ToHashSet();
        foreach (var path in hostile.Keys) files.ShouldContain(path);
        files.ShouldContain("agreements/old");
        files.ShouldNotContain(Fixtures.AgreementPath);
        files.ShouldNotContain(EndOfTime);
        items.Where(i => i.GetProperty("severity").GetString() == "error").ShouldNotBeEmpty();
    }

    // ---------------------------------------------------------------- running the compiled tool

    /// <summary>Runs RegistryTool.dll (copied next to the test assembly) with <c>dotnet</c>; GITHUB_STEP_SUMMARY is set only when given.</summary>
    internal static async Task<(int Exit, string Stdout, string Stderr)> RunTool(string? stepSummary, params string[] args)
    {
        var start = ToolProcess.StartInfo(args);
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        if (stepSummary is not null) start.Environment["GITHUB_STEP_SUMMARY"] = stepSummary;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"registry {string.Join(' ', args)} did not finish in 60 s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
