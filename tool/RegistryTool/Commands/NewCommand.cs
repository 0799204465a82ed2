using System.CommandLine;
using DulaRegistry.Loading;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Cli.Commands;

internal static class NewCommand
{
    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry new", "asks for the title and the parties"),
        new("registry new --title \"SNAP wage match\" --owner dor --recipient dta"),
        new("registry new --title \"Eligibility exchange\" --owner dor,dta --recipient dta --today 2027-01-04"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = DraftCommand.Today();
        var title = new Option<string?>("--title") { Description = "A short, plain-language name for the data sharing project", HelpName = "TEXT" };
        var owner = new Option<string?>("--owner") { Description = "The agency or agencies that provide the data: ids or acronyms, comma-separated", HelpName = "ID[,ID]" };
        var recipient = new Option<string?>("--recipient") { Description = "The agency or agencies that receive the data: ids or acronyms, comma-separated", HelpName = "ID[,ID]" };
        var purpose = new Option<string?>("--purpose") { Description = "One or two sentences: why the data are needed (optional; the template's prompt otherwise)", HelpName = "TEXT" };
        var command = new Command("new", """
            Start a new agreement: agreements/<prefix>-<year>-<next number>.md at status drafting, made from
            templates/dula.md with the parties filled in (an agency that is both owner and recipient gets role
            `both`). The number is one more than the highest used in the work tree and on every branch, so two
            open pull requests never collide; an existing file is never overwritten. On a terminal it asks for
            anything missing; otherwise --title, --owner and --recipient are required.
            """)
        {
            root, today, title, owner, recipient, purpose,
        };
        command.SetAction(parse => (int)Run(parse.GetValue(root)!, parse.GetValue(title), parse.GetValue(owner), parse.GetValue(recipient),
            parse.GetValue(purpose), CommonOptions.ResolveToday(parse.GetValue(today)), Console.IsInputRedirected ? null : Console.In, Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    /// <param name="terminal">Where to ask for what is missing; null without a terminal (then a missing option is a usage error).</param>
    public static ExitCode Run(DirectoryInfo root, string? title, string? owner, string? recipient, string? purpose, DateOnly today,
        TextReader? terminal, TextWriter output, TextWriter error)
    {
        return DraftCommand.Run(root, registry =>
        {
            var agencies = new AgencyChoices(registry);
            var menuShown = false;
            title ??= Ask("--title", "Title (a short, plain-language name for the project): ", text => text.Trim().Length > 0 ? text : null);
            var owners = owner is not null ? agencies.Resolve("--owner", owner) : AskAgencies("--owner", "Data owner(s), who provide the data");
            var recipients = recipient is not null ? agencies.Resolve("--recipient", recipient) : AskAgencies("--recipient", "Data recipient(s), who receive the data");
            if (purpose is null && terminal is not null)
            {
                output.Write("Purpose, one or two sentences (Enter to fill it in later): ");
                purpose = terminal.ReadLine() is { } line && line.Trim().Length > 0 ? line : null;
            }
            return DraftPlans.New(registry, title, owners, recipients, purpose, today);

            IReadOnlyList<string> AskAgencies(string option, string what)
            {
                if (terminal is not null && !menuShown)
                {
                    output.WriteLine("Agencies (type numbers, ids or acronyms, separated by commas):");
                    foreach (var line in agencies.Menu()) output.WriteLine(line);
                    menuShown = true;
                }
                return Ask(option, $"{what}: ", text =>
                {
                    try
                    {
                        return agencies.Resolve(option, text, allowNumbers: true);
                    }
                    catch (ScaffoldException ex)
                    {
                        output.WriteLine(ex.Message);
                        return null;
                    }
                });
            }

            T Ask<T>(string option, string prompt, Func<string, T?> accept) where T : class
            {
                if (terminal is null)
                {
                    throw new ScaffoldException($"{option} is required when there is no terminal to ask on; run `registry new --help` for an example");
                }
                while (true)
                {
                    output.Write(prompt);
                    var line = terminal.ReadLine() ?? throw new ScaffoldException($"{option} was not given (the input ended); nothing was written");
                    if (accept(line) is { } value) return value;
                }
            }
        }, (path, id) => $"Next: fill in {path} where its comments say, run `registry validate`, and open a pull request with it.", output, error);
    }
}
