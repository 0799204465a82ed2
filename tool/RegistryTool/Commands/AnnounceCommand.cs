using System.CommandLine;
using DulaRegistry.Announcements;
using DulaRegistry.Diagnostics;
using DulaRegistry.Git;
using DulaRegistry.Loading;

namespace DulaRegistry.Cli.Commands;

internal static class AnnounceCommand
{
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry announce --since \"$BEFORE_SHA\"", "after a push to main, in a clone with its whole history"),
        new("registry announce --since v1.0 --site-url https://example.org/registry/", "with the site address given"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var repo = GitHubRun.Repo();
        var since = new Option<string>("--since") { Description = "The commit before the new ones, such as the push's `before` commit", HelpName = "REF", Required = true };
        var siteUrl = new Option<string?>("--site-url") { Description = "The published site's address (default: the GitHub Pages address of repository_url)", HelpName = "URL" };
        var command = new Command("announce", """
            Open one issue (label `executed`) per agreement that became executed in the first-parent commits after REF
            up to HEAD, mentioning the parties' Data Sharing Coordinators, naming the DULA managers, signatories and
            drafters, and linking the agreement's page, its file at that commit and its proof in the signed registry.
            An agreement already announced (an issue with its marker, open or closed) is not announced again.
            """)
        {
            since, root, repo, siteUrl,
        };
        command.SetAction(async (parse, ct) => (int)await RunAsync(parse.GetValue(root)!, parse.GetValue(since)!, parse.GetValue(repo), parse.GetValue(siteUrl),
            null, Console.Out, Console.Error, ct).ConfigureAwait(false));
        return command.WithExamples(Examples);
    }

    public static async Task<ExitCode> RunAsync(DirectoryInfo root, string since, string? repo, string? siteUrl, Func<string, string?>? getEnv,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        var registry = RegistryLoader.Load(root.FullName, new DiagnosticBag());
        IReadOnlyList<ExecutedAgreement> executed;
        try
        {
            executed = ExecutionFinder.Since(root.FullName, since, registry.Settings.EffectiveMaxFileBytes);
        }
        catch (GitException ex)
        {
            await error.WriteLineAsync($"registry: {ConsoleText.Escape(ex.Explanation)}").ConfigureAwait(false);
            return ExitCode.Usage;
        }
        var links = SiteLinks.From(registry.Settings.RepositoryUrl, siteUrl);
        return await GitHubRun.RunAsync(repo, getEnv, error, async github =>
        {
            var lines = await new AnnouncementService(github).RunAsync(registry, executed, links, ct).ConfigureAwait(false);
            foreach (var line in lines) await output.WriteLineAsync(ConsoleText.Escape(line)).ConfigureAwait(false);
            return ExitCode.Ok;
        }).ConfigureAwait(false);
    }
}
