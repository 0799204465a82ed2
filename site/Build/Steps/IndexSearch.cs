using DulaRegistry.Site.Exports;

namespace DulaRegistry.Site.Build;

/// <summary>Writes search.json, the index site.js loads into MiniSearch.</summary>
public sealed class IndexSearch : IBuildStep
{
    public string Description => "Indexing for search";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken) =>
        Task.FromResult(state.AddFiles([OutputWriter.Write(state.RequireStaging, "search.json", SearchIndex.Write(state.RequireSite), OutputKind.Export)]));

    public string? Summarize(BuildState before, BuildState after) => $"{after.RequireSite.Agreements.Count:N0} entries";
}
