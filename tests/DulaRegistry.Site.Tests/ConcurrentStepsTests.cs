using DulaRegistry.Site.Build;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>Steps run side by side (an incremental build) or one after another (a full build) give the same result: every
/// step's files in step order, the pages' fingerprints and reuse counted once.</summary>
public sealed class ConcurrentStepsTests
{
    /// <summary>The target of an incremental build (a previous build's cache) or of a full one.</summary>
    private static SiteTarget Target(bool incremental)
    {
        var context = new BuildContext(new SiteBuildOptions("root", "out", "/", new DateOnly(2026, 11, 22)));
        var site = SiteModel.Create(DulaRegistry.Loading.RegistryLoader.Load(RepoPaths.FixtureRegistry, new DulaRegistry.Diagnostics.DiagnosticBag(), RenderedBody.ForSite),
            context.Urls, context.Options.Today);
        var previous = incremental ? new BuildCache("key", 1, new Dictionary<string, string>(), null, null, []) : null;
        return new SiteTarget(context, "staging", previous, new SiteContent(site, FlowGraph.Build(site)));
    }

    private sealed class AddFile(string path, OutputKind kind, int delay, int reused = 0, Exception? failure = null) : IBuildStep<SiteTarget, WrittenFiles>
    {
        public string Description => "Adding " + path;

        public async Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            if (failure is not null) throw failure;
            var fingerprints = kind == OutputKind.Page ? new Dictionary<string, string> { [path] = "fingerprint of " + path } : new Dictionary<string, string>();
            return new WrittenFiles([new OutputFile(path, kind, 1)], fingerprints, reused);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_steps_files_follow_in_step_order_with_the_pages_fingerprints(bool incremental)
    {
        // The first step finishes last: the order is the steps', not the finishing order.
        var step = new Concurrently("Writing",
            new AddFile("page.html", OutputKind.Page, 50, reused: 1),
            new AddFile("export.json", OutputKind.Export, 0),
            new AddFile("other.html", OutputKind.Page, 0),
            new AddFile("asset.css", OutputKind.Asset, 10));
        var target = Target(incremental);
        var written = await step.RunAsync(target, CancellationToken.None);
        written.Files.Select(f => f.Path).ShouldBe(["page.html", "export.json", "other.html", "asset.css"]);
        written.PagesReused.ShouldBe(1);
        written.PageFingerprints.Keys.Order(StringComparer.Ordinal).ShouldBe(["other.html", "page.html"]);
        step.Summarize(target, written).ShouldBe(incremental ? "2 pages (1 rendered, 1 unchanged), 1 exports, 1 assets" : "2 pages, 1 exports, 1 assets");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_step_fails_the_whole(bool incremental)
    {
        var step = new Concurrently("Writing",
            new AddFile("page.html", OutputKind.Page, 0),
            new AddFile("export.json", OutputKind.Export, 0, failure: new IOException("disk full")));
        var failure = await Should.ThrowAsync<IOException>(() => step.RunAsync(Target(incremental), CancellationToken.None));
        failure.Message.ShouldBe("disk full");
    }
}
