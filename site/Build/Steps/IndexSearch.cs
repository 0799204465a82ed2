using DulaRegistry.Site.Exports;

namespace DulaRegistry.Site.Build;

/// <summary>Writes the prebuilt search index site.js reads chunk by chunk (<see cref="SearchIndex"/>); an incremental build leaves
/// the files whose bytes are unchanged as they are.</summary>
public sealed class IndexSearch : IBuildStep
{
    public string Description => "Indexing for search";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken) =>
        Task.FromResult(state.AddFiles(SearchIndex.Write(state.RequireSite)
            .Select(file => OutputWriter.WriteIfChanged(state, file.Path, file.Bytes, OutputKind.Export)).ToList()));

    public string? Summarize(BuildState before, BuildState after) => $"{after.RequireSite.Agreements.Count:N0} entries";
}
