using System.CommandLine;
using System.Runtime.CompilerServices;

namespace DulaRegistry.Cli.Commands;

/// <summary>One example of a command line, with what it does (optional).</summary>
internal sealed record Example(string CommandLine, string? Explanation = null);

/// <summary>
/// The examples printed at the end of each command's <c>--help</c>. Each command keeps its own examples next to its
/// options (a static <c>Examples</c> property) and attaches them with <see cref="WithExamples"/>; a test checks that every
/// command has two or three.
/// </summary>
internal static class CommandExamples
{
    // Keyed by the command object, so a command added by another file needs no entry here.
    private static readonly ConditionalWeakTable<Command, IReadOnlyList<Example>> s_examples = [];

    /// <summary>Attaches <paramref name="examples"/> to <paramref name="command"/>; returns the command, for <c>return command.WithExamples(Examples);</c>.</summary>
    public static Command WithExamples(this Command command, IReadOnlyList<Example> examples)
    {
        s_examples.AddOrUpdate(command, examples);
        return command;
    }

    public static IReadOnlyList<Example> For(Command command) => s_examples.TryGetValue(command, out var examples) ? examples : [];

    /// <summary>Writes an "Examples:" section: command lines aligned, each explanation beside it (or under it when the command line is long).</summary>
    public static void Write(IReadOnlyList<Example> examples, TextWriter output)
    {
        if (examples.Count == 0) return;
        const int Indent = 2, Gap = 4, WidestBeside = 56;
        var width = examples.Select(e => e.CommandLine.Length).Where(n => n <= WidestBeside).DefaultIfEmpty(0).Max();
        output.WriteLine("Examples:");
        foreach (var example in examples)
        {
            if (example.Explanation is null)
            {
                output.WriteLine(new string(' ', Indent) + example.CommandLine);
            }
            else if (example.CommandLine.Length <= WidestBeside)
            {
                output.WriteLine(new string(' ', Indent) + example.CommandLine.PadRight(width + Gap) + example.Explanation);
            }
            else
            {
                output.WriteLine(new string(' ', Indent) + example.CommandLine);
                output.WriteLine(new string(' ', Indent + Gap) + example.Explanation);
            }
        }
        output.WriteLine();
    }
}
