using DulaRegistry.Site.Graph;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>Builds the view models every page and export reads, and the data-flow graph.</summary>
public sealed class BuildSiteModel : IBuildStep
{
    public string Description => "Building the site model";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var site = SiteModel.Create(state.RequireRegistry, state.Urls, state.Options.Today, state.History);
        // The views hold what the pages and exports show; the parsed files (models, source maps) are not needed again.
        return Task.FromResult(state with { Site = site, Graph = FlowGraph.Build(site), Registry = null });
    }
}
