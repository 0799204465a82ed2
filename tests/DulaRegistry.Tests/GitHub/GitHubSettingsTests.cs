using DulaRegistry.GitHub;

namespace DulaRegistry.Tests.GitHub;

/// <summary>Settings from the GitHub Actions environment.</summary>
public class GitHubSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Defaults_to_github_com_and_reads_the_repository_and_token()
    {
        var settings = GitHubSettings.FromEnvironment(null, Env(("GITHUB_REPOSITORY", "org/repo"), ("GITHUB_TOKEN", "secret-token-value")));
        settings.ShouldBe(new GitHubSettings(new Uri("https://api.github.com"), "secret-token-value", "org", "repo"));
        settings.ToString().ShouldNotContain("secret-token-value");
    }

    [Fact]
    public void The_repo_option_wins_and_an_enterprise_url_is_kept()
    {
        var settings = GitHubSettings.FromEnvironment("other/name.x", Env(("GITHUB_REPOSITORY", "org/repo"), ("GITHUB_API_URL", "https://ghe.example.org/api/v3")));
        (settings.Owner, settings.Repository, settings.ApiUrl.ToString(), settings.Token).ShouldBe(("other", "name.x", "https://ghe.example.org/api/v3", (string?)null));
    }

    [Theory]
    [InlineData(null, null, "pass --repo OWNER/NAME or set GITHUB_REPOSITORY")]
    [InlineData("no-slash", null, "'no-slash' is not a repository name")]
    [InlineData("a/b", "ftp://host/api", "GITHUB_API_URL is not an http(s) address")]
    [InlineData("a/b", "not a url", "GITHUB_API_URL is not an http(s) address")]
    public void Bad_settings_are_usage_problems(string? repo, string? url, string words)
    {
        var ex = Should.Throw<GitHubException>(() => GitHubSettings.FromEnvironment(repo, Env(("GITHUB_API_URL", url!))));
        ex.Problem.ShouldBe(GitHubProblem.Usage);
        ex.Message.ShouldContain(words);
    }
}
