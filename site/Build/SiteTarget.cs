using DulaRegistry.Site.Graph;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>What the steps that write the site read: the site model and graph, the staging folder they write to, and the
/// previous build's cache (null for a full build), which says what may be left as it is in the site.</summary>
public sealed record SiteTarget(BuildContext Context, string Staging, BuildCache? Previous, SiteContent Content)
{
    public SiteModel Site => Content.Site;

    public FlowGraphView Graph => Content.Graph;
}

/// <summary>The views every page and export reads, and the data-flow graph (<see cref="BuildSiteModel"/>).</summary>
public sealed record SiteContent(SiteModel Site, FlowGraphView Graph);
