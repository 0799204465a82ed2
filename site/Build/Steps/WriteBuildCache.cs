namespace DulaRegistry.Site.Build;

/// <summary>
/// Keeps, beside the output folder, what the next build needs to be incremental: each page's fingerprint, the status
/// history with the Git state it came from, the search index's words (<see cref="SearchWordCache"/>), where each record of
/// <c>agreements.json</c> is (<see cref="JsonRecordCache"/>), and (written earlier,
/// see <see cref="FileCache.WriteInBackground"/>) what each file loaded as. Runs once the new site is in place, so the cache
/// always names the site it describes; a build killed before it leaves the old cache, which no longer matches, and the next
/// build is a full one. Returns what became of the cache: "written", "off", or why it was not written.
/// </summary>
public sealed class WriteBuildCache : IBuildStep<(BuildContext Context, Task<string?>? FilesWritten, HistoryRead History, WrittenFiles Written), string>
{
    public string Description => "Writing the build cache";

    public async Task<string> RunAsync((BuildContext Context, Task<string?>? FilesWritten, HistoryRead History, WrittenFiles Written) input, CancellationToken cancellationToken)
    {
        var (context, filesWritten, history, written) = input;
        if (!context.Options.Incremental) return "off";
        // The loaded files were written beside the rest of the build (FileCache.WriteInBackground): that must have succeeded too.
        if (filesWritten is not null && await filesWritten.ConfigureAwait(false) is { } problem) return problem;
        var output = context.Output;
        if (BuildCache.SiteStamp(output) is not { } stamp) return "not written";
        var key = BuildCache.KeyFor(context.Options);
        var cache = new BuildCache(key, stamp, written.PageFingerprints, history.Key, history.Key is null ? null : history.History,
            [.. written.Files.Select(f => f.Path)]);
        try
        {
            if (!cache.Write(output)) return BuildCache.NotOursNote(output);
            if (written.SearchWords is { } words) SearchWordCache.Write(output, words);
            if (written.JsonRecords is { } records) JsonRecordCache.Write(output, records);
            BuildCache.EndUpdate(output); // the cache now describes the site as it is: an update that was under way is complete
            return "written";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The site is in place; without a cache the next build is a full one.
            return $"not written ({ex.Message.TrimEnd('.')})";
        }
    }

    public string? Summarize((BuildContext Context, Task<string?>? FilesWritten, HistoryRead History, WrittenFiles Written) input, string note) => note;
}
