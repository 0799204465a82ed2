namespace DulaRegistry.Announcements;

/// <summary>
/// Where an agreement's public copies are: its page on the site, its source file at a commit, its proof in the signed log.
/// The site is <c>--site-url</c>, or, for a repository on github.com, its GitHub Pages project site
/// (<c>https://github.com/OWNER/NAME</c> → <c>https://owner.github.io/NAME/</c>).
/// </summary>
public sealed record SiteLinks(string? Site, string? Repository)
{
    /// <param name="repositoryUrl"><c>repository_url</c> from registry.yml.</param>
    /// <param name="siteUrl">The <c>--site-url</c> option; wins over the Pages convention.</param>
    public static SiteLinks From(string? repositoryUrl, string? siteUrl)
    {
        var repository = Uri.TryCreate(repositoryUrl?.Trim(), UriKind.Absolute, out var repo) && repo.Scheme is "https" or "http"
            ? repo.AbsoluteUri.TrimEnd('/') : null;
        string? site = null;
        if (Uri.TryCreate(siteUrl?.Trim(), UriKind.Absolute, out var given) && given.Scheme is "https" or "http")
        {
            site = given.AbsoluteUri.TrimEnd('/') + "/";
        }
        else if (repo is not null && repository is not null && repo.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase)
            && repo.AbsolutePath.Trim('/').Split('/') is [var owner, var name])
        {
            var lower = owner.ToLowerInvariant();
            site = name.Equals($"{lower}.github.io", StringComparison.OrdinalIgnoreCase) ? $"https://{lower}.github.io/" : $"https://{lower}.github.io/{name}/";
        }
        return new SiteLinks(site, repository);
    }

    public string? Page(string id) => Site is null ? null : $"{Site}agreements/{Uri.EscapeDataString(id)}/";

    public string? Proof(string id) => Site is null ? null : $"{Site}log/proofs/{Uri.EscapeDataString(id)}.tlog-proof";

    /// <param name="pathInRepository">Such as <c>agreements/DULA-2026-0007.md</c>, relative to the top of the repository.</param>
    public string? Source(string sha, string pathInRepository) =>
        Repository is null ? null : $"{Repository}/blob/{sha}/{string.Join('/', pathInRepository.Split('/').Select(Uri.EscapeDataString))}";
}
