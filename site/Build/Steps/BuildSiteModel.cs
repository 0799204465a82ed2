using DulaRegistry.Loading;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>Builds the view models every page and export reads, and the data-flow graph.</summary>
public sealed class BuildSiteModel : IBuildStep<(BuildContext Context, LoadedRegistry Registry, HistoryRead History), SiteContent>
{
    public string Description => "Building the site model";

    public Task<SiteContent> RunAsync((BuildContext Context, LoadedRegistry Registry, HistoryRead History) input, CancellationToken cancellationToken)
    {
        var site = SiteModel.Create(input.Registry, input.Context.Urls, input.Context.Options.Today, input.History.History, cancellationToken);
        return Task.FromResult(new SiteContent(site, FlowGraph.Build(site)));
    }
}
