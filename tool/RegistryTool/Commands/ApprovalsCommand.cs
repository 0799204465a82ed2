using System.CommandLine;
using DulaRegistry.Approvals;
using DulaRegistry.GitHub;

namespace DulaRegistry.Cli.Commands;

/// <summary><c>registry approvals</c>: does a pull request carry every party's legal approval?</summary>
internal static class ApprovalsCommand
{
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry approvals --pr 42 --repo example-org/dula-registry", "who has approved, and whose approval is missing"),
        new("registry approvals --pr 42 --root head --reviewers-root base --set-status", "the legal-review workflow"),
    ];

    public static Command Create()
    {
        var pr = new Option<int>("--pr")
        {
            Description = "The pull request's number",
            Required = true,
            HelpName = "N",
        };
        pr.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0) result.AddError("--pr must be a pull request number (1 or more)");
        });
        var root = CommonOptions.Root();
        root.Description = "A checkout of the pull request's head: the changed agreements are read from it, as data; default: the registry that contains the current folder";
        var reviewersRoot = new Option<DirectoryInfo?>("--reviewers-root")
        {
            Description = "A checkout of the base branch: legal reviewers (and each agreement's parties before the change) are read from it, so a pull request cannot name its own reviewers; default: --root",
            HelpName = "DIR",
        };
        var repo = new Option<string?>("--repo")
        {
            Description = "The repository, OWNER/NAME (default: GITHUB_REPOSITORY)",
            HelpName = "OWNER/NAME",
        };
        var setStatus = new Option<bool>("--set-status")
        {
            Description = $"Post the commit status '{CommitStatusText.Context}' (success or failure) on the head commit, for branch protection to require",
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text, markdown (for a job summary) or json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var command = new Command("approvals", $"""
            Check that a pull request carries every party's legal approval. For each agreement file it changes whose
            status is final or later (executed, expired, terminated and superseded included), every party needs an
            approving review of the head commit by one of that agency's `legal_reviewers` (a listed user, or a member
            of a listed team), still standing (not followed by "changes requested" or a dismissal), by someone other
            than the author. GitHub's "review from Code Owners" accepts any one owner; this requires every party.

            Reads GITHUB_API_URL (default https://api.github.com), GITHUB_TOKEN and GITHUB_REPOSITORY; team members
            are read with REGISTRY_MEMBERS_TOKEN when it is set (organisation "Members: read"), else GITHUB_TOKEN.

            Exit codes: 0 every requirement holds (or nothing needs approval), 1 an approval is missing, 2 usage or
            GitHub error.
            """)
        {
            pr, root, reviewersRoot, repo, setStatus, format,
        };
        command.SetAction(async (parse, ct) => (int)await RunAsync(
            parse.GetValue(pr), parse.GetValue(root)!, parse.GetValue(reviewersRoot), parse.GetValue(repo), parse.GetValue(setStatus),
            Enum.Parse<ApprovalFormat>(parse.GetValue(format)!, ignoreCase: true), Console.Out, Console.Error, Environment.GetEnvironmentVariable, ct).ConfigureAwait(false));
        return command.WithExamples(Examples);
    }

    public static async Task<ExitCode> RunAsync(int number, DirectoryInfo root, DirectoryInfo? reviewersRoot, string? repo, bool setStatus,
        ApprovalFormat format, TextWriter output, TextWriter error, Func<string, string?> getEnv, CancellationToken ct)
    {
        foreach (var (folder, option) in new[] { (root, "--root"), (reviewersRoot, "--reviewers-root") })
        {
            if (folder is { Exists: false })
            {
                error.WriteLine($"registry: the folder '{ConsoleText.Escape(folder.FullName)}' ({option}) does not exist; pass a checkout of the registry");
                return ExitCode.Usage;
            }
        }
        try
        {
            var settings = GitHubSettings.FromEnvironment(repo, getEnv);
            var github = new OctokitGitHub(settings, getEnv(GitHubSettings.MembersTokenVariable));
            var (pr, input) = await ApprovalGathering.GatherAsync(github, number, root.FullName, reviewersRoot?.FullName, ct).ConfigureAwait(false);
            var report = ApprovalPolicy.Evaluate(input);
            ApprovalReportWriter.Write(report, number, format, output);
            if (setStatus)
            {
                var description = CommitStatusText.Describe(report);
                await github.SetCommitStatusAsync(pr.HeadSha, report.Satisfied ? CommitState.Success : CommitState.Failure,
                    CommitStatusText.Context, description, RunUrl(getEnv), ct).ConfigureAwait(false);
                error.WriteLine($"registry: set {CommitStatusText.Context} to {(report.Satisfied ? "success" : "failure")} on {pr.HeadSha}");
            }
            return report.Satisfied ? ExitCode.Ok : ExitCode.ValidationFailed;
        }
        catch (GitHubException ex)
        {
            error.WriteLine($"registry: {ConsoleText.Escape(ex.Message)}");
            return ExitCode.Usage;
        }
    }

    /// <summary>The Actions run's page, so the status links to the full report; null outside Actions.</summary>
    private static string? RunUrl(Func<string, string?> getEnv) =>
        getEnv("GITHUB_SERVER_URL") is { Length: > 0 } server && getEnv("GITHUB_REPOSITORY") is { Length: > 0 } repository
            && getEnv("GITHUB_RUN_ID") is { Length: > 0 } run && Uri.TryCreate($"{server.TrimEnd('/')}/{repository}/actions/runs/{run}", UriKind.Absolute, out var url)
            ? url.ToString()
            : null;
}
