namespace DulaRegistry.Site.Build;

/// <summary>
/// Keeps, beside the output folder, what the next build needs to be incremental: each page's fingerprint, the status
/// history with the Git state it came from, the search index's words (<see cref="SearchWordCache"/>), where each record of
/// <c>agreements.json</c> is (<see cref="JsonRecordCache"/>), and (written earlier,
/// see <see cref="FileCache.WriteInBackground"/>) what each file loaded as. The cache always names the site it describes: a
/// full build writes it once the new site is in place, and a build killed before that leaves the old cache, which no longer
/// matches, so the next build is a full one. An incremental build, which keeps the site's marker and so its stamp, writes it
/// while its files move (<see cref="Start"/>), under the journal of the update; the journal goes only once both are done.
/// Returns what became of the cache: "written", "off", or why it was not written.
/// </summary>
public sealed class WriteBuildCache : IBuildStep<(BuildContext Context, Task<string?>? FilesWritten, HistoryRead History, WrittenFiles Written, Task<string>? Started), string>
{
    public string Description => "Writing the build cache";

    /// <summary>Starts writing an incremental build's cache on another thread, before its files move into the site (see
    /// <see cref="SwapOutput"/>); the step then waits for it. Measured: the two took 35-48 ms and 37-40 ms one after the other.</summary>
    public static Task<string> Start(BuildContext context, Task<string?>? filesWritten, HistoryRead history, WrittenFiles written) =>
        Task.Run(() => WriteAsync(context, filesWritten, history, written), CancellationToken.None);

    public async Task<string> RunAsync((BuildContext Context, Task<string?>? FilesWritten, HistoryRead History, WrittenFiles Written, Task<string>? Started) input, CancellationToken cancellationToken)
    {
        var (context, filesWritten, history, written, started) = input;
        var note = await (started ?? WriteAsync(context, filesWritten, history, written)).ConfigureAwait(false);
        // The cache now describes the site as it is: an update that was under way is complete.
        if (note == Written) BuildCache.EndUpdate(context.Output);
        return note;
    }

    private const string Written = "written";

    private static async Task<string> WriteAsync(BuildContext context, Task<string?>? filesWritten, HistoryRead history, WrittenFiles written)
    {
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
            return Written;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The site is in place; without a cache the next build is a full one.
            return $"not written ({ex.Message.TrimEnd('.')})";
        }
    }

    public string? Summarize((BuildContext Context, Task<string?>? FilesWritten, HistoryRead History, WrittenFiles Written, Task<string>? Started) input, string note) => note;
}
