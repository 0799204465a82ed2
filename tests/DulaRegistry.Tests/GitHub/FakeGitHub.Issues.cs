using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DulaRegistry.Tests.GitHub;

/// <summary>
/// The fake's issues (with comments and labels), branches and the Git data API (blobs, trees, commits, references), and
/// pull request listing and creation, with the in-memory state tests set up and inspect. Issues and pull requests share
/// one numbering, as on GitHub.
/// </summary>
public sealed partial class FakeGitHub
{
    public const string DefaultBranch = "main";
    public const string MainSha = "main000000000000000000000000000000000001";

    private int _nextNumber = 1;
    private bool _gitSeeded;

    public Dictionary<int, FakeIssue> Issues { get; } = [];

    /// <summary>Branch name → commit sha.</summary>
    public Dictionary<string, string> Branches { get; } = new(StringComparer.Ordinal);

    /// <summary>Commit sha → the commit: its files (path → content), parent and message.</summary>
    public Dictionary<string, FakeCommit> Commits { get; } = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _blobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _trees = new(StringComparer.Ordinal);

    /// <summary>Writes (POST, PATCH) the fake received, so a dry run can be shown to write nothing.</summary>
    public IReadOnlyList<RecordedRequest> Writes
    {
        get
        {
            lock (_gate) return [.. Requests.Where(r => r.Method is not ("GET" or "HEAD"))];
        }
    }

    public FakeIssue AddIssue(string title, string? body, string author = "requester", bool open = true, params string[] labels)
    {
        lock (_gate)
        {
            SeedGit();
            var issue = new FakeIssue(NextNumber(), title, body, author) { Open = open };
            issue.Labels.AddRange(labels);
            Issues[issue.Number] = issue;
            return issue;
        }
    }

    /// <summary>A file's content on a branch's tip; null when the branch or the file is absent.</summary>
    public string? FileOn(string branch, string path)
    {
        lock (_gate)
        {
            return Branches.TryGetValue(branch, out var sha) && Commits.TryGetValue(sha, out var commit) ? commit.Files.GetValueOrDefault(path) : null;
        }
    }

    private int NextNumber()
    {
        var taken = Issues.Keys.Concat(PullRequests.Keys).DefaultIfEmpty(0).Max();
        _nextNumber = Math.Max(_nextNumber, taken + 1);
        return _nextNumber++;
    }

    /// <summary>The default branch with one empty commit, the first time anything needs it.</summary>
    private void SeedGit()
    {
        if (_gitSeeded) return;
        _gitSeeded = true;
        _trees["tree0"] = [];
        Commits[MainSha] = new FakeCommit(MainSha, "tree0", null, "initial", []);
        Branches[DefaultBranch] = MainSha;
    }

    partial void MapIssueEndpoints(RouteGroupBuilder api)
    {
        var repo = api.MapGroup("/repos/{owner}/{repo}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!IsRepo(http.GetRouteValue("owner")?.ToString() ?? "", http.GetRouteValue("repo")?.ToString() ?? ""))
            {
                await Error(http, 404, "Not Found");
                return null;
            }
            lock (_gate) SeedGit();
            return await next(context);
        });

        repo.MapGet("", (HttpContext context) => context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["id"] = 42,
            ["name"] = Name,
            ["full_name"] = Repo,
            ["owner"] = User(Owner),
            ["private"] = false,
            ["html_url"] = HtmlUrl(""),
            ["url"] = $"{ApiUrl}/repos/{Repo}",
            ["default_branch"] = DefaultBranch,
        }));

        repo.MapGet("/issues/{number:int}", (HttpContext context, int number) =>
        {
            Dictionary<string, object?>? json;
            lock (_gate) json = Issues.TryGetValue(number, out var issue) ? IssueJson(issue) : null;
            return json is null ? Error(context, 404, "Not Found") : context.Response.WriteAsJsonAsync(json);
        });

        repo.MapGet("/issues", (HttpContext context) =>
        {
            var state = context.Request.Query["state"].ToString() is { Length: > 0 } s ? s : "open";
            var labels = context.Request.Query["labels"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            List<Dictionary<string, object?>> list;
            lock (_gate)
            {
                list = [.. Issues.Values
                    .Where(i => state == "all" || (state == "open") == i.Open)
                    .Where(i => labels.All(l => i.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
                    .OrderByDescending(i => i.Number)
                    .Select(IssueJson)];
            }
            return Page(context, list);
        });

        repo.MapPost("/issues", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            Dictionary<string, object?> json;
            lock (_gate)
            {
                var issue = new FakeIssue(NextNumber(), root.GetProperty("title").GetString()!, Text(root, "body"), "github-actions[bot]");
                if (root.TryGetProperty("labels", out var labels)) issue.Labels.AddRange(labels.EnumerateArray().Select(l => l.GetString()!));
                Issues[issue.Number] = issue;
                json = IssueJson(issue);
            }
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(json);
        });

        repo.MapMethods("/issues/{number:int}", ["PATCH"], async (HttpContext context, int number) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            Dictionary<string, object?>? json = null;
            lock (_gate)
            {
                if (Issues.TryGetValue(number, out var issue))
                {
                    if (Text(body.RootElement, "state") is { } state) issue.Open = state == "open";
                    json = IssueJson(issue);
                }
            }
            await (json is null ? Error(context, 404, "Not Found") : context.Response.WriteAsJsonAsync(json));
        });

        repo.MapGet("/issues/{number:int}/comments", (HttpContext context, int number) =>
        {
            List<Dictionary<string, object?>>? list;
            lock (_gate) list = Issues.TryGetValue(number, out var issue) ? [.. issue.Comments.Select(c => CommentJson(number, c))] : null;
            return list is null ? Error(context, 404, "Not Found") : Page(context, list);
        });

        repo.MapPost("/issues/{number:int}/comments", async (HttpContext context, int number) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            Dictionary<string, object?>? json = null;
            lock (_gate)
            {
                if (Issues.TryGetValue(number, out var issue))
                {
                    var comment = new FakeComment(10_000 + issue.Comments.Count + (number * 100), "github-actions[bot]", Text(body.RootElement, "body") ?? "");
                    issue.Comments.Add(comment);
                    json = CommentJson(number, comment);
                }
            }
            if (json is null)
            {
                await Error(context, 404, "Not Found");
                return;
            }
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(json);
        });

        // Git data API. Branch names hold slashes (dula/DULA-2027-0001), so the reference is the rest of the path.
        repo.MapGet("/git/ref/{**reference}", (HttpContext context, string reference) => GetReference(context, reference));
        repo.MapGet("/git/refs/{**reference}", (HttpContext context, string reference) => GetReference(context, reference));

        repo.MapPost("/git/blobs", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var content = Text(body.RootElement, "content") ?? "";
            if (Text(body.RootElement, "encoding") == "base64") content = Encoding.UTF8.GetString(Convert.FromBase64String(content));
            var sha = Sha("blob", content);
            lock (_gate) _blobs[sha] = content;
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["sha"] = sha, ["url"] = $"{ApiUrl}/repos/{Repo}/git/blobs/{sha}" });
        });

        repo.MapGet("/git/commits/{sha}", (HttpContext context, string sha) =>
        {
            FakeCommit? commit;
            lock (_gate) commit = Commits.GetValueOrDefault(sha);
            return commit is null ? Error(context, 404, "Not Found") : context.Response.WriteAsJsonAsync(CommitJson(commit));
        });

        repo.MapPost("/git/trees", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            string sha;
            lock (_gate)
            {
                var files = Text(root, "base_tree") is { } baseTree && _trees.TryGetValue(baseTree, out var basis) ? new Dictionary<string, string>(basis) : [];
                foreach (var item in root.GetProperty("tree").EnumerateArray())
                {
                    var path = item.GetProperty("path").GetString()!;
                    if (Text(item, "sha") is { } blob && _blobs.ContainsKey(blob)) files[path] = blob;
                    else if (Text(item, "content") is { } content) files[path] = StoreBlob(content);
                }
                sha = Sha("tree", string.Join('\n', files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}")));
                _trees[sha] = files;
            }
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["sha"] = sha, ["url"] = $"{ApiUrl}/repos/{Repo}/git/trees/{sha}", ["tree"] = Array.Empty<object>(), ["truncated"] = false });
        });

        repo.MapPost("/git/commits", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            FakeCommit? commit = null;
            lock (_gate)
            {
                var tree = Text(root, "tree")!;
                var parent = root.TryGetProperty("parents", out var parents) ? parents.EnumerateArray().Select(p => p.GetString()).FirstOrDefault() : null;
                if (_trees.TryGetValue(tree, out var files) && (parent is null || Commits.ContainsKey(parent)))
                {
                    var message = Text(root, "message") ?? "";
                    var sha = Sha("commit", $"{tree}\n{parent}\n{message}\n{Commits.Count}");
                    commit = new FakeCommit(sha, tree, parent, message, files.ToDictionary(f => f.Key, f => _blobs[f.Value], StringComparer.Ordinal));
                    Commits[sha] = commit;
                }
            }
            if (commit is null)
            {
                await Error(context, 422, "Validation Failed");
                return;
            }
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(CommitJson(commit));
        });

        repo.MapPost("/git/refs", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var name = Text(body.RootElement, "ref") ?? "";
            var sha = Text(body.RootElement, "sha") ?? "";
            string? problem = null;
            lock (_gate)
            {
                if (!name.StartsWith("refs/heads/", StringComparison.Ordinal) || !Commits.ContainsKey(sha)) problem = "Validation Failed";
                else if (Branches.ContainsKey(name["refs/heads/".Length..])) problem = "Reference already exists";
                else Branches[name["refs/heads/".Length..]] = sha;
            }
            if (problem is not null)
            {
                await Error(context, 422, problem);
                return;
            }
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(ReferenceJson(name, sha));
        });

        repo.MapGet("/pulls", (HttpContext context) =>
        {
            var head = context.Request.Query["head"].ToString();
            var state = context.Request.Query["state"].ToString() is { Length: > 0 } s ? s : "open";
            List<Dictionary<string, object?>> list;
            lock (_gate)
            {
                list = [.. PullRequests.Values
                    .Where(p => head.Length == 0 || $"{Owner}:{p.HeadRef}".Equals(head, StringComparison.OrdinalIgnoreCase))
                    .Where(p => state == "all" || (state == "open") == p.Open)
                    .OrderByDescending(p => p.Number)
                    .Select(PullRequestJson)];
            }
            return Page(context, list);
        });

        repo.MapPost("/pulls", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            var head = Text(root, "head") ?? "";
            Dictionary<string, object?>? json = null;
            lock (_gate)
            {
                if (Branches.TryGetValue(head, out var sha) && !PullRequests.Values.Any(p => p.Open && p.HeadRef == head))
                {
                    var pr = new FakePullRequest(NextNumber(), Text(root, "title") ?? "", sha, head, Text(root, "base") ?? DefaultBranch, "github-actions[bot]")
                    {
                        Body = Text(root, "body"),
                        Draft = root.TryGetProperty("draft", out var draft) && draft.ValueKind == JsonValueKind.True,
                    };
                    PullRequests[pr.Number] = pr;
                    json = PullRequestJson(pr);
                }
            }
            if (json is null)
            {
                await Error(context, 422, "Validation Failed");
                return;
            }
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(json);
        });
    }

    private Task GetReference(HttpContext context, string reference)
    {
        reference = Uri.UnescapeDataString(reference);
        string? sha;
        lock (_gate) sha = reference.StartsWith("heads/", StringComparison.Ordinal) ? Branches.GetValueOrDefault(reference["heads/".Length..]) : null;
        return sha is null ? Error(context, 404, "Not Found") : context.Response.WriteAsJsonAsync(ReferenceJson("refs/" + reference, sha));
    }

    private string StoreBlob(string content)
    {
        var sha = Sha("blob", content);
        _blobs[sha] = content;
        return sha;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Sha(string kind, string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\0{content}")))[..40]; // 40 hex digits, like a Git object id

    private Dictionary<string, object?> ReferenceJson(string name, string sha) => new()
    {
        ["ref"] = name,
        ["node_id"] = "REF_" + sha[..8],
        ["url"] = $"{ApiUrl}/repos/{Repo}/git/{name}",
        ["object"] = new Dictionary<string, object?> { ["sha"] = sha, ["type"] = "commit", ["url"] = $"{ApiUrl}/repos/{Repo}/git/commits/{sha}" },
    };

    private Dictionary<string, object?> CommitJson(FakeCommit commit) => new()
    {
        ["sha"] = commit.Sha,
        ["url"] = $"{ApiUrl}/repos/{Repo}/git/commits/{commit.Sha}",
        ["message"] = commit.Message,
        ["tree"] = new Dictionary<string, object?> { ["sha"] = commit.Tree, ["url"] = $"{ApiUrl}/repos/{Repo}/git/trees/{commit.Tree}" },
        ["parents"] = commit.Parent is null ? Array.Empty<object>() : new object[] { new Dictionary<string, object?> { ["sha"] = commit.Parent } },
        ["author"] = new Dictionary<string, object?> { ["name"] = "bot", ["email"] = "bot@example.org", ["date"] = "2026-11-02T10:00:00Z" },
        ["committer"] = new Dictionary<string, object?> { ["name"] = "bot", ["email"] = "bot@example.org", ["date"] = "2026-11-02T10:00:00Z" },
    };

    private Dictionary<string, object?> IssueJson(FakeIssue issue) => new()
    {
        ["url"] = $"{ApiUrl}/repos/{Repo}/issues/{issue.Number}",
        ["html_url"] = HtmlUrl($"issues/{issue.Number}"),
        ["id"] = 2000 + issue.Number,
        ["number"] = issue.Number,
        ["state"] = issue.Open ? "open" : "closed",
        ["title"] = issue.Title,
        ["body"] = issue.Body,
        ["user"] = User(issue.Author),
        ["labels"] = issue.Labels.Select(l => new Dictionary<string, object?> { ["name"] = l, ["color"] = "ededed" }).ToList(),
        ["comments"] = issue.Comments.Count,
        ["created_at"] = "2026-11-01T10:00:00Z",
        ["updated_at"] = "2026-11-02T10:00:00Z",
    };

    private Dictionary<string, object?> CommentJson(int number, FakeComment comment) => new()
    {
        ["id"] = comment.Id,
        ["html_url"] = HtmlUrl($"issues/{number}#issuecomment-{comment.Id.ToString(CultureInfo.InvariantCulture)}"),
        ["body"] = comment.Body,
        ["user"] = User(comment.Author),
        ["created_at"] = "2026-11-02T10:00:00Z",
        ["updated_at"] = "2026-11-02T10:00:00Z",
    };
}

/// <summary>An issue in the fake's state.</summary>
public sealed class FakeIssue(int number, string title, string? body, string author)
{
    public int Number { get; } = number;
    public string Title { get; set; } = title;
    public string? Body { get; set; } = body;
    public string Author { get; set; } = author;
    public bool Open { get; set; } = true;
    public List<string> Labels { get; } = [];
    public List<FakeComment> Comments { get; } = [];
}

public sealed record FakeComment(long Id, string Author, string Body);

/// <summary>A commit of the fake's Git data: its whole tree as path → content.</summary>
public sealed record FakeCommit(string Sha, string Tree, string? Parent, string Message, Dictionary<string, string> Files);
