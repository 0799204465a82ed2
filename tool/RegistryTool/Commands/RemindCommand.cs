using System.CommandLine;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Reminders;

namespace DulaRegistry.Cli.Commands;

internal static class RemindCommand
{
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry remind --dry-run", "what would be opened or closed, without writing"),
        new("registry remind --today 2027-01-04", "as of a given date"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var today = CommonOptions.Today();
        var repo = GitHubRun.Repo();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be opened and closed; write nothing to GitHub" };
        var command = new Command("remind", """
            Open one issue (label `renewal`) per executed agreement that has entered its renewal window
            (renewal_window_days in registry.yml), per legacy agreement due to migrate, and per executed agreement past
            its expiry, mentioning the parties' Data Sharing Coordinators with the exact `registry renew ID` or
            `registry migrate ID` command. Each issue carries a hidden marker, so none is opened twice; issues whose
            agreement has been renewed, migrated, ended or expired are closed with a comment.
            """)
        {
            root, repo, today, dryRun,
        };
        command.SetAction(async (parse, ct) => (int)await RunAsync(parse.GetValue(root)!, parse.GetValue(repo), CommonOptions.ResolveToday(parse.GetValue(today)),
            parse.GetValue(dryRun), null, Console.Out, Console.Error, ct).ConfigureAwait(false));
        return command.WithExamples(Examples);
    }

    public static async Task<ExitCode> RunAsync(DirectoryInfo root, string? repo, DateOnly today, bool dryRun, Func<string, string?>? getEnv,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        // Problems in the files are `registry validate`'s to report; agreements that load are reminded about.
        var registry = RegistryLoader.Load(root.FullName, new DiagnosticBag());
        return await GitHubRun.RunAsync(repo, getEnv, error, async github =>
        {
            var lines = await new ReminderService(github).RunAsync(registry, today, dryRun, ct).ConfigureAwait(false);
            foreach (var line in lines) await output.WriteLineAsync(ConsoleText.Escape(line)).ConfigureAwait(false);
            return ExitCode.Ok;
        }).ConfigureAwait(false);
    }
}
