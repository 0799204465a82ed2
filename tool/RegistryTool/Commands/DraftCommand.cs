using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Cli.Commands;

/// <summary>What <c>new</c>, <c>amend</c>, <c>renew</c> and <c>migrate</c> share: load, plan, write, and say what was made and what comes next.</summary>
internal static class DraftCommand
{
    /// <param name="plan">The draft's content for the loaded registry; throws <see cref="ScaffoldException"/> to refuse.</param>
    /// <param name="nextSteps">One or two plain lines for the new file's path and id.</param>
    public static ExitCode Run(DirectoryInfo root, Func<LoadedRegistry, DraftContent> plan, Func<string, string, string> nextSteps, TextWriter output, TextWriter error)
    {
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        // Problems in other files are `registry validate`'s to report; the draft is checked on its own below.
        var registry = RegistryLoader.Load(root.FullName, new DiagnosticBag());
        ScaffoldResult result;
        try
        {
            result = Scaffolder.Create(registry, plan(registry));
        }
        catch (ScaffoldException ex)
        {
            error.WriteLine($"registry: {ConsoleText.Escape(ex.Message)}");
            return ExitCode.Usage;
        }
        if (result.RelativePath is not { } path)
        {
            foreach (var d in result.Errors) error.WriteLine(ConsoleText.Escape(d.ToString()));
            error.WriteLine("registry: nothing was written: the new agreement would not validate (the errors above are in the text made from templates/); fix the template or the agency files first");
            return ExitCode.ValidationFailed;
        }
        output.WriteLine(path);
        output.WriteLine(nextSteps(path, result.Id!));
        return ExitCode.Ok;
    }

    /// <summary>The <c>--today</c> option, described for scaffolding.</summary>
    public static System.CommandLine.Option<string?> Today()
    {
        var today = CommonOptions.Today();
        today.Description = "The date the draft is made, as YYYY-MM-DD; its year goes into the new id (default: today's date)";
        return today;
    }
}
