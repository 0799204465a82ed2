using System.Diagnostics;
using AngleSharp.Html.Parser;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Tests.Infrastructure;

namespace DulaRegistry.Site.Tests;

/// <summary>The status timeline on agreement pages, built from a real Git repository made for the test.</summary>
public sealed class HistoryTests
{
    private static void Git(string repo, string? date, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", "user.name=Test Drafter", "-c", "user.email=drafter@example.org", "-c", "commit.gpgsign=false", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GIT_AUTHOR_DATE"] = start.Environment["GIT_COMMITTER_DATE"] = date ?? "2026-01-01T09:00:00+00:00";
        using var git = Process.Start(start)!;
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, git.StandardError.ReadToEnd());
    }

    [Fact]
    public async Task Agreement_page_lists_each_status_change_with_its_commit()
    {
        var repo = BuiltSite.NewTempFolder("dula-history-");
        foreach (var file in BuiltSite.ListFiles(RepoPaths.FixtureRegistry))
        {
            var target = Path.Combine(repo, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.FixtureRegistry, file), target);
        }
        var agreement = Path.Combine(repo, "agreements", "DULA-2026-0003.md");
        var drafting = File.ReadAllText(agreement);
        Git(repo, null, "init", "--quiet", "--initial-branch=main");
        File.WriteAllText(agreement, drafting.Replace("status: drafting", "status: proposed", StringComparison.Ordinal));
        Git(repo, null, "add", "--all");
        Git(repo, "2026-03-02T10:00:00+00:00", "commit", "--quiet", "-m", "Propose the agreement");
        File.WriteAllText(agreement, drafting);
        Git(repo, "2026-04-15T10:00:00+00:00", "commit", "--quiet", "--all", "-m", "Start drafting");

        var output = Path.Combine(BuiltSite.NewTempFolder("dula-history-site-"), "site");
        var result = await SiteBuilder.BuildAsync(new SiteBuildOptions(repo, output, "/registry/", BuiltSite.Today, History: true));
        result.Succeeded.ShouldBeTrue();

        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, "agreements", "DULA-2026-0003", "index.html")));
        var rows = page.QuerySelectorAll("table.history-table tbody tr");
        rows.Select(r => r.QuerySelector("time")!.TextContent).ShouldBe(["2026-03-02", "2026-04-15"]);
        rows.Select(r => r.QuerySelector(".status-badge")!.TextContent).ShouldBe(["Proposed", "Drafting"]);
        rows[1].TextContent.ShouldContain("Start drafting");
        rows[1].QuerySelector("a")?.GetAttribute("href")?.ShouldContain("/commit/");

        // Built without history (as the goldens are), the section is absent.
        var plain = new HtmlParser().ParseDocument((await BuiltSite.Instance).ReadText("agreements/DULA-2026-0003/index.html"));
        plain.QuerySelector("table.history-table").ShouldBeNull();
    }
}
