using System.CommandLine;
using System.Diagnostics;
using DulaRegistry.Diagnostics;
using DulaRegistry.Validation;

namespace DulaRegistry.Cli.Commands;

internal static class ValidateCommand
{
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
        var command = new Command("validate", "Check every agency and agreement against schema v1 and the registry's rules")
        {
            root, format, today, warningsAsErrors,
        };
        command.SetAction(parse => (int)Run(
            parse.GetValue(root)!, Enum.Parse<OutputFormat>(parse.GetValue(format)!, ignoreCase: true), CommonOptions.ResolveToday(parse.GetValue(today)), parse.GetValue(warningsAsErrors), Console.Out));
        return command;
    }

    public static ExitCode Run(DirectoryInfo root, OutputFormat format, DateOnly today, bool warningsAsErrors, TextWriter output)
    {
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        var clock = Stopwatch.StartNew();
        var bag = new DiagnosticBag();
        var registry = RegistryValidator.LoadAndValidate(root.FullName, today, bag);
        var diagnostics = bag.Sorted();
        // Counted by the bag, not from the list: it keeps a bounded number of diagnostics but counts every one.
        var errors = bag.Errors;
        var warnings = bag.Warnings;
        var summary = $"{Plural(errors, "error")}, {Plural(warnings, "warning")} in {Plural(registry.AgreementFiles, "agreement file")} and {Plural(registry.AgencyFiles, "agency file")} ({clock.Elapsed.TotalSeconds:0.00} s)";
        DiagnosticWriter.Write(diagnostics, format, output, summary, bag.OmittedByFile);
        return errors > 0 || (warningsAsErrors && warnings > 0) ? ExitCode.ValidationFailed : ExitCode.Ok;
    }

    public static string Plural(int n, string one, string? many = null) => $"{n:N0} {(n == 1 ? one : many ?? one + "s")}";
}
