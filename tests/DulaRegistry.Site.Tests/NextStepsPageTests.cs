using DulaRegistry.Site.Tests.Infrastructure;

namespace DulaRegistry.Site.Tests;

/// <summary>The agreement page's "What happens next" section: shown before execution, absent after.</summary>
public sealed class NextStepsPageTests
{
    [Fact]
    public async Task Draft_page_lists_what_final_needs_and_who_acts()
    {
        var site = await BuiltSite.Instance;
        var page = site.Html("agreements/DULA-2026-0003/index.html");
        var section = page.QuerySelector("section[aria-labelledby=next]").ShouldNotBeNull();
        section.QuerySelector("h2#next").ShouldNotBeNull().TextContent.ShouldBe("What happens next");
        section.QuerySelector(".status-badge").ShouldNotBeNull().TextContent.ShouldBe("In review");
        section.QuerySelectorAll("ul.next-steps li").Select(li => li.TextContent).ShouldBe(
        [
            "final needs a DULA manager for DPH — DPH's coordinators (Morgan Placeholder)",
            "final needs a signatory for DPH — DPH's coordinators (Morgan Placeholder)",
            "final needs a signatory for DTA — DTA's coordinators (Bailey Sample)",
        ]);
    }

    [Theory]
    [InlineData("DULA-2026-0001")] // executed
    [InlineData("DULA-2024-0001")] // superseded
    public async Task Executed_and_later_pages_have_no_checklist(string id)
    {
        var site = await BuiltSite.Instance;
        var page = site.Html($"agreements/{id}/index.html");
        page.QuerySelector("section[aria-labelledby=next]").ShouldBeNull();
        page.QuerySelector("h2#parties").ShouldNotBeNull(); // the page itself rendered
    }
}
