using DulaRegistry.Site.Exports;

namespace DulaRegistry.Site.Build;

/// <summary>Writes the prebuilt search index site.js reads chunk by chunk (<see cref="SearchIndex"/>); an incremental build
/// splits into words only the documents whose texts changed (<see cref="SearchWordCache"/>) and leaves the files whose bytes
/// are unchanged as they are.</summary>
public sealed class IndexSearch : IBuildStep<SiteTarget, WrittenFiles>
{
    public string Description => "Indexing for search";

    public Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
    {
        var options = target.Context.Options;
        var key = options.Incremental ? BuildCache.KeyFor(options) : null;
        using var kept = key is null ? null : SearchWordCache.Read(target.Context.Output, key); // unmapped once the index is made
        HeapTrim.IfLarge(); // what the steps before left, before the words of every document join the site model
        // Each file is written as soon as it is made, and let go.
        var written = new List<OutputFile>();
        var (reused, words) = (0, (byte[]?)null);
        SearchIndex.Build(target.Site, kept, (path, bytes) => written.Add(OutputWriter.WriteIfChanged(target, path, bytes, OutputKind.Export)),
            index =>
            {
                reused = index.Reused;
                // Kept for the next build as bytes (the documents' words are let go), unless they are the words already kept.
                words = key is null ? null : SearchWordCache.Encode(index, kept, key);
            },
            HeapTrim.IfLarge, // the words, weighed: dead, and long-lived enough that only a full collection reclaims them
            cancellationToken);
        return Task.FromResult(WrittenFiles.Of(written) with { SearchWordsReused = reused, SearchWords = words });
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) => written.SearchWordsReused > 0
        ? $"{target.Site.Agreements.Count:N0} entries ({written.SearchWordsReused:N0} of them split into words by the last build)"
        : $"{target.Site.Agreements.Count:N0} entries";
}
