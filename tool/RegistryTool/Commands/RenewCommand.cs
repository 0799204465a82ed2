using System.CommandLine;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Cli.Commands;

internal static class RenewCommand
{
    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry renew DULA-2026-0007"),
        new("registry renew DULA-2026-0007 --today 2028-11-01"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = DraftCommand.Today();
        var id = new Argument<string>("ID") { Description = "The agreement to renew, such as DULA-2026-0007" };
        var command = new Command("renew", """
            Start the renewal of an agreement: a new draft with `supersedes: ID` carrying over its title,
            parties, purpose, data and legal authority (not its term, service request, signatures or
            executed copy, which belong to the new signing).
            """)
        {
            id, root, today,
        };
        command.SetAction(parse => (int)Run(parse.GetValue(root)!, parse.GetValue(id)!, CommonOptions.ResolveToday(parse.GetValue(today)), Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    public static ExitCode Run(DirectoryInfo root, string id, DateOnly today, TextWriter output, TextWriter error) =>
        DraftCommand.Run(root, registry => DraftPlans.Renew(registry, id, today),
            (path, newId) => $"Next: set the new term in {path}, review what was carried over, and open a pull request; when {newId} is executed, mark {id} superseded (superseded_by: {newId}).",
            output, error);
}
