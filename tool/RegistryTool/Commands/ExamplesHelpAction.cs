using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace DulaRegistry.Cli.Commands;

/// <summary>
/// System.CommandLine's help, followed by the command's examples (<see cref="CommandExamples"/>). HelpAction is sealed,
/// so it is wrapped rather than derived from.
/// </summary>
internal sealed class ExamplesHelpAction(HelpAction inner) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var exit = inner.Invoke(parseResult);
        CommandExamples.Write(CommandExamples.For(parseResult.CommandResult.Command), parseResult.InvocationConfiguration.Output);
        return exit;
    }

    /// <summary>Replaces the help option's action of <paramref name="root"/> (recursive, so it serves every subcommand).</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!);
    }
}
