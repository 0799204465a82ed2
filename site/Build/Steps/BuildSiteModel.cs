using DulaRegistry.Loading;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Builds the view models every page and export reads, and the data-flow graph. An incremental build starts this beside the
/// validation (<see cref="Start"/>) and the step then waits for it: see <see cref="SiteBuilder"/>.
/// </summary>
public sealed class BuildSiteModel : IBuildStep<(BuildContext Context, LoadedRegistry Registry, HistoryRead History, Task<SiteContent>? Started), SiteContent>
{
    public string Description => "Building the site model";

    public Task<SiteContent> RunAsync((BuildContext Context, LoadedRegistry Registry, HistoryRead History, Task<SiteContent>? Started) input,
        CancellationToken cancellationToken) =>
        input.Started ?? Task.FromResult(Build(input.Context, input.Registry, input.History, cancellationToken));

    /// <summary>The site model of <paramref name="load"/>'s registry, made on another thread once the status history walk the
    /// loading started has ended; null when no walk was started (history on, and nothing to wait for: the step builds it).</summary>
    public static Task<SiteContent>? Start(BuildContext context, RegistryLoad load, CancellationToken cancellationToken)
    {
        if (context.Options.History && load.PendingHistory is null) return null;
        var pending = load.PendingHistory ?? Task.FromResult(HistoryRead.Off);
        return Task.Run(async () => Build(context, load.Registry, await pending.ConfigureAwait(false), cancellationToken), cancellationToken);
    }

    private static SiteContent Build(BuildContext context, LoadedRegistry registry, HistoryRead history, CancellationToken cancellationToken)
    {
        var site = SiteModel.Create(registry, context.Urls, context.Options.Today, history.History, cancellationToken);
        return new SiteContent(site, FlowGraph.Build(site));
    }

    public string? Summarize((BuildContext Context, LoadedRegistry Registry, HistoryRead History, Task<SiteContent>? Started) input, SiteContent content) =>
        input.Started is null ? null : "started beside the validation";
}
