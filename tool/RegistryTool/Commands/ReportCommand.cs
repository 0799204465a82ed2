using System.CommandLine;
using DulaRegistry.Diagnostics;
using DulaRegistry.History;
using DulaRegistry.Reporting;
using DulaRegistry.Validation;

namespace DulaRegistry.Cli.Commands;

internal static class ReportCommand
{
    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry report", "the whole pipeline, in the terminal"),
        new("registry report --agency dph", "what is waiting on DPH"),
        new("registry report --format markdown >> \"$GITHUB_STEP_SUMMARY\"", "the weekly report in CI"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = CommonOptions.Today();
        var format = new Option<string>("--format")
        {
            Description = "text (for a terminal), markdown (for a job summary or an issue) or json",
            DefaultValueFactory = _ => "text",
            HelpName = "text|markdown|json",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var agency = new Option<string?>("--agency")
        {
            Description = "Only agreements where this agency (its id, the file name in agencies/) is a party",
            HelpName = "ID",
        };
        var command = new Command("report", """
            Report the pipeline: agreements by status and by agency, executed agreements expiring within the renewal
            window, drafts untouched for 30 days or more (from Git history), legacy agreements due to move to the
            framework, and per agency what is waiting on it (what each agreement's next status needs, and who acts).
            A registry with validation errors is still reported (the report says so at the top); exit 0.
            """)
        {
            root, format, agency, today,
        };
        command.SetAction(parse => (int)Run(parse.GetValue(root)!, parse.GetValue(format)!, parse.GetValue(agency),
            CommonOptions.ResolveToday(parse.GetValue(today)), Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    public static ExitCode Run(DirectoryInfo root, string format, string? agency, DateOnly today, TextWriter output, TextWriter error)
    {
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        var bag = new DiagnosticBag();
        var registry = RegistryValidator.LoadAndValidate(root.FullName, today, bag);
        if (registry.Agreements.Count < registry.AgreementFiles || registry.Agencies.Count < registry.AgencyFiles)
        {
            // A file that cannot be read would silently drop out of every count: refuse rather than under-report.
            foreach (var d in bag.Sorted().Where(d => d.Severity == Severity.Error)) error.WriteLine(d.ToString());
            error.WriteLine("registry: no report: some agency or agreement files above cannot be read; fix them first (`registry validate` lists every problem)");
            return ExitCode.ValidationFailed;
        }
        if (agency is not null && !registry.AgencyById.ContainsKey(agency))
        {
            error.WriteLine($"registry: --agency '{ConsoleText.Escape(agency)}' names no agency; use an agency id, the file name in agencies/ without .md (such as dor)");
            return ExitCode.Usage;
        }

        var history = StatusHistory.Read(root.FullName, registry.Settings.EffectiveMaxFileBytes);
        var report = PipelineReport.Build(registry, history, today, agency, bag.Errors);
        output.Write(format switch
        {
            "markdown" => MarkdownReportRenderer.Render(report),
            "json" => JsonReportRenderer.Render(report),
            _ => TextReportRenderer.Render(report),
        });
        return ExitCode.Ok;
    }
}
