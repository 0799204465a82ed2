using System.CommandLine;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Cli.Commands;

internal static class MigrateCommand
{
    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry migrate DULA-2019-0003"),
        new("registry migrate DULA-2019-0003 --today 2027-06-30"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = DraftCommand.Today();
        var id = new Argument<string>("ID") { Description = "The legacy agreement (framework: legacy) to bring into the framework" };
        var command = new Command("migrate", """
            Bring a legacy agreement into the data sharing framework: a new draft under the MOU
            (`framework: mou`) with `supersedes: ID`, carrying over its parties and data. Every party must
            have signed the MOU.
            """)
        {
            id, root, today,
        };
        command.SetAction(parse => (int)Run(parse.GetValue(root)!, parse.GetValue(id)!, CommonOptions.ResolveToday(parse.GetValue(today)), Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    public static ExitCode Run(DirectoryInfo root, string id, DateOnly today, TextWriter output, TextWriter error) =>
        DraftCommand.Run(root, registry => DraftPlans.Migrate(registry, id, today),
            (path, newId) => $"Next: complete the legal authority, purpose and term in {path}, and open a pull request; when {newId} is executed, mark {id} superseded (superseded_by: {newId}).",
            output, error);
}
