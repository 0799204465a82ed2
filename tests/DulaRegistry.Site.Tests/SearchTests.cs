using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using DulaRegistry.Model;
using DulaRegistry.Site.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// Search in a real browser: what a reader types (an agreement id, a RITM number, an acronym, a person's name, a data
/// element) finds what they meant, from the header's search box on any page, with the keyboard alone.
/// </summary>
public sealed partial class SearchTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string AgreementPage = "agreements/DULA-2026-0003/";

    [Fact]
    public async Task An_exact_agreement_id_finds_exactly_that_agreement()
    {
        const string id = "DULA-2024-0001";
        // Another agreement shares the id's pieces (DULA, 0001), so a word search alone would find more than one.
        browser.Site.Agreements.Count(a => a.Id!.EndsWith("-0001", StringComparison.Ordinal)).ShouldBeGreaterThan(1);

        var (page, problems) = await OpenAsync(AgreementPage);
        (await HitsAsync(page, id)).ShouldBe([id]);

        // Enter: the agreements table shows that one agreement too.
        await page.Locator("#search-input").PressAsync("Enter");
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("agreements/?q=DULA-2024-0001", StringComparison.Ordinal));
        await ExpectAsync(() => page.Locator("#agreements-table tbody tr:visible").CountAsync(), 1);
        (await page.Locator("#agreements-table tbody tr:visible").GetAttributeAsync("data-id")).ShouldBe(id);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_service_request_number_finds_its_agreement_also_as_it_is_typed()
    {
        var agreement = browser.Site.Agreements.Single(a => a.Id == "DULA-2026-0001");
        var request = agreement.ServiceRequest.ShouldNotBeNull();
        request.ShouldStartWith("RITM");

        var (page, problems) = await OpenAsync("agencies/");
        (await HitsAsync(page, request)).ShouldBe([agreement.Id!]);
        (await HitsAsync(page, request.ToLowerInvariant())).ShouldBe([agreement.Id!], "case does not matter");
        // A prefix long enough to tell it from the others (prefix search as you type).
        (await HitsAsync(page, request[..8])).ShouldBe([agreement.Id!]);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_agency_acronym_finds_exactly_the_agreements_it_is_party_to()
    {
        var expected = browser.Site.Agreements.Where(a => a.Parties.Any(p => p.Agency == "dph")).Select(a => a.Id!).Order(StringComparer.Ordinal).ToList();
        expected.Count.ShouldBeInRange(2, browser.Site.Agreements.Count() - 1);

        var (page, problems) = await OpenAsync("graph/");
        (await HitsAsync(page, "DPH")).ShouldBe(expected);
        // Two acronyms: the agreements between both.
        (await HitsAsync(page, "DPH DTA")).ShouldBe(browser.Site.Agreements
            .Where(a => a.Parties.Any(p => p.Agency == "dph") && a.Parties.Any(p => p.Agency == "dta")).Select(a => a.Id!).Order(StringComparer.Ordinal).ToList());
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_signatorys_surname_finds_their_agreements()
    {
        const string surname = "Placeholder";
        var signed = browser.Site.Agreements.Where(a => a.Signatures.Any(s => s.Name == "Riley Placeholder")).Select(a => a.Id!).ToList();
        signed.Count.ShouldBeGreaterThan(1);
        // Everyone of that surname named on an agreement (managers, signatories, drafters) makes it a hit, and nothing else.
        var expected = browser.Site.Agreements.Where(a => PeopleOf(a).Any(name => Words(name).Contains(surname))).Select(a => a.Id!).ToList();
        expected.Count.ShouldBeLessThan(browser.Site.Agreements.Count());

        var (page, problems) = await OpenAsync(AgreementPage);
        var hits = await HitsAsync(page, surname);
        hits.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
        signed.ShouldBeSubsetOf(hits);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_data_element_finds_the_agreements_that_share_it()
    {
        var expected = browser.Site.Agreements.Where(a => a.Data.Any(d => d.Elements.Any(e => e.Contains("taxpayer", StringComparison.OrdinalIgnoreCase))))
            .Select(a => a.Id!).ToList();
        expected.Count.ShouldBe(1);
        var (page, problems) = await OpenAsync(AgreementPage);
        (await HitsAsync(page, "taxpayer")).ShouldBe(expected);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Typos_are_forgiven_only_in_words_of_four_letters_or_more()
    {
        // "dtb" is one letter away from the acronym DTA, which every SNAP agreement carries; three letters are too few to guess.
        browser.Site.Agreements.Count(a => a.Parties.Any(p => p.Agency == "dta")).ShouldBeGreaterThan(0);
        var (page, problems) = await OpenAsync(AgreementPage);
        (await HitsAsync(page, "dtb")).ShouldBeEmpty();
        (await page.Locator("#search-results").InnerTextAsync()).ShouldContain("No agreement matches");

        // "wagw" is one letter away from "wage": four letters are enough, and it finds what the word finds.
        var wages = await HitsAsync(page, "wage");
        wages.Count.ShouldBeGreaterThan(0);
        (await HitsAsync(page, "wagw")).ShouldBe(wages, ignoreOrder: true);
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_header_search_works_with_the_keyboard_alone_and_stays_accessible()
    {
        var agreement = browser.Site.Agreements.Single(a => a.Id == "DULA-2026-0001");
        var (page, problems) = await OpenAsync(AgreementPage);

        // Tab from the top of the page to the search box.
        for (var i = 0; i < 20 && await ActiveIdAsync(page) != "search-input"; i++) await page.Keyboard.PressAsync("Tab");
        (await ActiveIdAsync(page)).ShouldBe("search-input", "Tab reaches the header's search box");
        await page.Keyboard.TypeAsync(agreement.ServiceRequest!, new() { Delay = 15 });
        await ResultsForAsync(page, agreement.ServiceRequest!);

        // Arrow down onto the result: it has focus, and the focus shows.
        await page.Keyboard.PressAsync("ArrowDown");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.closest('#search-results') ? document.activeElement.textContent : ''");
        focused.ShouldStartWith(agreement.Id!);
        var outline = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        outline.ShouldNotStartWith("none");
        outline.ShouldNotEndWith(" 0px");

        var axe = await page.RunAxe();
        (axe.Violations ?? []).Select(v => $"{v.Id}: {v.Help}").ShouldBeEmpty();

        // Up goes back to the box; down and Enter follow the link.
        await page.Keyboard.PressAsync("ArrowUp");
        (await ActiveIdAsync(page)).ShouldBe("search-input");
        await page.Keyboard.PressAsync("ArrowDown");
        // The result has the focus before Enter is pressed (on a busy machine the key's effect can trail the key).
        await page.WaitForFunctionAsync("() => !!document.activeElement && !!document.activeElement.closest('#search-results')",
            null, new() { Timeout = 10_000 });
        // What Enter must do is follow the link: the navigation is committed (not the next page's load event as well). The
        // wait starts before the key: had the page already arrived, Playwright would wait for a "commit" that never comes again.
        var opened = page.WaitForURLAsync(browser.Url($"agreements/{agreement.Id}/"), new() { WaitUntil = WaitUntilState.Commit });
        await page.Keyboard.PressAsync("Enter");
        try
        {
            await opened;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Enter on the focused result did not open its page; the page is at {page.Url}", ex);
        }
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_browser_splits_words_as_the_build_does()
    {
        string[] samples =
        [
            "DULA-2024-0003 <b>Name</b> RITM0021007", "Café déjà-vu ÉCOLE naïve", "Cafe\u0301 e\u0301cole", "2² ½ Ⅻ x₁",
            "ΣΟΦΙΑ Straße İstanbul ǅemal", "日本語 テキスト", "emoji 😀 here", "  (DULA-2024-0003). ", "dph/DTA,wage;WAGES",
        ];
        var (page, problems) = await OpenAsync(AgreementPage);
        await page.WaitForFunctionAsync("() => window.DulaSearchTokens !== undefined");
        foreach (var sample in samples)
        {
            (await page.EvaluateAsync<string[]>("s => window.DulaSearchTokens.words(s)", sample)).ShouldBe(DulaRegistry.Site.Exports.SearchTokens.Words(sample).ToArray(), sample);
            (await page.EvaluateAsync<string>("s => window.DulaSearchTokens.exactKey(s)", sample)).ShouldBe(DulaRegistry.Site.Exports.SearchTokens.ExactKey(sample), sample);
        }
        problems.Problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    private static IEnumerable<string> PeopleOf(Agreement a) =>
        a.Parties.SelectMany(p => new[] { p.DulaManager?.Name, p.Signatory?.Name })
            .Concat(a.Signatures.Select(s => s.Name))
            .Concat(a.Drafters.Select(d => d.Name))
            .OfType<string>();

    /// <summary>Words as site.js splits them: runs of letters and digits.</summary>
    private static string[] Words(string text) => NotWord().Split(text).Where(w => w.Length > 0).ToArray();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotWord();

    /// <summary>Types <paramref name="query"/> into the page's search box and returns the ids of the live results, in order.</summary>
    private static async Task<List<string>> HitsAsync(IPage page, string query)
    {
        var input = page.Locator("#search-form #search-input");
        await input.FillAsync("");
        await input.PressSequentiallyAsync(query, new() { Delay = 10 });
        await ResultsForAsync(page, query);
        var links = await page.Locator("#search-results a.search-results__link").AllInnerTextsAsync();
        return links.Select(text => text.Split(':')[0].Trim()).ToList();
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.id : ''");

    /// <summary>Waits until the live results are those of <paramref name="query"/> (their summary quotes it).</summary>
    private static Task ResultsForAsync(IPage page, string query) =>
        page.Locator("#search-results .search-results__summary", new() { HasTextString = $"“{query}”" }).WaitForAsync();

    private async Task<(IPage Page, PageProblems Problems)> OpenAsync(string path)
    {
        var page = await browser.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var response = await page.GotoAsync(browser.Url(path));
        response.ShouldNotBeNull().Status.ShouldBe(200);
        return (page, problems);
    }

    private static async Task ExpectAsync(Func<Task<int>> actual, int expected)
    {
        var value = -1;
        for (var i = 0; i < 50 && value != expected; i++)
        {
            value = await actual();
            if (value != expected) await Task.Delay(100);
        }
        value.ShouldBe(expected);
    }
}
