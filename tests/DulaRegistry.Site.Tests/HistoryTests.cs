using System.Text.Json;
using AngleSharp.Html.Parser;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Testing;

namespace DulaRegistry.Site.Tests;

/// <summary>The status timeline on agreement pages and in agreements.json, built from a real Git repository made for the test.</summary>
public sealed class HistoryTests
{
    [Fact]
    public async Task Agreement_page_tells_each_status_change_in_words_with_a_link_to_its_commit()
    {
        using var git = new GitTestRepository();
        var files = BuiltSite.ListFiles(RepoPaths.FixtureRegistry)
            .Select(f => (f, (string?)File.ReadAllText(Path.Combine(RepoPaths.FixtureRegistry, f))))
            .ToList();
        const string Path0003 = "agreements/DULA-2026-0003.md";
        var drafting = files.Single(f => f.Item1 == Path0003).Item2!;
        files.RemoveAll(f => f.Item1 == Path0003);
        files.Add((Path0003, drafting.Replace("status: drafting", "status: proposed", StringComparison.Ordinal)));
        var propose = git.Commit("2026-03-03T10:00:00+00:00", "Propose the agreement", files);
        var draft = git.Commit("2026-04-15T10:00:00+00:00", "Start drafting", [(Path0003, drafting)]);
        var typo = git.Commit("2026-05-20T10:00:00+00:00", "Fix a typo", [(Path0003, drafting + "\n")]);

        var output = Path.Combine(BuiltSite.NewTempFolder("dula-history-site-"), "site");
        var result = await SiteBuilder.BuildAsync(new SiteBuildOptions(git.RegistryRoot, output, "/registry/", BuiltSite.Today, History: true));
        result.Succeeded.ShouldBeTrue(result.Error + string.Join("\n", result.Diagnostics));

        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, "agreements", "DULA-2026-0003", "index.html")));
        var entries = page.QuerySelectorAll("section[aria-labelledby=history] ol.timeline li");
        entries.Select(e => e.QuerySelector("time")!.TextContent).ShouldBe(["Proposed on 3 March 2026", "Moved to Drafting on 15 April 2026"]);
        entries.Select(e => e.QuerySelector("a")!.GetAttribute("href")).ShouldBe([
            $"https://github.com/example-org/dula-registry-fixture/commit/{propose}",
            $"https://github.com/example-org/dula-registry-fixture/commit/{draft}"]);
        entries[1].QuerySelector("time")!.GetAttribute("datetime").ShouldBe("2026-04-15T10:00:00+00:00");
        entries[1].TextContent.ShouldContain("Start drafting");
        var last = page.QuerySelector("p.timeline__last").ShouldNotBeNull();
        last.TextContent.ShouldContain("Last changed on");
        last.QuerySelector("time")!.TextContent.ShouldBe("20 May 2026");
        last.QuerySelector("a")!.GetAttribute("href").ShouldEndWith($"/commit/{typo}");

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "agreements.json")));
        var agreement = json.RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "DULA-2026-0003");
        agreement.GetProperty("statusHistory").EnumerateArray().Select(c => (c.GetProperty("status").GetString(), c.GetProperty("commit").GetString()))
            .ShouldBe([("proposed", propose), ("drafting", draft)]);
        agreement.GetProperty("statusHistory")[0].GetProperty("date").GetString().ShouldBe("2026-03-03T10:00:00+00:00");
        agreement.GetProperty("lastChanged").GetProperty("commit").GetString().ShouldBe(typo);

        // Built without history (as the goldens are), the section is absent and the export says so.
        var plain = await BuiltSite.Instance;
        new HtmlParser().ParseDocument(plain.ReadText("agreements/DULA-2026-0003/index.html")).QuerySelector("section[aria-labelledby=history]").ShouldBeNull();
        using var plainJson = JsonDocument.Parse(plain.ReadText("agreements.json"));
        plainJson.RootElement[0].GetProperty("statusHistory").GetArrayLength().ShouldBe(0);
        plainJson.RootElement[0].GetProperty("lastChanged").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Entries_read_as_plain_sentences()
    {
        var date = new DateTimeOffset(2026, 3, 3, 23, 30, 0, TimeSpan.FromHours(-5));
        ViewModels.Timelines.Sentence(Model.AgreementStatus.Proposed, date, first: true).ShouldBe("Proposed on 3 March 2026");
        ViewModels.Timelines.Sentence(Model.AgreementStatus.InReview, date, first: false).ShouldBe("Moved to In review on 3 March 2026");
        ViewModels.Timelines.Sentence(Model.AgreementStatus.Drafting, date, first: true).ShouldBe("Added to the registry as Drafting on 3 March 2026");
        ViewModels.Timelines.Sentence(Model.AgreementStatus.Executed, date, first: false).ShouldBe("Executed on 3 March 2026");
    }
}
