using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.ViewModels;

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
        // Each file is written as soon as it is made, and let go; a document chunk the site holds unchanged stays as it is.
        var written = new List<OutputFile>();
        var (reused, words) = (0, (byte[]?)null);
        var chunks = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var left = new ConcurrentDictionary<string, OutputFile>(StringComparer.Ordinal);
        SearchIndex.Build(target.Site, kept,
            (path, bytes) => written.Add(bytes is null ? left[path] : OutputWriter.WriteIfChanged(target, path, bytes, OutputKind.Export)),
            index =>
            {
                reused = index.Reused;
                // Kept for the next build as bytes (the documents' words are let go), unless they are the words already kept.
                words = key is null ? null : SearchWordCache.Encode(index, kept, key);
            },
            HeapTrim.IfLarge, // the words, weighed: dead, and long-lived enough that only a full collection reclaims them
            key is null ? null : (chunk, range) => Unchanged(target, chunk, range, chunks, left),
            cancellationToken);
        return Task.FromResult(new WrittenFiles(written, chunks, 0) { SearchWordsReused = reused, SearchWords = words });
    }

    /// <summary>
    /// True when the site holds document chunk <paramref name="chunk"/> as the last build made it from the same agreements with
    /// the same views: its fingerprint (of its agreements' page fingerprints, in order) is the one kept for its file. The
    /// fingerprint goes to <paramref name="chunks"/> either way, for the next build; a file left as it is, to <paramref name="left"/>.
    /// </summary>
    private static bool Unchanged(SiteTarget target, int chunk, Range range, ConcurrentDictionary<string, string> chunks,
        ConcurrentDictionary<string, OutputFile> left)
    {
        var pages = target.Fingerprints().GetAwaiter().GetResult(); // made by now: the terms were made first
        var agreements = target.Site.Agreements;
        var hash = new XxHash128();
        var (start, length) = range.GetOffsetAndLength(agreements.Count);
        for (var i = start; i < start + length; i++)
        {
            if (!pages.TryGetValue(SiteUrls.AgreementPath(agreements[i].Id), out var fingerprint)) return false; // not fingerprinted
            hash.Append(MemoryMarshal.AsBytes(fingerprint.AsSpan()));
        }
        var path = SiteUrls.SearchDocsPath(chunk);
        var mine = Convert.ToHexStringLower(hash.GetCurrentHash());
        chunks[path] = mine;
        if (target.Previous is not { } previous || !previous.Pages.TryGetValue(path, out var before) || before != mine
            || OutputWriter.Unchanged(target, path, OutputKind.Export) is not { } file)
        {
            return false;
        }
        left[path] = file;
        return true;
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) => written.SearchWordsReused > 0
        ? $"{target.Site.Agreements.Count:N0} entries ({written.SearchWordsReused:N0} of them split into words by the last build)"
        : $"{target.Site.Agreements.Count:N0} entries";
}
