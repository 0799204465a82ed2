using System.Globalization;
using System.Text;
using DulaRegistry.Git;
using DulaRegistry.GitHub;
using DulaRegistry.Loading;
using DulaRegistry.Notices;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Intake;

/// <summary>
/// Turns a <c>viable</c> request issue into a draft agreement: the same scaffolding as <c>registry new</c> makes the file
/// and allocates its id, the file is committed on a new branch <c>dula/&lt;id&gt;</c> through the API, a draft pull request
/// links the issue, and a comment on the issue links the pull request. The comment's hidden marker is the record that the
/// issue was handled, so a second run makes nothing new.
/// </summary>
public sealed class IntakeService(IGitHub github)
{
    public const string ViableLabel = "viable";
    public const string BranchPrefix = "dula/";
    public const string MarkerKind = "intake";
    public const string ProblemMarkerKind = "intake-problem";

    /// <summary>How many ids in a row may already be taken by branches on GitHub (not fetched here) before giving up.</summary>
    public const int MaxBranchAttempts = 50;

    /// <exception cref="GitHubException">GitHub cannot be reached or refuses a call.</exception>
    /// <exception cref="ScaffoldException">the template or the local repository cannot be read.</exception>
    public async Task<IntakeOutcome> RunAsync(LoadedRegistry registry, int issueNumber, DateOnly today, CancellationToken ct)
    {
        var number = issueNumber.ToString(CultureInfo.InvariantCulture);
        var issue = await github.GetIssueAsync(issueNumber, ct);
        if (!issue.Open)
        {
            return new(IntakeResult.NotViable, [$"issue #{number} is closed; only an open request becomes a draft (reopen it first if it should)"]);
        }
        if (!issue.Labels.Contains(ViableLabel, StringComparer.OrdinalIgnoreCase))
        {
            return new(IntakeResult.NotViable, [$"issue #{number} is not labelled `{ViableLabel}`; a Data Sharing Coordinator adds that label once the request is judged viable, and then the draft is made"]);
        }

        var comments = await github.GetCommentsAsync(issueNumber, ct);
        foreach (var done in comments.Where(c => Marker.Has(c.Body, MarkerKind, number)))
        {
            // Anyone may comment on an issue, so a marker counts only when the draft pull request it names exists: only
            // someone who can push a `dula/` branch can make one.
            if (DraftBranch(done.Body) is { } madeOn && await github.FindPullRequestByHeadAsync(madeOn, ct) is not null)
            {
                return new(IntakeResult.AlreadyDone, [$"issue #{number} already has its draft (see {done.Url}); nothing new was made"]);
            }
        }

        var form = RequestForm.Parse(issue.Body);
        var problem = Problem(registry, form, out var owners, out var recipients);
        DraftContent? content = null;
        if (problem is null)
        {
            try
            {
                content = DraftPlans.New(registry, form.Title!, owners, recipients, RequestForm.OneLine(form.Purpose!), today);
            }
            catch (ScaffoldException ex)
            {
                problem = $"The request cannot become a draft agreement: {MarkdownText.Escape(ex.Message)}.";
            }
        }
        if (problem is not null)
        {
            var body = $"{Marker.Format(ProblemMarkerKind, number)}\n{problem}\n\nWhen the request is corrected, run `registry intake --issue {number}` again (or remove and re-add the `{ViableLabel}` label).";
            // The same problem is not repeated on every run.
            if (!comments.Any(c => c.Body == body)) await github.CommentAsync(issueNumber, body, ct);
            return new(IntakeResult.RequestProblem, [$"issue #{number} cannot become a draft; the issue has a comment saying why:", .. problem.Split('\n').Where(l => !l.StartsWith('|'))]);
        }

        var draft = await Allocate(registry, content!, ct);
        if (draft.Errors.Count > 0)
        {
            return new(IntakeResult.DraftInvalid, [.. draft.Errors.Select(d => d.ToString()),
                "nothing was made: the new agreement would not validate (the errors above are in the text made from templates/); fix the template or the agency files first"]);
        }

        var branch = BranchPrefix + draft.Id;
        var baseBranch = await github.DefaultBranchAsync(ct);
        var baseSha = await github.GetBranchShaAsync(baseBranch, ct)
            ?? throw new GitHubException(GitHubProblem.NotFound, $"the default branch `{baseBranch}` has no commit to start the draft from");
        await github.CreateBranchWithFileAsync(branch, baseSha, PathInRepository(registry, draft.RelativePath), draft.Text,
            $"{draft.Id}: {RequestForm.OneLine(content!.Title)}\n\nDraft made by `registry intake` from the request in #{number}.", ct);
        var pullRequest = await github.CreateDraftPullRequestAsync($"{draft.Id}: {RequestForm.OneLine(content.Title)}", branch, baseBranch,
            PullRequestBody(number, issue, form, draft, owners, recipients, registry), ct);
        await github.CommentAsync(issueNumber,
            $"{Marker.Format(MarkerKind, number)}\nThe draft agreement **{draft.Id}** is open for drafting in {pullRequest.Url} (branch `{branch}`, file `{draft.RelativePath}`).", ct);
        return new(IntakeResult.Created, [$"{draft.RelativePath} on branch {branch}", $"draft pull request: {pullRequest.Url}"], pullRequest.Url);
    }

    /// <summary>
    /// The next id, as <c>registry new</c> allocates it (work tree and every branch this clone knows), moved on past any
    /// <c>dula/&lt;id&gt;</c> branch GitHub already has that this clone has not fetched.
    /// </summary>
    private async Task<ScaffoldDraft> Allocate(LoadedRegistry registry, DraftContent content, CancellationToken ct)
    {
        var taken = new List<string>();
        for (var attempt = 0; attempt < MaxBranchAttempts; attempt++)
        {
            var draft = Scaffolder.Render(registry, content, taken);
            if (draft.Errors.Count > 0 || await github.GetBranchShaAsync(BranchPrefix + draft.Id, ct) is null) return draft;
            taken.Add(draft.Id);
        }
        throw new ScaffoldException($"{MaxBranchAttempts} agreement ids in a row already have a `{BranchPrefix}` branch on GitHub; fetch the repository's branches and run the command again");
    }

    /// <summary>What keeps the answers from making a draft, as Markdown for the issue; null when they can.</summary>
    private static string? Problem(LoadedRegistry registry, RequestForm form, out IReadOnlyList<string> owners, out IReadOnlyList<string> recipients)
    {
        owners = recipients = [];
        if (form.MissingRequired() is { Count: > 0 } missing)
        {
            return $"The request cannot become a draft agreement: the form's answer to {string.Join(", ", missing.Select(m => $"**{m}**"))} is missing. Edit the issue and fill it in.";
        }
        var choices = new AgencyChoices(registry);
        var unknown = new List<string>();
        owners = Resolve(choices, form.Owners, RequestForm.Labels["owners"], unknown);
        recipients = Resolve(choices, form.Recipients, RequestForm.Labels["recipients"], unknown);
        if (unknown.Count == 0) return null;

        var text = new StringBuilder("The request cannot become a draft agreement yet: ")
            .Append(unknown.Count == 1 ? "an answer names an agency the registry does not know." : "some answers name agencies the registry does not know.")
            .Append("\n\n");
        foreach (var line in unknown) text.Append("- ").Append(line).Append('\n');
        text.Append("\nEdit the issue so that each agency answer lists agency ids (or acronyms) from this table, separated by commas:\n\n| id | acronym | agency |\n|---|---|---|\n");
        foreach (var agency in choices.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{agency.Id}` | {MarkdownText.Escape(agency.Acronym)} | {MarkdownText.Escape(agency.Name)} |\n");
        }
        return text.ToString().TrimEnd();
    }

    private static List<string> Resolve(AgencyChoices choices, string? answer, string label, List<string> unknown)
    {
        var ids = new List<string>();
        foreach (var name in RequestForm.AgencyNames(answer))
        {
            var id = TryResolve(choices, name)
                ?? choices.All.FirstOrDefault(a => string.Equals(a.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase))?.Id; // the full name works too
            if (id is null) unknown.Add($"**{label}**: `{MarkdownText.Escape(name).Replace("`", "'", StringComparison.Ordinal)}` is not a known agency{MarkdownText.Escape(choices.Suggestion(name).Replace("`", "", StringComparison.Ordinal))}");
            else if (!ids.Contains(id, StringComparer.Ordinal)) ids.Add(id);
        }
        return ids;
    }

    private static string? TryResolve(AgencyChoices choices, string name)
    {
        try
        {
            return choices.Resolve("agency", name) is [var id] ? id : null;
        }
        catch (ScaffoldException)
        {
            return null;
        }
    }

    private static string PullRequestBody(string number, IssueInfo issue, RequestForm form, ScaffoldDraft draft,
        IReadOnlyList<string> owners, IReadOnlyList<string> recipients, LoadedRegistry registry)
    {
        string Names(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"`{id}` ({MarkdownText.Escape(registry.AgencyById[id].Model.Name)})"));
        var mentions = Mentions.Coordinators(registry, owners.Concat(recipients));
        var body = new StringBuilder()
            .Append(Marker.Format(MarkerKind, number)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"Requested in #{number}")
            .Append(Mentions.Handle(issue.Author) is { } author ? $" by {author}" : "").Append(".\n\n")
            .Append(CultureInfo.InvariantCulture, $"`{draft.RelativePath}` was made by `registry intake` exactly as `registry new` makes a draft (status `drafting`).\n\n")
            .Append("- Data owners: ").Append(Names(owners)).Append('\n')
            .Append("- Data recipients: ").Append(Names(recipients)).Append('\n');
        if (form.Contact is { } contact) body.Append("- Requesting contact: ").Append(MarkdownText.Escape(RequestForm.OneLine(contact))).Append('\n');
        if (mentions.Count > 0) body.Append("- Data Sharing Coordinators: ").Append(string.Join(' ', mentions)).Append('\n');
        body.Append("\n### For the drafters\n\n")
            .Append("- [ ] **Purpose**: check `purpose:` and the Purpose section against the request:\n").Append(MarkdownText.Quote(form.Purpose!, "  ")).Append('\n')
            .Append("- [ ] **Data**: one entry under `data:` per data set (elements, classification, frequency, transfer), minimum necessary:\n").Append(MarkdownText.Quote(form.Data!, "  ")).Append('\n')
            .Append("- [ ] **Legal authority**: cite it under `legal_authority:`")
            .Append(form.LegalAuthority is { } authority ? ":\n" + MarkdownText.Quote(authority, "  ") : " (the request names none; ask the data owner's counsel)").Append('\n')
            .Append("- [ ] Add yourselves under `drafters:` and fill in every section of the body\n")
            .Append("- [ ] `registry validate` passes; then move the status on to `in-review`\n");
        return body.ToString();
    }

    private static string PathInRepository(LoadedRegistry registry, string relative)
    {
        try
        {
            using var repository = RegistryRepository.TryOpen(registry.Root);
            return repository is null || repository.RootInRepository.Length == 0 ? relative : $"{repository.RootInRepository}/{relative}";
        }
        catch (GitException)
        {
            return relative; // UsedIds already read this repository; a failure now leaves the registry at the top
        }
    }

    /// <summary>The <c>dula/…</c> branch a marker comment of ours names ("(branch `dula/DULA-2026-0001`, …").</summary>
    private static string? DraftBranch(string body)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, @"\(branch `(dula/[A-Za-z0-9-]+)`");
        return match.Success ? match.Groups[1].Value : null;
    }
}
