using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DulaRegistry.Markdown;
using DulaRegistry.Model;
using DulaRegistry.Site.Components.Shared;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>Each shared component rendered on its own with HtmlRenderer, asserted on its HTML with AngleSharp.</summary>
public sealed class ComponentTests : IAsyncLifetime
{
    private const string Hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    private static readonly HtmlParser s_parser = new();
    private readonly PageRenderer _renderer = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _renderer.DisposeAsync();

    private async Task<IDocument> Render<TComponent>(params (string Name, object? Value)[] parameters)
    {
        var html = await _renderer.RenderAsync(typeof(TComponent), parameters.ToDictionary(p => p.Name, p => p.Value));
        return s_parser.ParseDocument($"<!doctype html><html><body>{html}</body></html>");
    }

    private static AgencyRef Agency(string id, string? name = null) => new(id, name ?? $"Department {id}", id.ToUpperInvariant(), $"/registry/agencies/{id}/");

    [Fact]
    public async Task Status_badge_names_the_status_in_its_class_and_text()
    {
        var page = await Render<StatusBadge>(("Status", new StatusView("in-review", "In review")));
        var badge = page.QuerySelector("span.status-badge").ShouldNotBeNull();
        badge.ClassList.ShouldContain("status-badge--in-review");
        badge.TextContent.ShouldBe("In review");
    }

    [Fact]
    public async Task Party_list_has_one_row_per_party_with_role_manager_and_signatory()
    {
        var parties = new List<PartyView>
        {
            new(Agency("dta"), new Choice("recipient", "Recipient"), new Contact { Name = "Addison Sample", Title = "Manager", Email = "addison@example.org" },
                new Person { Name = "Casey Fictional", Title = "Commissioner" }),
            new(Agency("dor"), new Choice("owner", "Owner"), null, null),
        };
        var page = await Render<PartyList>(("Parties", parties));
        var table = page.QuerySelector("table").ShouldNotBeNull();
        table.QuerySelector("caption").ShouldNotBeNull().TextContent.ShouldBe("Parties");
        var rows = table.QuerySelectorAll("tbody tr");
        rows.Length.ShouldBe(2);
        rows[0].QuerySelector("th[scope=row] a").ShouldNotBeNull().GetAttribute("href").ShouldBe("/registry/agencies/dta/");
        rows[0].TextContent.ShouldContain("Recipient");
        rows[0].TextContent.ShouldContain("Casey Fictional");
        rows[0].QuerySelector("a[href='mailto:addison@example.org']").ShouldNotBeNull();
        rows[1].TextContent.ShouldContain("Owner");
    }

    [Fact]
    public async Task Data_flow_table_shows_from_to_classification_and_regulations()
    {
        var flows = new List<DataFlowView>
        {
            new("Quarterly wage records", Agency("dor"), [Agency("dta"), Agency("dph")], new Choice("pii", "PII"),
                ["SSN", "quarterly wages"], ["irs-pub-1075"], new Choice("quarterly", "Quarterly"), "sftp"),
        };
        var page = await Render<DataFlowTable>(("Flows", flows));
        var cells = page.QuerySelectorAll("tbody tr").Single().Children;
        cells[0].TextContent.ShouldBe("Quarterly wage records");
        cells[1].QuerySelector("a").ShouldNotBeNull().GetAttribute("href").ShouldBe("/registry/agencies/dor/");
        cells[2].QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["/registry/agencies/dta/", "/registry/agencies/dph/"]);
        cells[3].TextContent.ShouldBe("PII");
        cells[4].TextContent.ShouldBe("SSN, quarterly wages");
        cells[5].TextContent.ShouldBe("Quarterly");
        cells[7].TextContent.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(801, "801 days left")]
    [InlineData(0, "expires today")]
    [InlineData(-3, "expired 3 days ago")]
    public async Task Term_summary_gives_dates_and_days_left(int daysLeft, string expected)
    {
        var page = await Render<TermSummary>(("Term", new TermView(new DateOnly(2026, 2, 1), new DateOnly(2029, 1, 31), daysLeft)));
        var summary = page.QuerySelector(".term-summary").ShouldNotBeNull();
        summary.QuerySelectorAll("time").Select(t => t.GetAttribute("datetime")).ShouldBe(["2026-02-01", "2029-01-31"]);
        summary.TextContent.ShouldBe($"From 2026-02-01 to 2029-01-31 ({expected})");
    }

    [Fact]
    public async Task Components_encode_hostile_text()
    {
        var page = await Render<PartyList>(("Parties", new List<PartyView>
        {
            new(Agency("dta", Hostile), new Choice("owner", "Owner"), new Contact { Name = Hostile }, new Person { Name = Hostile }),
        }));
        page.QuerySelectorAll("script, img").ShouldBeEmpty();
        page.QuerySelectorAll("[onerror]").ShouldBeEmpty();
        page.Body!.TextContent.ShouldContain(Hostile);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>\n", "script")]
    [InlineData("Text <img src=x onerror=alert(1)> more.\n", "img")]
    [InlineData("<div onclick=\"x()\">block</div>\n", "div")]
    public void Safe_markdown_escapes_raw_html(string markdown, string element)
    {
        var html = SafeMarkdown.ToHtml(Markdig.Markdown.Parse(markdown, RegistryMarkdown.Pipeline), topLevel: 3);
        var page = s_parser.ParseDocument($"<body>{html}</body>");
        page.QuerySelectorAll(element).ShouldBeEmpty();
        page.QuerySelectorAll("[onerror], [onclick]").ShouldBeEmpty();
        page.Body!.TextContent.ShouldContain(markdown.Trim()[..8]);
    }

    [Theory]
    [InlineData("[a](javascript:alert(1))")]
    [InlineData("[a](JaVaScRiPt:alert(1))")]
    [InlineData("[a](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[a][r]\n\n[r]: vbscript:msgbox(1)")]
    public void Safe_markdown_neutralises_script_links(string markdown)
    {
        var html = SafeMarkdown.ToHtml(Markdig.Markdown.Parse(markdown, RegistryMarkdown.Pipeline), topLevel: 3);
        var link = s_parser.ParseDocument($"<body>{html}</body>").QuerySelector("a").ShouldNotBeNull();
        link.GetAttribute("href").ShouldBe("#");
    }

    [Fact]
    public void Safe_markdown_keeps_ordinary_links_and_shifts_headings_below_the_page_title()
    {
        var html = SafeMarkdown.ToHtml(Markdig.Markdown.Parse("## Purpose\n\nSee [the MOU](https://www.mass.gov/).\n", RegistryMarkdown.Pipeline), topLevel: 3);
        var page = s_parser.ParseDocument($"<body>{html}</body>");
        page.QuerySelector("a").ShouldNotBeNull().GetAttribute("href").ShouldBe("https://www.mass.gov/");
        var heading = page.QuerySelector("h3").ShouldNotBeNull();
        heading.TextContent.ShouldBe("Purpose");
        page.QuerySelector("h2").ShouldBeNull();
    }

    [Fact]
    public void Safe_markdown_renders_each_body_as_a_fresh_renderer_would_whatever_it_rendered_before()
    {
        // One renderer serves every body a thread renders: nothing of one body (heading levels, indentation, an unfinished
        // line, a large buffer) may show in the next. Each body is rendered after all the others on one thread, and alone on
        // a new thread (whose renderer is new).
        string[] bodies =
        [
            "# Top\n\n## Second\n\ntext\n",
            "> quote\n> > nested\n\n- a\n  - b\n\n```\ncode\n```\n",
            "#### Deep only\n\n<div>raw</div>\n\n[x](javascript:alert(1))\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nno line end",
            "## Purpose\n\n" + string.Concat(Enumerable.Repeat("A long paragraph of the agreement's text. ", 10_000)) + "\n",
            "## Purpose\n\nshort\n",
        ];
        string Render(string body) => SafeMarkdown.ToHtml(Markdig.Markdown.Parse(body, RegistryMarkdown.Pipeline), topLevel: 3);
        string Alone(string body)
        {
            string? html = null;
            var thread = new Thread(() => html = Render(body));
            thread.Start();
            thread.Join();
            return html!;
        }
        var inSequence = new List<string>();
        foreach (var body in bodies.Concat(bodies.Reverse())) inSequence.Add(Render(body));
        var alone = bodies.Select(Alone).ToList();
        inSequence.ShouldBe([.. alone, .. Enumerable.Reverse(alone)]);
        alone[0].ShouldContain("<h3");
        alone[2].ShouldContain("<h3"); // the body's own top level becomes the page's h3, whatever it was
    }
}
