using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Parses registry.yml, agencies/ and agreements/; files that cannot be parsed become diagnostics. The status history walk
/// needs only Git, so it starts first and runs beside the parsing (<see cref="ReadHistory"/> takes its result): the two
/// leave each other's idle moments to the other, instead of one waiting for the other.
/// </summary>
public sealed class LoadRegistry : IBuildStep
{
    public string Description => "Loading the registry";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var history = state.Options.History ? StartHistory(state) : null;
        var bag = new DiagnosticBag();
        var options = RenderedBody.ForSite with { Cache = state.FileCache, Cancellation = cancellationToken };
        var registry = RegistryLoader.Load(state.Options.Root, bag, options);
        return Task.FromResult(state with { Registry = registry, Diagnostics = [.. state.Diagnostics, .. bag.Sorted()], PendingHistory = history });
    }

    private static Task<(DulaRegistry.History.RegistryHistory History, string? Key)> StartHistory(BuildState state)
    {
        // The file-size limit comes from registry.yml; its diagnostics are the loading's to report, so here they are dropped.
        var maxFileBytes = RegistryLoader.LoadSettings(state.Options.Root, new DiagnosticBag()).EffectiveMaxFileBytes;
        var walk = Task.Run(() => ReadHistory.Walk(state, maxFileBytes));
        // A build that stops before ReadHistory never awaits the walk: its failure, if any, is observed here instead.
        _ = walk.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return walk;
    }

    public string? Summarize(BuildState before, BuildState after) =>
        $"{after.RequireRegistry.Agreements.Count:N0} agreements, {after.RequireRegistry.Agencies.Count:N0} agencies"
        + (after.FileCache is { Hits: > 0 } files ? $" ({files.Hits:N0} unchanged, {files.Added:N0} parsed)" : "");
}
