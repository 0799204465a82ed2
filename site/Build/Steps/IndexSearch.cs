using DulaRegistry.Site.Exports;

namespace DulaRegistry.Site.Build;

/// <summary>Writes the prebuilt search index site.js reads chunk by chunk (<see cref="SearchIndex"/>); an incremental build leaves
/// the files whose bytes are unchanged as they are.</summary>
public sealed class IndexSearch : IBuildStep<SiteTarget, WrittenFiles>
{
    public string Description => "Indexing for search";

    public Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(WrittenFiles.Of([.. SearchIndex.Write(target.Site, cancellationToken)
            .Select(file => OutputWriter.WriteIfChanged(target, file.Path, file.Bytes, OutputKind.Export))]));

    public string? Summarize(SiteTarget target, WrittenFiles written) => $"{target.Site.Agreements.Count:N0} entries";
}
