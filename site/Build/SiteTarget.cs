using DulaRegistry.Site.Graph;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>What the steps that write the site read: the site model and graph, the staging folder they write to, and the
/// previous build's cache (null for a full build), which says what may be left as it is in the site.</summary>
public sealed record SiteTarget(BuildContext Context, string Staging, BuildCache? Previous, SiteContent Content)
{
    private IReadOnlyList<PageSpec>? _pages;

    public SiteModel Site => Content.Site;

    public FlowGraphView Graph => Content.Graph;

    /// <summary>Every page of the site (<see cref="RenderPages.Pages"/>), listed once for the steps that render them and that
    /// name them (the sitemap), which may run side by side.</summary>
    public IReadOnlyList<PageSpec> Pages => LazyInitializer.EnsureInitialized(ref _pages, () => RenderPages.Pages(Site, Graph));

    private Task<IReadOnlyDictionary<string, string>>? _fingerprints;

    /// <summary>
    /// Each page's fingerprint by path (<see cref="PageFingerprints"/>), made once, on the first call, for every step that asks:
    /// <see cref="RenderPages"/> leaves the pages whose fingerprint is unchanged as they are, and <see cref="WriteExports"/> copies
    /// such agreements' records of <c>agreements.json</c> from the last build's file (<see cref="JsonRecordCache"/>). Made while
    /// the steps that do not need them (the search index, the assets) already run. Empty when the build is not incremental.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string>> Fingerprints() => LazyInitializer.EnsureInitialized(ref _fingerprints, () =>
        Context.Options.Incremental
            ? Task.Run(() => (IReadOnlyDictionary<string, string>)PageFingerprints.Of(Pages, Site))
            : Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>()));
}

/// <summary>The views every page and export reads, and the data-flow graph (<see cref="BuildSiteModel"/>).</summary>
public sealed record SiteContent(SiteModel Site, FlowGraphView Graph);
