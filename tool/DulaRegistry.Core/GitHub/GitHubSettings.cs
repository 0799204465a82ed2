using System.Text.RegularExpressions;

namespace DulaRegistry.GitHub;

/// <summary>Where the GitHub API is, the token to use and the repository to act on.</summary>
/// <param name="ApiUrl">The REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.</param>
/// <param name="Token">GITHUB_TOKEN; null makes anonymous calls (enough to read a public repository).</param>
public sealed partial record GitHubSettings(Uri ApiUrl, string? Token, string Owner, string Repository)
{
    public const string ApiUrlVariable = "GITHUB_API_URL";
    public const string TokenVariable = "GITHUB_TOKEN";
    public const string RepositoryVariable = "GITHUB_REPOSITORY";
    public const string MembersTokenVariable = "REGISTRY_MEMBERS_TOKEN";
    public static readonly Uri DefaultApiUrl = new("https://api.github.com");

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/(?<name>[A-Za-z0-9._-]{1,100})\z", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    /// <summary>
    /// Reads the GitHub Actions conventions: GITHUB_API_URL, GITHUB_TOKEN and GITHUB_REPOSITORY (<paramref name="repoOption"/>,
    /// from --repo, wins over the variable).
    /// </summary>
    /// <exception cref="GitHubException">A value is missing or invalid (<see cref="GitHubProblem.Usage"/>).</exception>
    public static GitHubSettings FromEnvironment(string? repoOption, Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var url = NonEmpty(getEnv(ApiUrlVariable));
        Uri apiUrl;
        if (url is null)
        {
            apiUrl = DefaultApiUrl;
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out apiUrl!) || (apiUrl.Scheme != Uri.UriSchemeHttps && apiUrl.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(apiUrl.UserInfo))
        {
            throw new GitHubException(GitHubProblem.Usage,
                $"{ApiUrlVariable} is not an http(s) address without a user name (it is '{Shorten(url)}'); unset it for github.com, or set it to https://HOST/api/v3 for GitHub Enterprise Server");
        }

        var repo = NonEmpty(repoOption) ?? NonEmpty(getEnv(RepositoryVariable));
        if (repo is null)
        {
            throw new GitHubException(GitHubProblem.Usage,
                $"which repository? pass --repo OWNER/NAME or set {RepositoryVariable} (GitHub Actions sets it)");
        }
        var match = RepositoryPattern().Match(repo);
        if (!match.Success)
        {
            throw new GitHubException(GitHubProblem.Usage,
                $"'{Shorten(repo)}' is not a repository name; write OWNER/NAME, for example mass-gov/dula-registry");
        }
        return new GitHubSettings(apiUrl, NonEmpty(getEnv(TokenVariable)), match.Groups["owner"].Value, match.Groups["name"].Value);
    }

    /// <summary>The repository and API address; never the token.</summary>
    public override string ToString() => $"{Owner}/{Repository} at {ApiUrl} ({(Token is null ? "no token" : "with a token")})";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
