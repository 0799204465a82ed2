using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DulaRegistry.Model;
using DulaRegistry.Site.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// The built fixture site in a real browser (Debian's headless chromium through Playwright), served under /registry/.
/// </summary>
public sealed class BrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// One page of each kind (site paths under the base URL): home, agreements index, agreement, agencies index, agency,
    /// graph, and an unknown URL (the 404 page). The hostile agreement's page is covered by its own test.
    /// </summary>
    public static TheoryData<string> PageKinds => new()
    {
        "",
        "agreements/",
        "agreements/DULA-2026-0001/",
        "agencies/",
        "agencies/dor/",
        "graph/",
        "no/such/page/",
    };

    private const string MissingPage = "no/such/page/";

    /// <summary>
    /// Each page kind loads without console errors or warnings, uncaught exceptions, failed requests or dialogs, also
    /// once its search box is used, and axe-core (Deque.AxeCore.Playwright) finds no violation on it, live results included.
    /// </summary>
    [Theory]
    [MemberData(nameof(PageKinds))]
    public async Task Page_kind_has_no_errors_and_no_axe_violations(string path)
    {
        var (page, problems) = await OpenAsync(path);
        var search = page.Locator("#search-form #search-input");
        if (await search.CountAsync() > 0)
        {
            await search.First.PressSequentiallyAsync("wage");
            await page.Locator("#search-results > *").First.WaitForAsync();
        }

        var result = await page.RunAxe();
        var violations = result.Violations ?? [];
        var report = new StringBuilder();
        foreach (var problem in problems.Problems) report.AppendLine("- " + problem);
        foreach (var dialog in problems.Dialogs) report.AppendLine("- dialog: " + dialog);
        if (violations.Length > 0) report.Append("axe-core violations:").AppendLine().Append(Describe(violations));
        if (report.Length > 0) output.WriteLine(report.ToString());
        report.Length.ShouldBe(0, $"/registry/{path} is not clean:{Environment.NewLine}{report}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Navigation_by_links_reaches_every_page_kind()
    {
        var (page, problems) = await OpenAsync("");
        (await page.TitleAsync()).ShouldNotBeNullOrWhiteSpace();

        await page.Locator($"header a[href='{BuiltSite.BaseUrl}agreements/']").First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url("agreements/"));
        await Expect(() => page.Locator("#agreements-table").CountAsync(), 1);

        await page.Locator("#agreements-table a", new() { HasTextString = "DULA-2026-0001" }).First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url("agreements/DULA-2026-0001/"));
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("SNAP income verification");

        // Lineage: the renewal links back to the agreement it supersedes, and that one forward to it.
        await page.Locator("main a[href$='/agreements/DULA-2024-0001/']").First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url("agreements/DULA-2024-0001/"));
        await page.Locator("main a[href$='/agreements/DULA-2026-0001/']").First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url("agreements/DULA-2026-0001/"));

        await page.Locator($"main a[href='{BuiltSite.BaseUrl}agencies/dor/']").First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url("agencies/dor/"));
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("Department of Revenue");

        await page.Locator($"header a[href='{BuiltSite.BaseUrl}agencies/']").First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url("agencies/"));

        await page.Locator($"header a[href='{BuiltSite.BaseUrl}graph/']").First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url("graph/"));
        await page.Locator("main svg").First.WaitForAsync(new() { State = WaitForSelectorState.Attached }); // the graph page shows an SVG

        await page.Locator($"header a[href='{BuiltSite.BaseUrl}']").First.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url(""));

        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Search_finds_an_agreement_by_a_word_of_its_purpose()
    {
        var lighthouse = browser.Site.Agreements.Single(a => a.Id == BuiltSite.LighthouseId);
        lighthouse.Purpose.ShouldNotBeNull().ShouldContain("lighthouse");
        lighthouse.Title.ShouldNotBeNull().ShouldNotContain("lighthouse", Case.Insensitive, "the word must come from the purpose alone");

        var (page, problems) = await OpenAsync("");
        var input = page.Locator("#search-form #search-input");
        await input.ClickAsync();
        await input.PressSequentiallyAsync("lighthous", new() { Delay = 20 }); // a prefix of "lighthouse"
        await ResultsForAsync(page, "lighthous");
        var hit = page.Locator("#search-results a", new() { HasTextString = BuiltSite.LighthouseId });
        (await hit.CountAsync()).ShouldBe(1);
        (await page.Locator("#search-results a").CountAsync()).ShouldBe(1, "only one agreement mentions lighthouses");

        // Typo tolerance: one wrong letter still finds it.
        await input.FillAsync("");
        await input.PressSequentiallyAsync("lighthoose", new() { Delay = 10 });
        await ResultsForAsync(page, "lighthoose");
        (await hit.CountAsync()).ShouldBe(1);

        await hit.ClickAsync();
        await BrowserFixture.ArrivedAsync(page, browser.Url($"agreements/{BuiltSite.LighthouseId}/"));
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Enter_in_the_search_box_opens_the_agreements_table_restricted_to_the_hits()
    {
        var (page, problems) = await OpenAsync("");
        var input = page.Locator("#search-form #search-input");
        await input.FillAsync("lighthouse");
        await input.PressAsync("Enter");
        await BrowserFixture.ArrivedAsync(page, url => url.StartsWith(browser.Url("agreements/?"), StringComparison.Ordinal) && url.Contains("q=lighthouse", StringComparison.Ordinal));
        var visible = page.Locator("#agreements-table tbody tr:visible");
        await Expect(() => visible.CountAsync(), 1);
        (await visible.First.InnerTextAsync()).ShouldContain(BuiltSite.LighthouseId);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Filtering_by_status_narrows_the_table_and_keeps_the_url_in_sync()
    {
        var site = browser.Site;
        var total = site.Agreements.Count();
        var executed = site.Agreements.Count(a => a.Status == AgreementStatus.Executed);
        executed.ShouldBeLessThan(total);

        var (page, problems) = await OpenAsync("agreements/");
        var visible = page.Locator("#agreements-table tbody tr:visible");
        (await visible.CountAsync()).ShouldBe(total);

        await page.Locator("#filters select[name='status']").SelectOptionAsync("executed");
        await Expect(() => visible.CountAsync(), executed);
        foreach (var row in await visible.AllAsync()) (await row.GetAttributeAsync("data-status")).ShouldBe("executed");
        page.Url.ShouldContain("status=executed");
        var count = page.Locator("#filter-count, #agreements-count").First;
        (await count.InnerTextAsync()).ShouldContain(executed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Combined with a second filter, and back to all.
        await page.Locator("#filters select[name='agency']").SelectOptionAsync("dph");
        await Expect(() => visible.CountAsync(), site.Agreements.Count(a => a.Status == AgreementStatus.Executed && a.Parties.Any(p => p.Agency == "dph")));
        await page.Locator("#filters select[name='agency']").SelectOptionAsync("");
        await page.Locator("#filters select[name='status']").SelectOptionAsync("");
        await Expect(() => visible.CountAsync(), total);
        page.Url.ShouldNotContain("status=");

        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_filter_in_the_query_string_applies_on_load()
    {
        var (page, problems) = await OpenAsync("agreements/?status=drafting");
        var visible = page.Locator("#agreements-table tbody tr:visible");
        await Expect(() => visible.CountAsync(), browser.Site.Agreements.Count(a => a.Status == AgreementStatus.Drafting));
        (await page.Locator("#filters select[name='status']").InputValueAsync()).ShouldBe("drafting");
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hostile_title_and_body_never_execute()
    {
        // Every page that shows the hostile agreement's title or text.
        var hostilePages = new[] { "", "agreements/", $"agreements/{BuiltSite.HostileId}/", "agencies/dph/" };
        foreach (var path in hostilePages)
        {
            var (page, problems) = await OpenAsync(path);
            (await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'")).ShouldBeTrue();
            problems.Dialogs.ShouldBeEmpty($"a dialog opened on /registry/{path}: hostile text ran as script");
            problems.Problems.ShouldBeEmpty();
            await page.Context.CloseAsync();
        }

        // The title shows as text on its page and in live search results.
        var (agreement, agreementProblems) = await OpenAsync($"agreements/{BuiltSite.HostileId}/");
        (await agreement.Locator("h1").InnerTextAsync()).Trim().ShouldBe(BuiltSite.HostileTitle);
        var input = agreement.Locator("#search-input");
        await input.FillAsync("hostile");
        await ResultsForAsync(agreement, "hostile");
        (await agreement.Locator("#search-results a").First.InnerTextAsync()).ShouldContain("<script>alert('x')</script>");
        (await agreement.Locator("#search-results img, #search-results script").CountAsync()).ShouldBe(0);
        agreementProblems.Dialogs.ShouldBeEmpty();
        await agreement.Context.CloseAsync();
    }

    [Fact]
    public async Task Unknown_urls_get_the_404_page_with_working_assets()
    {
        var (page, problems) = await OpenAsync(MissingPage);
        (await page.Locator("h1").CountAsync()).ShouldBe(1);
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header') || document.body).fontFamily");
        background.ShouldContain("Noto Sans", Case.Insensitive, "mayflower.css loaded on the 404 page of a nested URL");
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_print_stylesheet_hides_navigation_and_the_footer()
    {
        var (page, _) = await OpenAsync("agreements/DULA-2026-0001/");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var selector in new[] { ".no-print", "header nav", "footer" })
        {
            foreach (var element in await page.Locator(selector).AllAsync()) (await element.IsVisibleAsync()).ShouldBeFalse(selector);
        }
        (await page.Locator("main h1").IsVisibleAsync()).ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Site_js_is_quiet_on_pages_without_its_elements_and_without_minisearch()
    {
        var script = $"<script src=\"{browser.Url("assets/site.js")}\" defer></script>";
        var vendor = $"<script src=\"{browser.Url("assets/vendor/minisearch.js")}\" defer></script>";
        var head = $"<!DOCTYPE html><html lang=en><head><title>t</title><link rel=icon href=\"data:,\"><meta name=base-url content=\"{BuiltSite.BaseUrl}\">";

        // No search form, no filter form, no table.
        var (bare, bareProblems) = await BlankPageAsync(head + vendor + script + "</head><body><main><h1>Nothing here</h1></main></body></html>");
        (await bare.EvaluateAsync<bool>("() => document.documentElement.classList.contains('js')")).ShouldBeTrue("site.js ran");
        bareProblems.Problems.ShouldBeEmpty();
        await bare.Context.CloseAsync();

        // A search form and a filter form, but MiniSearch failed to load: typing and filtering must not throw.
        var (page, problems) = await BlankPageAsync(head + script + "</head><body>" +
            "<form id=search-form><input id=search-input></form>" +
            "<form id=filters><select name=status><option value=\"\">All</option><option value=executed>Executed</option></select></form>" +
            "<table id=agreements-table><tbody><tr data-status=executed><td>a</td></tr><tr data-status=drafting><td>b</td></tr></tbody></table></body></html>");
        await page.Locator("#search-input").PressSequentiallyAsync("wage");
        await page.Locator("#search-results p").WaitForAsync();
        (await page.Locator("#search-results").InnerTextAsync()).ShouldContain("unavailable");
        await page.Locator("select[name=status]").SelectOptionAsync("executed");
        await Expect(() => page.Locator("#agreements-table tbody tr:visible").CountAsync(), 1);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    /// <summary>Moving to an agency of the graph with the Tab key highlights its flows (and only those); axe stays clean meanwhile.</summary>
    [Fact]
    public async Task Focusing_an_agency_in_the_graph_highlights_its_flows()
    {
        var (page, problems) = await OpenAsync("graph/");
        var edges = page.Locator("svg.flow-graph .flow-graph__edge");
        (await edges.CountAsync()).ShouldBeGreaterThan(0);
        var agency = (await edges.First.GetAttributeAsync("data-from")).ShouldNotBeNull();
        var mine = page.Locator($"svg.flow-graph .flow-graph__edge[data-from='{agency}'], svg.flow-graph .flow-graph__edge[data-to='{agency}']");
        var count = await mine.CountAsync();

        // Keyboard only: Tab until the agency's node has focus.
        var node = page.Locator($"svg.flow-graph a.flow-graph__node[data-agency='{agency}']");
        (await node.GetAttributeAsync("aria-label")).ShouldNotBeNullOrWhiteSpace();
        for (var i = 0; i < 200 && !await node.EvaluateAsync<bool>("n => document.activeElement === n"); i++) await page.Keyboard.PressAsync("Tab");
        (await node.EvaluateAsync<bool>("n => document.activeElement === n")).ShouldBeTrue("the agency's node is not reachable with Tab");

        await Expect(() => page.Locator("svg.flow-graph .flow-graph__edge.is-highlighted").CountAsync(), count);
        (await page.Locator("svg.flow-graph.flow-graph--focus").CountAsync()).ShouldBe(1);
        var opacity = await mine.First.EvaluateAsync<string>("e => getComputedStyle(e).strokeOpacity");
        var other = page.Locator("svg.flow-graph .flow-graph__edge:not(.is-highlighted)");
        if (await other.CountAsync() > 0) (await other.First.EvaluateAsync<string>("e => getComputedStyle(e).strokeOpacity")).ShouldNotBe(opacity);

        var result = await page.RunAxe();
        (result.Violations ?? []).ShouldBeEmpty(Describe(result.Violations ?? []));

        await node.EvaluateAsync("n => n.blur()");
        await Expect(() => page.Locator("svg.flow-graph .flow-graph__edge.is-highlighted").CountAsync(), 0);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    /// <summary>A fresh page on the site's origin whose document is <paramref name="html"/>.</summary>
    private async Task<(IPage Page, PageProblems Problems)> BlankPageAsync(string html)
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync(browser.Url("test-page.html"), route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
        var problems = PageProblems.Watch(page);
        await page.GotoAsync(browser.Url("test-page.html"));
        return (page, problems);
    }

    private async Task<(IPage Page, PageProblems Problems)> OpenAsync(string path)
    {
        var page = await browser.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var url = browser.Url(path);
        if (path == MissingPage) problems.ExpectedMissingDocument = url;
        var response = await page.GotoAsync(url);
        response.ShouldNotBeNull();
        response.Status.ShouldBe(path == MissingPage ? 404 : 200, url);
        return (page, problems);
    }

    /// <summary>Waits until the live results are those of <paramref name="query"/> (their summary quotes it).</summary>
    private static Task ResultsForAsync(IPage page, string query) =>
        page.Locator("#search-results .search-results__summary", new() { HasTextString = $"“{query}”" }).WaitForAsync();

    /// <summary>Polls until <paramref name="actual"/> returns <paramref name="expected"/> (filters apply on events), or fails.</summary>
    private static async Task Expect(Func<Task<int>> actual, int expected)
    {
        var value = -1;
        for (var i = 0; i < 50; i++)
        {
            value = await actual();
            if (value == expected) return;
            await Task.Delay(100);
        }
        value.ShouldBe(expected);
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes ?? [])
            {
                text.AppendLine($"    {node.Target}: {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var check in checks) text.AppendLine($"      {check.Message}");
            }
        }
        return text.ToString();
    }
}
