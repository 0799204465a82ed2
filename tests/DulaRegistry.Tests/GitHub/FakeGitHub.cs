using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace DulaRegistry.Tests.GitHub;

/// <summary>
/// A fake GitHub REST API served by Kestrel on 127.0.0.1 (a free port) under <c>/api/v3</c>, as GitHub Enterprise
/// Server serves it, with JSON shaped like GitHub's responses. Tests set up its in-memory state (pull requests, files,
/// reviews, teams), run the real adapter against it, and inspect what was posted (statuses) and every request made.
/// Lists are paginated as GitHub paginates them (per_page, page, a Link header), so the adapter must follow pages.
/// Issue, branch and pull-request-creation endpoints live in FakeGitHub.Issues.cs (<see cref="MapIssueEndpoints"/>).
/// </summary>
public sealed partial class FakeGitHub : IAsyncDisposable
{
    public const string Owner = "example-org";
    public const string Name = "dula-registry";
    public const string Repo = Owner + "/" + Name;

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<Failure> _failures = [];

    private FakeGitHub(WebApplication app) => _app = app;

    /// <summary>The API root, as GITHUB_API_URL holds it: http://127.0.0.1:PORT/api/v3.</summary>
    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>When set, every request must carry this token (401 otherwise), except team member reads when
    /// <see cref="MembersToken"/> is set.</summary>
    public string? Token { get; set; }

    /// <summary>When set, team member reads must carry this token (401 otherwise) and other requests may not use it.</summary>
    public string? MembersToken { get; set; }

    public Dictionary<int, FakePullRequest> PullRequests { get; } = [];
    public Dictionary<string, List<string>> Teams { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<PostedStatus> Statuses { get; } = [];
    public List<RecordedRequest> Requests { get; } = [];

    public static async Task<FakeGitHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeGitHub(app);
        app.Use(fake.Guard);
        var api = app.MapGroup("/api/v3");
        fake.MapPullRequestEndpoints(api);
        fake.MapTeamEndpoints(api);
        fake.MapStatusEndpoints(api);
        fake.MapIssueEndpoints(api);
        app.MapFallback((HttpContext context) => Error(context, 404, "Not Found"));
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        fake.ApiUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/api/v3");
        return fake;
    }

    /// <summary>The issue, branch and pull-request-creation endpoints (FakeGitHub.Issues.cs).</summary>
    partial void MapIssueEndpoints(RouteGroupBuilder api);

    public FakePullRequest AddPullRequest(int number, string author, string headSha = "head0000000000000000000000000000000000aa", string title = "A change")
    {
        var pr = new FakePullRequest(number, title, headSha, $"change-{number}", "main", author);
        lock (_gate) PullRequests[number] = pr;
        return pr;
    }

    public void AddTeam(string org, string slug, params string[] members)
    {
        lock (_gate) Teams[$"{org}/{slug}"] = [.. members];
    }

    /// <summary>Makes every request whose path (after /api/v3) starts with <paramref name="pathPrefix"/> fail as GitHub would.</summary>
    public void Fail(string pathPrefix, FailureKind kind)
    {
        lock (_gate) _failures.Add(new Failure(pathPrefix, kind));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Guard(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        var relative = path.StartsWith("/api/v3", StringComparison.Ordinal) ? path["/api/v3".Length..] : path;
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.Split(' ', 2) is [var scheme, var value] && (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase)) ? value : null;
        Failure? failure;
        lock (_gate)
        {
            Requests.Add(new RecordedRequest(context.Request.Method, relative, token));
            failure = _failures.FirstOrDefault(f => relative.StartsWith(f.PathPrefix, StringComparison.Ordinal));
        }
        if (failure is not null)
        {
            await Fail(context, failure.Kind);
            return;
        }
        var membersRead = relative.StartsWith("/orgs/", StringComparison.Ordinal) || relative.StartsWith("/teams/", StringComparison.Ordinal);
        var expected = membersRead && MembersToken is not null ? MembersToken : Token;
        if (expected is not null && token != expected)
        {
            await Error(context, 401, "Bad credentials");
            return;
        }
        await next(context);
    }

    private static Task Fail(HttpContext context, FailureKind kind)
    {
        switch (kind)
        {
            case FailureKind.Unauthorized:
                return Error(context, 401, "Bad credentials");
            case FailureKind.Forbidden:
                return Error(context, 403, "Resource not accessible by integration");
            case FailureKind.NotFound:
                return Error(context, 404, "Not Found");
            case FailureKind.RateLimited:
                context.Response.Headers["X-RateLimit-Limit"] = "5000";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddMinutes(17).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Error(context, 403, "API rate limit exceeded for installation ID 1.");
            default:
                return Error(context, 500, "Server Error");
        }
    }

    internal static Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest",
        });
    }

    /// <summary>The request's JSON body, whatever its Content-Type (Octokit labels JSON as form data).</summary>
    internal static async Task<T?> ReadBody<T>(HttpContext context) =>
        await System.Text.Json.JsonSerializer.DeserializeAsync<T>(context.Request.Body);

    /// <summary>One page of <paramref name="items"/>, with GitHub's Link header when there are more.</summary>
    internal static Task Page<T>(HttpContext context, IReadOnlyList<T> items)
    {
        var perPage = int.TryParse(context.Request.Query["per_page"], CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 100) : 30;
        var page = int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var n) ? Math.Max(n, 1) : 1;
        var slice = items.Skip((page - 1) * perPage).Take(perPage).ToList();
        if (page * perPage < items.Count)
        {
            var request = context.Request;
            var query = string.Join('&', request.Query.Where(q => q.Key is not ("page" or "per_page")).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"per_page={perPage}").Append($"page={page + 1}"));
            context.Response.Headers["Link"] = $"<{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{query}>; rel=\"next\"";
        }
        return context.Response.WriteAsJsonAsync(slice);
    }

    internal static bool IsRepo(string owner, string repo) =>
        owner.Equals(Owner, StringComparison.OrdinalIgnoreCase) && repo.Equals(Name, StringComparison.OrdinalIgnoreCase);

    internal static Dictionary<string, object?> User(string login) => new()
    {
        ["login"] = login,
        ["id"] = (long)(uint)StringComparer.Ordinal.GetHashCode(login),
        ["type"] = "User",
        ["site_admin"] = false,
    };

    private string HtmlUrl(string rest) => $"{ApiUrl.GetLeftPart(UriPartial.Authority)}/{Repo}/{rest}";

    internal Dictionary<string, object?> PullRequestJson(FakePullRequest pr) => new()
    {
        ["url"] = $"{ApiUrl}/repos/{Repo}/pulls/{pr.Number}",
        ["html_url"] = HtmlUrl($"pull/{pr.Number}"),
        ["id"] = 1000 + pr.Number,
        ["number"] = pr.Number,
        ["state"] = pr.Open ? "open" : "closed",
        ["title"] = pr.Title,
        ["body"] = pr.Body,
        ["draft"] = pr.Draft,
        ["user"] = User(pr.Author),
        ["created_at"] = "2026-11-01T10:00:00Z",
        ["updated_at"] = "2026-11-02T10:00:00Z",
        ["head"] = new Dictionary<string, object?> { ["label"] = $"{Owner}:{pr.HeadRef}", ["ref"] = pr.HeadRef, ["sha"] = pr.HeadSha, ["user"] = User(Owner) },
        ["base"] = new Dictionary<string, object?> { ["label"] = $"{Owner}:{pr.BaseRef}", ["ref"] = pr.BaseRef, ["sha"] = "base000000000000000000000000000000000000", ["user"] = User(Owner) },
    };

    private void MapPullRequestEndpoints(RouteGroupBuilder api)
    {
        api.MapGet("/repos/{owner}/{repo}/pulls/{number:int}", (HttpContext context, string owner, string repo, int number) =>
            WithPullRequest(context, owner, repo, number, pr => context.Response.WriteAsJsonAsync(PullRequestJson(pr))));

        api.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/files", (HttpContext context, string owner, string repo, int number) =>
            WithPullRequest(context, owner, repo, number, pr => Page(context, pr.Files.Select((f, i) => new Dictionary<string, object?>
            {
                ["sha"] = $"{i:x40}",
                ["filename"] = f.Path,
                ["status"] = f.Status,
                ["additions"] = 1,
                ["deletions"] = 0,
                ["changes"] = 1,
                ["previous_filename"] = f.PreviousPath,
            }).ToList())));

        api.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/reviews", (HttpContext context, string owner, string repo, int number) =>
            WithPullRequest(context, owner, repo, number, pr => Page(context, pr.Reviews.Select(r => new Dictionary<string, object?>
            {
                ["id"] = r.Id,
                ["user"] = r.User is null ? null : User(r.User),
                ["body"] = "",
                ["state"] = r.State,
                ["commit_id"] = r.CommitSha,
                ["submitted_at"] = r.SubmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["html_url"] = HtmlUrl($"pull/{pr.Number}#pullrequestreview-{r.Id}"),
                ["pull_request_url"] = $"{ApiUrl}/repos/{Repo}/pulls/{pr.Number}",
                ["author_association"] = "MEMBER",
            }).ToList())));
    }

    private Task WithPullRequest(HttpContext context, string owner, string repo, int number, Func<FakePullRequest, Task> respond)
    {
        FakePullRequest? pr;
        lock (_gate) pr = IsRepo(owner, repo) ? PullRequests.GetValueOrDefault(number) : null;
        return pr is null ? Error(context, 404, "Not Found") : respond(pr);
    }

    private void MapTeamEndpoints(RouteGroupBuilder api)
    {
        api.MapGet("/orgs/{org}/teams/{slug}", (HttpContext context, string org, string slug) =>
        {
            int id;
            lock (_gate) id = Teams.Keys.ToList().FindIndex(k => k.Equals($"{org}/{slug}", StringComparison.OrdinalIgnoreCase));
            return id < 0 ? Error(context, 404, "Not Found") : context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
            {
                ["id"] = 500 + id,
                ["slug"] = slug,
                ["name"] = slug,
                ["organization"] = new Dictionary<string, object?> { ["login"] = org },
            });
        });
        api.MapGet("/orgs/{org}/teams/{slug}/members", (HttpContext context, string org, string slug) =>
        {
            List<string>? members;
            lock (_gate) members = Teams.GetValueOrDefault($"{org}/{slug}")?.ToList();
            return members is null ? Error(context, 404, "Not Found") : Page(context, members.Select(User).ToList());
        });
        api.MapGet("/teams/{id:int}/members", (HttpContext context, int id) =>
        {
            List<string>? members;
            lock (_gate) members = id - 500 is var index && index >= 0 && index < Teams.Count ? Teams.Values.ElementAt(index).ToList() : null;
            return members is null ? Error(context, 404, "Not Found") : Page(context, members.Select(User).ToList());
        });
    }

    private void MapStatusEndpoints(RouteGroupBuilder api)
    {
        api.MapPost("/repos/{owner}/{repo}/statuses/{sha}", async (HttpContext context, string owner, string repo, string sha) =>
        {
            if (!IsRepo(owner, repo))
            {
                await Error(context, 404, "Not Found");
                return;
            }
            var body = await ReadBody<Dictionary<string, string?>>(context);
            var posted = new PostedStatus(sha, body?.GetValueOrDefault("state") ?? "", body?.GetValueOrDefault("context") ?? "default",
                body?.GetValueOrDefault("description"), body?.GetValueOrDefault("target_url"));
            if (posted.State is not ("success" or "failure" or "error" or "pending") || posted.Description is { Length: > 140 })
            {
                await Error(context, 422, "Validation Failed");
                return;
            }
            int id;
            lock (_gate)
            {
                Statuses.Add(posted);
                id = Statuses.Count;
            }
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["url"] = $"{ApiUrl}/repos/{Repo}/statuses/{sha}",
                ["state"] = posted.State,
                ["context"] = posted.Context,
                ["description"] = posted.Description,
                ["target_url"] = posted.TargetUrl,
                ["created_at"] = "2026-11-02T10:00:00Z",
                ["updated_at"] = "2026-11-02T10:00:00Z",
                ["creator"] = User("github-actions[bot]"),
            });
        });
    }

    private sealed record Failure(string PathPrefix, FailureKind Kind);
}

/// <summary>How a request the test chose fails.</summary>
public enum FailureKind
{
    Unauthorized,
    Forbidden,
    NotFound,
    RateLimited,
    ServerError,
}

/// <summary>A pull request in the fake's state.</summary>
public sealed class FakePullRequest(int number, string title, string headSha, string headRef, string baseRef, string author)
{
    private long _nextReview = 1;
    private DateTimeOffset _clock = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public int Number { get; } = number;
    public string Title { get; set; } = title;
    public string? Body { get; set; }
    public string HeadSha { get; set; } = headSha;
    public string HeadRef { get; set; } = headRef;
    public string BaseRef { get; set; } = baseRef;
    public string Author { get; set; } = author;
    public bool Draft { get; set; }
    public bool Open { get; set; } = true;
    public List<FakeFile> Files { get; } = [];
    public List<FakeReview> Reviews { get; } = [];

    public FakePullRequest WithFile(string path, string status = "modified", string? previousPath = null)
    {
        Files.Add(new FakeFile(path, status, previousPath));
        return this;
    }

    /// <summary>Adds a submitted review, a minute after the previous one, on <paramref name="commit"/> (default: the head).</summary>
    public FakePullRequest Review(string? user, string state, string? commit = null)
    {
        _clock = _clock.AddMinutes(1);
        Reviews.Add(new FakeReview(_nextReview++, user, state, commit ?? HeadSha, _clock));
        return this;
    }

    /// <summary>Dismisses the reviewer's latest approval, as GitHub does: its state becomes DISMISSED.</summary>
    public FakePullRequest Dismiss(string user)
    {
        var index = Reviews.FindLastIndex(r => r.User == user && r.State == "APPROVED");
        if (index >= 0) Reviews[index] = Reviews[index] with { State = "DISMISSED" };
        return this;
    }
}

public sealed record FakeFile(string Path, string Status, string? PreviousPath);

public sealed record FakeReview(long Id, string? User, string State, string? CommitSha, DateTimeOffset SubmittedAt);

public sealed record PostedStatus(string Sha, string State, string Context, string? Description, string? TargetUrl);

/// <summary>A request the fake received; <paramref name="Token"/> is what its Authorization header carried.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Token);
