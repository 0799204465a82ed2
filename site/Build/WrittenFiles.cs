namespace DulaRegistry.Site.Build;

/// <summary>What the steps that write the site wrote (or left as it was in the site), in order, and what the pages were made from.</summary>
/// <param name="Files">Every file, in the order the steps list them.</param>
/// <param name="PageFingerprints">Each page's fingerprint (<see cref="Build.PageFingerprints"/>), for the next build's cache; empty
/// when the build is not incremental or the step wrote no pages.</param>
/// <param name="PagesReused">How many pages were left unchanged in the site instead of rendered.</param>
public sealed record WrittenFiles(IReadOnlyList<OutputFile> Files, IReadOnlyDictionary<string, string> PageFingerprints, int PagesReused)
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>();

    /// <summary>Files that are not pages.</summary>
    public static WrittenFiles Of(IReadOnlyList<OutputFile> files) => new(files, s_none, 0);

    /// <summary>The search index's words for the next build (<see cref="SearchWordCache.Encode"/>), written with the build
    /// cache; null when the build is not incremental or they are the ones already kept.</summary>
    public byte[]? SearchWords { get; init; }

    /// <summary>Where each agreement's record is in <c>agreements.json</c>, for the next build (<see cref="JsonRecordCache.Encode"/>),
    /// written with the build cache; null when the build is not incremental.</summary>
    public byte[]? JsonRecords { get; init; }

    /// <summary>How many records of <c>agreements.json</c> were copied from the last build's file (<see cref="JsonRecordCache"/>).</summary>
    public int JsonRecordsReused { get; init; }

    /// <summary>How many documents of the search index took their words from the last build's (<see cref="SearchWordCache"/>).</summary>
    public int SearchWordsReused { get; init; }

    public int Count(OutputKind kind) => Files.Count(f => f.Kind == kind);

    /// <summary>These files, then <paramref name="more"/>'s.</summary>
    public WrittenFiles And(WrittenFiles more)
    {
        var fingerprints = more.PageFingerprints.Count == 0 ? PageFingerprints
            : PageFingerprints.Count == 0 ? more.PageFingerprints
            : PageFingerprints.Concat(more.PageFingerprints).ToDictionary(StringComparer.Ordinal);
        return new WrittenFiles([.. Files, .. more.Files], fingerprints, PagesReused + more.PagesReused)
        {
            SearchWords = SearchWords ?? more.SearchWords,
            JsonRecords = JsonRecords ?? more.JsonRecords,
            JsonRecordsReused = JsonRecordsReused + more.JsonRecordsReused,
            SearchWordsReused = SearchWordsReused + more.SearchWordsReused,
        };
    }
}
