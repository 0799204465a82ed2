using DulaRegistry.Site.Build;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// A signalled build has two seconds to stop and delete its staging folder before the process ends anyway (leaving the folder
/// for the next build to remove): every part of writing the site watches the token, not only the pages, so a signal during
/// the exports, the search index or the site model stops the build at once.
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private readonly string _staging = Path.Combine(Path.GetTempPath(), "dula-cancel-" + Guid.NewGuid().ToString("N"));

    public CancellationTests() => Directory.CreateDirectory(_staging);

    public void Dispose() => SafeDelete.TryTree(_staging);

    private static readonly DateOnly s_today = new(2026, 11, 22);

    private static DulaRegistry.Loading.LoadedRegistry Registry() =>
        DulaRegistry.Loading.RegistryLoader.Load(RepoPaths.FixtureRegistry, new DulaRegistry.Diagnostics.DiagnosticBag(), RenderedBody.ForSite);

    private SiteTarget Target()
    {
        var context = new BuildContext(new SiteBuildOptions("root", "out", "/", s_today));
        var site = SiteModel.Create(Registry(), context.Urls, s_today);
        return new SiteTarget(context, _staging, null, new SiteContent(site, FlowGraph.Build(site)));
    }

    private static CancellationToken Cancelled() => new(canceled: true);

    [Fact]
    public void The_site_model_and_the_search_index_stop_when_cancelled()
    {
        var registry = Registry();
        var urls = new BuildContext(new SiteBuildOptions("root", "out", "/", s_today)).Urls;
        Should.Throw<OperationCanceledException>(() => SiteModel.Create(registry, urls, s_today, null, Cancelled()));
        var site = SiteModel.Create(registry, urls, s_today);
        Should.Throw<OperationCanceledException>(() => SearchIndex.Write(site, Cancelled()));
        SearchIndex.Write(site, CancellationToken.None).ShouldNotBeEmpty(); // the same, not cancelled, writes the index
    }

    [Fact]
    public async Task The_exports_stop_when_cancelled_and_write_in_full_when_not()
    {
        var target = Target();
        await Should.ThrowAsync<OperationCanceledException>(() => new WriteExports().RunAsync(target, Cancelled()));
        var written = await new WriteExports().RunAsync(target, CancellationToken.None);
        written.Files.Count.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void A_streamed_file_stops_at_its_next_write_once_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var writes = 0;
        Should.Throw<OperationCanceledException>(() => OutputWriter.Write(_staging, "big.json", stream =>
        {
            for (var i = 0; i < 10; i++)
            {
                if (i == 3) stop.Cancel();
                stream.Write(new byte[1024]);
                writes++;
            }
        }, OutputKind.Export, stop.Token));
        writes.ShouldBe(3);
    }

    /// <summary>Cancels the build's token while it runs, as a signal arriving during this step would.</summary>
    private sealed class CancelWhileRunning(CancellationTokenSource stop) : IBuildStep<SiteTarget, WrittenFiles>
    {
        public string Description => "Cancelling";

        public Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
        {
            stop.Cancel();
            return Task.FromResult(WrittenFiles.Of([new OutputFile("first.html", OutputKind.Page, 1)]));
        }
    }

    private sealed class MustNotStart : IBuildStep<SiteTarget, WrittenFiles>
    {
        public bool Started { get; private set; }

        public string Description => "Not started";

        public Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
        {
            Started = true;
            return Task.FromResult(WrittenFiles.Of([]));
        }
    }

    [Fact]
    public async Task In_a_full_build_the_next_step_is_not_started_after_a_signal()
    {
        using var stop = new CancellationTokenSource();
        var next = new MustNotStart();
        var step = new Concurrently("Writing", new CancelWhileRunning(stop), next);
        await Should.ThrowAsync<OperationCanceledException>(() => step.RunAsync(Target(), stop.Token));
        next.Started.ShouldBeFalse();
    }
}
