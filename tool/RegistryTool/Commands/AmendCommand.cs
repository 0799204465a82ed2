using System.CommandLine;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Cli.Commands;

internal static class AmendCommand
{
    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry amend DULA-2026-0007"),
        new("registry amend DULA-2026-0007 --today 2027-03-01 --root ../dula-registry"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = DraftCommand.Today();
        var id = new Argument<string>("ID") { Description = "The executed agreement to amend, such as DULA-2026-0007" };
        var command = new Command("amend", """
            Start an amendment of an executed agreement: a new draft made from templates/amendment.md with
            `amends: ID` and the same parties. An executed agreement is never edited; what changes goes in
            the amendment, which is reviewed and signed like any agreement.
            """)
        {
            id, root, today,
        };
        command.SetAction(parse => (int)Run(parse.GetValue(root)!, parse.GetValue(id)!, CommonOptions.ResolveToday(parse.GetValue(today)), Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    public static ExitCode Run(DirectoryInfo root, string id, DateOnly today, TextWriter output, TextWriter error) =>
        DraftCommand.Run(root, registry => DraftPlans.Amend(registry, id, today),
            (path, _) => $"Next: describe in {path} only what changes in {id}, run `registry validate`, and open a pull request with it.", output, error);
}
