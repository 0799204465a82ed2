using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>Steps run side by side (an incremental build) or one after another (a full build) give the same state: the first
/// step's, with every step's files in step order.</summary>
public sealed class ConcurrentStepsTests
{
    private static readonly BuildState s_start = new()
    {
        Options = new SiteBuildOptions("root", "out", "/", new DateOnly(2026, 11, 22)),
        Urls = new SiteUrls("/"),
        Files = [new OutputFile("before.html", OutputKind.Page, 1)],
    };

    /// <summary>The start of an incremental build (a previous build's cache) or of a full one.</summary>
    private static BuildState Start(bool incremental) => incremental
        ? s_start with { PreviousBuild = new BuildCache("key", 1, new Dictionary<string, string>(), null, null, []) }
        : s_start;

    private sealed class AddFile(string path, OutputKind kind, int delay, Func<BuildState, BuildState>? more = null) : IBuildStep
    {
        public string Description => "Adding " + path;

        public async Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            var next = state.AddFiles([new OutputFile(path, kind, 1)]);
            return more is null ? next : more(next);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_first_steps_state_is_kept_and_every_steps_files_follow_in_step_order(bool incremental)
    {
        // The first step finishes last: the order is the steps', not the finishing order.
        var step = new Concurrently("Writing",
            new AddFile("page.html", OutputKind.Page, 50, s => s with { PagesReused = 1 }),
            new AddFile("export.json", OutputKind.Export, 0),
            new AddFile("asset.css", OutputKind.Asset, 10));
        var start = Start(incremental);
        var after = await step.RunAsync(start, CancellationToken.None);
        after.Files.Select(f => f.Path).ShouldBe(["before.html", "page.html", "export.json", "asset.css"]);
        after.PagesReused.ShouldBe(1);
        step.Summarize(start, after).ShouldBe(incremental ? "1 pages (0 rendered, 1 unchanged), 1 exports, 1 assets" : "1 pages, 1 exports, 1 assets");
    }

    [Fact]
    public async Task A_step_beside_others_that_changes_more_than_its_files_is_refused()
    {
        var step = new Concurrently("Writing",
            new AddFile("page.html", OutputKind.Page, 0),
            new AddFile("export.json", OutputKind.Export, 0, s => s with { PagesReused = 3 })); // would be lost
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => step.RunAsync(Start(incremental: true), CancellationToken.None));
        refused.Message.ShouldContain("changed more than the files");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_step_fails_the_whole(bool incremental)
    {
        var step = new Concurrently("Writing",
            new AddFile("page.html", OutputKind.Page, 0),
            new AddFile("export.json", OutputKind.Export, 0, s => s with { Failed = true, Error = "disk full" }));
        var after = await step.RunAsync(Start(incremental), CancellationToken.None);
        after.Failed.ShouldBeTrue();
        after.Error.ShouldBe("disk full");
    }
}
