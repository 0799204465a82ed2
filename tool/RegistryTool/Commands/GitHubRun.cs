using System.CommandLine;
using DulaRegistry.GitHub;

namespace DulaRegistry.Cli.Commands;

/// <summary>What <c>intake</c>, <c>remind</c> and <c>announce</c> share: the <c>--repo</c> option, the adapter from the Actions environment, and GitHub's failures as plain messages with exit 2.</summary>
internal static class GitHubRun
{
    public static Option<string?> Repo() => new("--repo")
    {
        Description = "The GitHub repository, OWNER/NAME (default: GITHUB_REPOSITORY). The API is GITHUB_API_URL (default https://api.github.com), the token GITHUB_TOKEN",
        HelpName = "OWNER/NAME",
    };

    /// <param name="getEnv">Reads the environment (tests pass their own).</param>
    public static async Task<ExitCode> RunAsync(string? repo, Func<string, string?>? getEnv, TextWriter error, Func<IGitHub, Task<ExitCode>> action)
    {
        try
        {
            var settings = GitHubSettings.FromEnvironment(repo, getEnv);
            return await action(new OctokitGitHub(settings)).ConfigureAwait(false);
        }
        catch (GitHubException ex)
        {
            await error.WriteLineAsync($"registry: {ConsoleText.Escape(ex.Message)}").ConfigureAwait(false);
            return ExitCode.Usage;
        }
    }
}
