using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Parses registry.yml, agencies/ and agreements/; files that cannot be parsed become diagnostics. The status history walk
/// needs only Git, so it starts first and runs beside the parsing (<see cref="ReadHistory"/> takes its result): the two
/// leave each other's idle moments to the other, instead of one waiting for the other.
/// </summary>
public sealed class LoadRegistry : IBuildStep<(BuildContext Context, CacheRead Cache, SpillFile? Spill), RegistryLoad>
{
    public string Description => "Loading the registry";

    /// <param name="input">The build, its cache, and where the parsed bodies' HTML and the file cache's new entries are kept
    /// until they are written (<see cref="SpillFile"/>; null: on the heap).</param>
    public Task<RegistryLoad> RunAsync((BuildContext Context, CacheRead Cache, SpillFile? Spill) input, CancellationToken cancellationToken)
    {
        var (context, cache, spill) = input;
        var history = context.Options.History ? StartHistory(context, cache) : null;
        var bag = new DiagnosticBag();
        if (spill is not null) cache.Files?.SpillTo(spill);
        var options = (spill is null ? RenderedBody.ForSite : RenderedBody.ForSiteStoring(spill)) with { Cache = cache.Files, Cancellation = cancellationToken };
        var registry = RegistryLoader.Load(context.Options.Root, bag, options);
        return Task.FromResult(new RegistryLoad(registry, bag.Sorted(), cache.Files, history));
    }

    private static Task<HistoryRead> StartHistory(BuildContext context, CacheRead cache)
    {
        // The file-size limit comes from registry.yml; its diagnostics are the loading's to report, so here they are dropped.
        var maxFileBytes = RegistryLoader.LoadSettings(context.Options.Root, new DiagnosticBag()).EffectiveMaxFileBytes;
        // On a thread of its own: it waits for its blob readers, and a pool thread waiting is one the loading cannot use.
        var walk = Task.Factory.StartNew(() => ReadHistory.Walk(context, cache.Previous, maxFileBytes), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // A build that stops before ReadHistory never awaits the walk: its failure, if any, is observed here instead.
        _ = walk.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return walk;
    }

    public string? Summarize((BuildContext Context, CacheRead Cache, SpillFile? Spill) input, RegistryLoad load) =>
        $"{load.Registry.Agreements.Count:N0} agreements, {load.Registry.Agencies.Count:N0} agencies"
        + (load.Files is { Hits: > 0 } files ? $" ({files.Hits:N0} unchanged, {files.Unread:N0} of them not read again; {files.Added:N0} parsed)" : "");
}

/// <summary>The parsed registry and what parsing found wrong with it.</summary>
/// <param name="Files">The file cache the loading read from and added to (null when the build is not incremental).</param>
/// <param name="PendingHistory">The status history walk started beside the loading; null when history is off.</param>
public sealed record RegistryLoad(LoadedRegistry Registry, IReadOnlyList<Diagnostic> Diagnostics, FileCache? Files, Task<HistoryRead>? PendingHistory);
