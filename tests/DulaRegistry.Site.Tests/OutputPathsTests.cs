using System.Text.RegularExpressions;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary><see cref="SiteUrls"/> is the only source of the site's output paths: no other file of the site spells one out.</summary>
public sealed partial class OutputPathsTests
{
    [GeneratedRegex(@"""(agreements|agencies|graph|search|assets|schema|log|verify)/|index\.html""")]
    private static partial Regex OutputPath();

    /// <summary>The one literal allowed elsewhere: how the site project names its embedded assets, not where they go.</summary>
    private const string AssetResourcePrefix = @"public const string Prefix = ""assets/"";";

    [Fact]
    public void No_file_of_the_site_but_SiteUrls_spells_out_an_output_path()
    {
        var site = Path.Combine(RepoPaths.Root, "site");
        var sources = Directory.EnumerateFiles(site, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        sources.ShouldContain(f => f.EndsWith("SiteUrls.cs", StringComparison.Ordinal));
        var found = sources.Where(f => !f.EndsWith("SiteUrls.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(site, f), Line: i + 1, Text: line.Trim())))
            .Where(l => OutputPath().IsMatch(l.Text) && l.Text != AssetResourcePrefix)
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        found.ShouldBeEmpty();
    }

    [Fact]
    public void The_scan_sees_a_path_spelled_out()
    {
        OutputPath().IsMatch("var path = \"agreements/\" + id + \"/index.html\";").ShouldBeTrue();
        OutputPath().IsMatch("Path.Combine(staging, \"search/index.json\")").ShouldBeTrue();
        OutputPath().IsMatch("site.Urls.OfPage(SiteUrls.AgreementPath(id))").ShouldBeFalse();
    }

    [Theory]
    [InlineData("/", "index.html", "/")]
    [InlineData("/registry/", "agreements/DULA-2024-0001/index.html", "/registry/agreements/DULA-2024-0001/")]
    [InlineData("https://example.org/r/", "404.html", "https://example.org/r/404.html")]
    public void A_page_path_becomes_the_URL_it_is_served_at(string baseUrl, string path, string url) =>
        new SiteUrls(baseUrl).OfPage(path).ShouldBe(url);
}
