using AngleSharp.Html.Parser;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// A registry larger than one page: the agreements index and each year's listing come in numbered pages of
/// <see cref="SiteModel.PageSize"/> rows, linked to each other, and together list every agreement once.
/// </summary>
public sealed class ListingPaginationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Extra = 450;
    private static readonly HtmlParser s_parser = new();
    private static readonly Lazy<Task<(string Root, string Output)>> s_paged = new(BuildPagedAsync);

    /// <summary>The fixture registry and <see cref="Extra"/> copies of one of its agreements (2023), built once.</summary>
    private static async Task<(string Root, string Output)> BuildPagedAsync()
    {
        var root = BuiltSite.NewTempFolder("dula-paged-registry-");
        foreach (var file in BuiltSite.ListFiles(RepoPaths.FixtureRegistry))
        {
            var target = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.FixtureRegistry, file), target);
        }
        LargeRegistry.AddCopies(root, Extra);
        var output = BuiltSite.NewTempFolder("dula-paged-site-");
        var result = await SiteBuilder.BuildAsync(new SiteBuildOptions(root, output, BuiltSite.BaseUrl, BuiltSite.Today));
        result.Succeeded.ShouldBeTrue(string.Join(Environment.NewLine, result.Diagnostics));
        return (root, output);
    }

    [Fact]
    public async Task A_large_registry_has_numbered_pages_that_list_every_agreement_once()
    {
        var (root, output) = await s_paged.Value;

        var total = Directory.GetFiles(Path.Combine(root, "agreements"), "*.md").Length;
        var pages = (total + SiteModel.PageSize - 1) / SiteModel.PageSize;
        var seen = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var path = SiteUrls.AgreementsListingPath(null, page);
            var document = s_parser.ParseDocument(File.ReadAllText(Path.Combine(output, path)));
            var rows = document.QuerySelectorAll("#agreements-table tbody tr").Select(r => r.GetAttribute("data-id")!).ToList();
            rows.Count.ShouldBe(page < pages ? SiteModel.PageSize : total - ((pages - 1) * SiteModel.PageSize), path);
            seen.AddRange(rows);
            var first = ((page - 1) * SiteModel.PageSize) + 1;
            document.QuerySelector("#agreements-count")!.TextContent
                .ShouldBe($"Showing {first:N0}–{first + rows.Count - 1:N0} of {total:N0} agreements.");
            document.QuerySelector("#agreements-table")!.GetAttribute("data-paginated").ShouldBe("true");

            var nav = document.QuerySelector("nav.pagination").ShouldNotBeNull(path);
            nav.GetAttribute("aria-label").ShouldNotBeNullOrWhiteSpace();
            nav.QuerySelector("a[aria-current=page]").ShouldNotBeNull().TextContent.ShouldBe($"Page {page}");
            var urls = new SiteUrls(BuiltSite.BaseUrl);
            if (page > 1) nav.QuerySelector("a[rel=prev]").ShouldNotBeNull().GetAttribute("href").ShouldBe(urls.AgreementsListing(null, page - 1));
            else nav.QuerySelector("a[rel=prev]").ShouldBeNull();
            if (page < pages) nav.QuerySelector("a[rel=next]").ShouldNotBeNull().GetAttribute("href").ShouldBe(urls.AgreementsListing(null, page + 1));
            else nav.QuerySelector("a[rel=next]").ShouldBeNull();
            new FileInfo(Path.Combine(output, path)).Length.ShouldBeLessThan(200 * 1024, path);
        }
        seen.ShouldBe(seen.Distinct().Order(StringComparer.Ordinal).ToList(), customMessage: "each agreement once, by id");
        seen.Count.ShouldBe(total);

        // The year of the copies has its own pages; the year navigation links the first page of each year.
        var year = s_parser.ParseDocument(File.ReadAllText(Path.Combine(output, SiteUrls.AgreementsListingPath(2023, 2))));
        year.QuerySelector("h1")!.TextContent.ShouldBe("Agreements of 2023");
        year.QuerySelector("#agreements-table")!.GetAttribute("data-scope-year").ShouldBe("2023");
        year.QuerySelectorAll("#agreements-table tbody tr").Length.ShouldBe(SiteModel.PageSize);
        year.QuerySelector("nav.year-nav a[aria-current=page]").ShouldNotBeNull().GetAttribute("href").ShouldBe(new SiteUrls(BuiltSite.BaseUrl).AgreementsYear(2023));
        year.QuerySelector("select[name=year]").ShouldBeNull("a year's listing has no year filter");
    }

    [Fact]
    public async Task Filters_and_search_on_a_paginated_listing_cover_every_page()
    {
        var (root, output) = await s_paged.Value;
        await using var server = await StaticSiteServer.StartAsync(output, BuiltSite.BaseUrl);
        var page = await browser.NewPageAsync();
        var problems = PageProblems.Watch(page);

        // A filter: every matching agreement of the whole listing, not only those of page 1, in place of the page's rows.
        var legacy = Directory.GetFiles(Path.Combine(root, "agreements"), "*.md").Count(f => File.ReadAllText(f).Contains("framework: legacy", StringComparison.Ordinal));
        legacy.ShouldBeGreaterThan(SiteModel.PageSize);
        await page.GotoAsync(server.Origin + BuiltSite.BaseUrl + "agreements/?framework=legacy");
        var count = page.Locator("#agreements-count");
        await count.Filter(new() { HasTextString = "matching" }).WaitForAsync();
        (await count.InnerTextAsync()).ShouldBe($"Showing 1–{SiteModel.PageSize} of {legacy} agreements matching the filters.");
        (await page.Locator("#agreements-table tbody tr").CountAsync()).ShouldBe(SiteModel.PageSize);
        (await page.Locator("#agreements-table tbody tr[data-framework=legacy]").CountAsync()).ShouldBe(SiteModel.PageSize);
        (await page.Locator("nav.pagination:visible").CountAsync()).ShouldBe(0, "the page links belong to the unfiltered listing");
        for (var shown = SiteModel.PageSize; shown < legacy; shown += SiteModel.PageSize)
        {
            await page.Locator("button.filters__more").ClickAsync();
            await count.Filter(new() { HasTextString = Math.Min(legacy, shown + SiteModel.PageSize) == legacy ? $"all {legacy}" : $"1–{shown + SiteModel.PageSize} of" }).WaitForAsync();
        }
        (await page.Locator("#agreements-table tbody tr").CountAsync()).ShouldBe(legacy);

        // A search from the header: an agreement far past page 1, alone.
        var last = $"DULA-2023-{1000 + Extra - 1}";
        await page.GotoAsync(server.Origin + BuiltSite.BaseUrl + "agreements/?q=" + last);
        await count.Filter(new() { HasTextString = "matching" }).WaitForAsync();
        (await page.Locator("#agreements-table tbody tr").CountAsync()).ShouldBe(1);
        (await page.Locator("#agreements-table tbody tr").GetAttributeAsync("data-id")).ShouldBe(last);

        // Back to no filter: the page's own rows and links again.
        await page.GotoAsync(server.Origin + BuiltSite.BaseUrl + "agreements/year/2023/page/2/?status=executed");
        await count.Filter(new() { HasTextString = "matching" }).WaitForAsync();
        await page.Locator("select[name=status]").SelectOptionAsync("");
        await count.Filter(new() { HasTextString = "Showing 201–400" }).WaitForAsync();
        (await page.Locator("#agreements-table tbody tr").CountAsync()).ShouldBe(SiteModel.PageSize);
        (await page.Locator("nav.pagination:visible").CountAsync()).ShouldBe(2);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_registry_of_one_page_has_no_page_links()
    {
        var site = await BuiltSite.Instance;
        var document = s_parser.ParseDocument(site.ReadText("agreements/index.html"));
        document.QuerySelector("nav.pagination").ShouldBeNull();
        document.QuerySelector("#agreements-table")!.HasAttribute("data-paginated").ShouldBeFalse();
        document.QuerySelector("#agreements-count")!.TextContent.ShouldBe($"Showing all {site.Agreements.Count()} agreements.");
        site.Exists("agreements/page/2/index.html").ShouldBeFalse();
    }
}
