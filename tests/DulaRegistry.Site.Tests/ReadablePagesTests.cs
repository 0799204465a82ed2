using AngleSharp.Html.Parser;
using DulaRegistry.Site.Components.Shared;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>Pages that read well: a term in words from the build's date, an acronym shown once, and a table of contents
/// on the agreement page that puts the agreement's own text one click away.</summary>
public sealed class ReadablePagesTests : IAsyncLifetime
{
    private static readonly HtmlParser s_parser = new();
    private readonly PageRenderer _renderer = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _renderer.DisposeAsync();

    [Theory]
    [InlineData("2026-11-22", "2027-01-01", "2029-12-31", "starts in 40 days")]
    [InlineData("2026-12-31", "2027-01-01", "2029-12-31", "starts in 1 day")]
    [InlineData("2027-01-01", "2027-01-01", "2029-12-31", "1,095 days left")]
    [InlineData("2029-12-30", "2027-01-01", "2029-12-31", "1 day left")]
    [InlineData("2029-12-31", "2027-01-01", "2029-12-31", "expires today")]
    [InlineData("2030-01-01", "2027-01-01", "2029-12-31", "expired 1 day ago")]
    [InlineData("2030-01-31", "2027-01-01", "2029-12-31", "expired 31 days ago")]
    public async Task A_term_reads_from_the_builds_date(string today, string effective, string expires, string expected)
    {
        var term = TermView.On(DateOnly.Parse(effective), DateOnly.Parse(expires), DateOnly.Parse(today));
        var html = await _renderer.RenderAsync(typeof(TermSummary), new Dictionary<string, object?> { ["Term"] = term });
        var summary = s_parser.ParseDocument($"<body>{html}</body>").QuerySelector(".term-summary").ShouldNotBeNull();
        summary.TextContent.ShouldBe($"From {effective} to {expires} ({expected})");
        summary.QuerySelector(".term-summary__days--past").ShouldBe(expected.StartsWith("expired", StringComparison.Ordinal) ? summary.QuerySelector(".term-summary__days") : null);
    }

    [Fact]
    public async Task A_term_that_has_not_started_says_so_even_without_an_expiry()
    {
        var term = TermView.On(new DateOnly(2027, 1, 1), null, new DateOnly(2026, 12, 2));
        var html = await _renderer.RenderAsync(typeof(TermSummary), new Dictionary<string, object?> { ["Term"] = term });
        s_parser.ParseDocument($"<body>{html}</body>").QuerySelector(".term-summary").ShouldNotBeNull().TextContent.ShouldBe("From 2027-01-01 (starts in 30 days)");
    }

    [Theory]
    [InlineData("MassHealth", "MassHealth", "MassHealth")]
    [InlineData("MassHealth", "masshealth", "MassHealth")]
    [InlineData("Department of Revenue", "DOR", "Department of Revenue (DOR)")]
    [InlineData("Department of Revenue", null, "Department of Revenue")]
    public async Task An_acronym_equal_to_the_name_is_not_repeated(string name, string? acronym, string expected)
    {
        var agency = new AgencyRef("masshealth", name, acronym, "/registry/agencies/masshealth/");
        agency.Display.ShouldBe(expected);
        new AgencyView
        {
            Id = "masshealth",
            Name = name,
            Acronym = acronym,
            Url = agency.Url!,
            Kind = new("agency", "Agency"),
            Coordinators = [],
            LegalReviewers = [],
            Signatories = [],
            BodyHtml = "",
            SourcePath = "agencies/masshealth.md",
        }.Display.ShouldBe(expected);
        var html = await _renderer.RenderAsync(typeof(AgencyLink), new Dictionary<string, object?> { ["Agency"] = agency });
        s_parser.ParseDocument($"<body>{html}</body>").QuerySelector("a").ShouldNotBeNull().TextContent.ShouldBe(expected);
    }

    [Fact]
    public async Task The_agreement_page_has_a_table_of_contents_whose_links_reach_its_sections_and_the_texts_own_sections()
    {
        var site = await BuiltSite.Instance;
        var page = site.Html("agreements/DULA-2026-0001/index.html");
        var toc = page.QuerySelector("nav.agreement-toc").ShouldNotBeNull();
        toc.GetAttribute("aria-labelledby").ShouldBe("contents");
        // Before the summary: the text is one click from the top of the page.
        var summary = page.QuerySelector("h2#summary").ShouldNotBeNull();
        (toc.CompareDocumentPosition(summary) & AngleSharp.Dom.DocumentPositions.Following).ShouldNotBe((AngleSharp.Dom.DocumentPositions)0);

        var links = toc.QuerySelectorAll("a").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent)).ToList();
        links.ShouldContain(("#text", "Text of the agreement"));
        links.ShouldContain(("#summary", "Summary"));
        links.ShouldContain(("#data", "Data flows"));
        foreach (var (href, text) in links) page.GetElementById(href[1..]).ShouldNotBeNull($"{text} links to {href}, which is not on the page");

        var sections = toc.QuerySelectorAll("ol.agreement-toc__sections a").Select(a => a.TextContent).ToList();
        var headings = page.QuerySelectorAll(".agreement__text .markdown-body h3").Select(h => h.TextContent).ToList();
        headings.ShouldNotBeEmpty();
        sections.ShouldBe(headings);
        sections.ShouldContain("Security safeguards");
    }
}
