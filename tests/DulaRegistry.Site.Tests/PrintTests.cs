using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DulaRegistry.Site.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// An agreement printed to PDF by chromium (as a legal reviewer would file it), its text read back with poppler's
/// pdftotext: every data-flow header and cell is there, no navigation and no /registry/ path, and each page carries the
/// agreement's id, status and page number.
/// </summary>
public sealed partial class PrintTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PdfToText = "pdftotext";
    private const double MarginPoints = 1.6 / 2.54 * 72; // the 1.6 cm side margins below, in PDF points

    [Fact]
    public async Task The_widest_agreement_prints_every_data_flow_cell_and_no_navigation_or_site_path()
    {
        var (id, headers, cells) = WidestDataFlowTable();
        headers.Count.ShouldBe(8);
        cells.Count.ShouldBeGreaterThan(0);
        var agreement = browser.Site.Agreements.Single(a => a.Id == id);
        var status = Capitalised(agreement.Status.ShouldNotBeNull().ToString());

        var page = await browser.NewPageAsync();
        var problems = PageProblems.Watch(page);
        (await page.GotoAsync(browser.Url($"agreements/{id}/"))).ShouldNotBeNull().Status.ShouldBe(200);

        // Nothing in the printed page scrolls or clips its content.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var clipped = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('main *')].filter(e => {
              const s = getComputedStyle(e);
              return e.clientWidth > 1 && /auto|scroll|hidden/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
            }).map(e => e.tagName + '.' + e.className)
            """);
        clipped.ShouldBeEmpty("these elements clip or scroll their content in print");

        var pdf = Path.Combine(BuiltSite.NewTempFolder("dula-print-"), "agreement.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(pdf)!);
        await page.PdfAsync(new PagePdfOptions
        {
            Path = pdf,
            Format = "A4",
            DisplayHeaderFooter = true,
            // Page numbers come from the browser's own print footer (site/README.md); this is chromium's.
            HeaderTemplate = "<span></span>",
            FooterTemplate = "<div style=\"width:100%;font-size:8px;text-align:center\">Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></div>",
            Margin = new Margin { Top = "1.6cm", Bottom = "1.8cm", Left = "1.6cm", Right = "1.6cm" },
        });
        await page.Context.CloseAsync();

        // -raw keeps chromium's drawing order, which is a table cell by cell; a cell's lines may wrap anywhere in it.
        var text = await RunAsync("-raw", "-enc", "UTF-8", pdf, "-");
        var compact = NoSpace(text);
        foreach (var header in headers) compact.ShouldContain(NoSpace(header), Case.Sensitive, $"the data-flow column header “{header}” is printed");
        foreach (var cell in cells) compact.ShouldContain(NoSpace(cell), Case.Sensitive, $"the data-flow cell “{cell}” is printed");

        text.ShouldNotContain("/registry/", Case.Sensitive, "the site's own paths mean nothing on paper");
        foreach (var navigation in new[] { "Skip to main content", "Search agreements", "Downloads", "All agreements (JSON)", "Expirations calendar" })
        {
            text.ShouldNotContain(navigation, Case.Sensitive);
        }
        HomeLink().IsMatch(text).ShouldBeFalse("the navigation's Home link is not printed");

        // Every page: the running header (id and status) and its page number.
        var pages = text.Split('\f').Where(p => p.Trim().Length > 0).ToList();
        pages.Count.ShouldBeGreaterThan(1, "the widest agreement fills more than one A4 page, so the running header is tested");
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain(id!, Case.Sensitive, $"page {i + 1} names the agreement");
            pages[i].ShouldContain(status, Case.Sensitive, $"page {i + 1} shows the status");
            pages[i].ShouldContain($"Page {i + 1} of {pages.Count}", Case.Sensitive);
        }

        // No word runs past the right margin (a clipped table would).
        var boxes = await RunAsync("-bbox", pdf, "-");
        var width = double.Parse(PageWidth().Match(boxes).Groups[1].Value, CultureInfo.InvariantCulture);
        var beyond = WordBox().Matches(boxes).Where(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > width - MarginPoints + 1)
            .Select(m => m.Groups[2].Value).ToList();
        beyond.ShouldBeEmpty("these words are printed past the right margin");
        problems.Problems.ShouldBeEmpty();
    }

    /// <summary>The agreement whose data-flow table has the most text, with its column headers and cell texts.</summary>
    private (string? Id, List<string> Headers, List<string> Cells) WidestDataFlowTable()
    {
        var tables = browser.Site.Agreements.Select(a => a.Id!)
            .Select(id => (Id: id, Table: browser.Site.Html($"agreements/{id}/index.html").QuerySelector("table.data-flow-table")))
            .Where(t => t.Table is not null)
            .OrderByDescending(t => t.Table!.TextContent.Length).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        tables.ShouldNotBeEmpty();
        var (id, table) = tables[0];
        var headers = table!.QuerySelectorAll("thead th").Select(th => Squeeze(th.TextContent)).ToList();
        var cells = table.QuerySelectorAll("tbody th, tbody td").Select(c => Squeeze(c.TextContent)).Where(c => c.Length > 0).ToList();
        return (id, headers, cells);
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(PdfToText) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "The print test reads the PDF with poppler's pdftotext, which is not installed: `apt-get install -y poppler-utils` (.ci/run does this).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await error);
            return await output;
        }
    }

    private static string Capitalised(string status)
    {
        // AgreementStatus names in the YAML are kebab-case (in-review); the badge reads "In review".
        var words = KebabBoundary().Replace(status, " $1").Trim().ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string Squeeze(string text) => Whitespace().Replace(text, " ").Trim();

    private static string NoSpace(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[a-z])([A-Z])")]
    private static partial Regex KebabBoundary();

    [GeneratedRegex(@"\bHome\b")]
    private static partial Regex HomeLink();

    [GeneratedRegex(@"<page width=""([0-9.]+)""")]
    private static partial Regex PageWidth();

    [GeneratedRegex(@"<word xMin=""[0-9.]+"" yMin=""[0-9.]+"" xMax=""([0-9.]+)"" yMax=""[0-9.]+"">([^<]*)</word>")]
    private static partial Regex WordBox();
}
