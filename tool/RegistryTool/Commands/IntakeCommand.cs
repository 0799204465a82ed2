using System.CommandLine;
using DulaRegistry.Diagnostics;
using DulaRegistry.Intake;
using DulaRegistry.Loading;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Cli.Commands;

internal static class IntakeCommand
{
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry intake --issue 42", "with GITHUB_TOKEN and GITHUB_REPOSITORY set as in Actions"),
        new("registry intake --issue 42 --repo example-org/dula-registry", "naming the repository"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = DraftCommand.Today();
        var repo = GitHubRun.Repo();
        var issue = new Option<int>("--issue") { Description = "The number of the request-dula issue", HelpName = "N", Required = true };
        var command = new Command("intake", """
            Turn a request issue (the request-dula form) labelled `viable` into a draft agreement: the file is made
            exactly as `registry new` makes it, committed on a new branch dula/<id> through the GitHub API, and opened
            as a draft pull request that links the issue; the issue gets a comment with the link. Running it again for
            the same issue makes nothing new. An answer that names no known agency gets a comment listing the valid
            agency ids instead. Exit 0 made (or made before), 1 refused (not viable, or the request needs fixing),
            2 usage or GitHub problem.
            """)
        {
            issue, root, repo, today,
        };
        command.SetAction(async (parse, ct) => (int)await RunAsync(parse.GetValue(root)!, parse.GetValue(issue), parse.GetValue(repo),
            CommonOptions.ResolveToday(parse.GetValue(today)), null, Console.Out, Console.Error, ct).ConfigureAwait(false));
        return command.WithExamples(Examples);
    }

    public static async Task<ExitCode> RunAsync(DirectoryInfo root, int issue, string? repo, DateOnly today, Func<string, string?>? getEnv,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (issue <= 0)
        {
            await error.WriteLineAsync("registry: --issue must be an issue number, such as 42").ConfigureAwait(false);
            return ExitCode.Usage;
        }
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        var registry = RegistryLoader.Load(root.FullName, new DiagnosticBag());
        return await GitHubRun.RunAsync(repo, getEnv, error, async github =>
        {
            IntakeOutcome outcome;
            try
            {
                outcome = await new IntakeService(github).RunAsync(registry, issue, today, ct).ConfigureAwait(false);
            }
            catch (ScaffoldException ex)
            {
                await error.WriteLineAsync($"registry: {ConsoleText.Escape(ex.Message)}").ConfigureAwait(false);
                return ExitCode.Usage;
            }
            var ok = outcome.Result is IntakeResult.Created or IntakeResult.AlreadyDone;
            var writer = ok ? output : error;
            foreach (var line in outcome.Lines) await writer.WriteLineAsync((ok ? "" : "registry: ") + ConsoleText.Escape(line)).ConfigureAwait(false);
            return ok ? ExitCode.Ok : ExitCode.ValidationFailed;
        }).ConfigureAwait(false);
    }
}
