using System.CommandLine;
using System.Diagnostics;
using DulaRegistry.Diagnostics;
using DulaRegistry.Git;
using DulaRegistry.Loading;
using DulaRegistry.Validation;
using DulaRegistry.Validation.Changes;

namespace DulaRegistry.Cli.Commands;

internal static class ValidateCommand
{
    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry validate", "check the whole registry; exit 1 on errors"),
        new("registry validate agreements/DULA-2026-0007.md", "report on one agreement only"),
        new("registry validate --base origin/main --format github", "in a pull request: also check what changed"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = CommonOptions.Today();
        var format = new Option<string>("--format")
        {
            Description = "How to print findings: text (path(line,col): severity CODE: message), json (one array) or github (Actions annotations and job summary)",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json|github",
        };
        format.AcceptOnlyFromAmong("text", "json", "github");
        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "Fail (exit 1) on warnings too" };
        var baseRevision = new Option<string?>("--base")
        {
            Description = "Also check how agreements changed since this Git revision (the pull request's target, such as origin/main): lifecycle moves, executed agreements unchanged, no deletions, renames or reused ids",
            HelpName = "REF",
        };
        var files = new Argument<string[]>("FILE")
        {
            Description = "Report only on these files (the whole registry is still checked, for rules across files); default: every file",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("validate", "Check every agency and agreement against schema v1 and the registry's rules")
        {
            root, format, today, warningsAsErrors, baseRevision, files,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult((int)Run(
            parse.GetValue(root)!, Enum.Parse<OutputFormat>(parse.GetValue(format)!, ignoreCase: true), CommonOptions.ResolveToday(parse.GetValue(today)),
            parse.GetValue(warningsAsErrors), Console.Out, parse.GetValue(baseRevision), parse.GetValue(files) ?? [], cancellationToken: cancellationToken)));
        return command.WithExamples(Examples);
    }

    public static ExitCode Run(DirectoryInfo root, OutputFormat format, DateOnly today, bool warningsAsErrors, TextWriter output) =>
        Run(root, format, today, warningsAsErrors, output, baseRevision: null, files: []);

    /// <param name="baseRevision">A Git revision to check changes against (<c>--base</c>), or null for none.</param>
    /// <param name="files">Files to report on (relative to the current folder, or absolute); empty for all.</param>
    public static ExitCode Run(DirectoryInfo root, OutputFormat format, DateOnly today, bool warningsAsErrors, TextWriter output,
        string? baseRevision, IReadOnlyList<string> files, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        error ??= Console.Error;
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        var selection = FileSelection.Resolve(root, files, error);
        if (selection is null) return ExitCode.Usage;

        var clock = Stopwatch.StartNew();
        var bag = new DiagnosticBag();
        var sink = files.Count > 0 ? selection.Filter(bag) : bag;
        // Ctrl-C stops it at the next file (OperationCanceledException; the entry point says it was interrupted).
        var registry = RegistryValidator.LoadAndValidate(root.FullName, today, sink, cancellationToken);
        if (baseRevision is not null)
        {
            try
            {
                ChangeValidator.Validate(registry, baseRevision, sink);
            }
            catch (GitException ex)
            {
                // Nothing is printed on stdout: a half report (the rules without the change rules) would read as a pass.
                error.WriteLine($"registry: --base {baseRevision}: {ex.Explanation}");
                return ExitCode.Usage;
            }
        }
        var diagnostics = bag.Sorted();
        // Counted by the bag, not from the list: it keeps a bounded number of diagnostics but counts every one.
        var errors = bag.Errors;
        var warnings = bag.Warnings;
        var summary = $"{Plural(errors, "error")}, {Plural(warnings, "warning")} in {Scope(registry, selection)} ({clock.Elapsed.TotalSeconds:0.00} s)";
        DiagnosticWriter.Write(diagnostics, format, output, summary, bag.OmittedByFile);
        return errors > 0 || (warningsAsErrors && warnings > 0) ? ExitCode.ValidationFailed : ExitCode.Ok;
    }

    private static string Scope(LoadedRegistry registry, FileSelection selection) => selection.Files.Count > 0
        ? Plural(selection.Files.Count, "named file")
        : $"{Plural(registry.AgreementFiles, "agreement file")} and {Plural(registry.AgencyFiles, "agency file")}";

    public static string Plural(int n, string one, string? many = null) => $"{n:N0} {(n == 1 ? one : many ?? one + "s")}";
}
