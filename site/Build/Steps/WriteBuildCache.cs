namespace DulaRegistry.Site.Build;

/// <summary>
/// Keeps, beside the output folder, what the next build needs to be incremental: each page's fingerprint, the status
/// history with the Git state it came from, and what each file loaded as. Runs once the new site is in place, so the cache always names the site it
/// describes; a build killed before it leaves the old cache, which no longer matches, and the next build is a full one.
/// </summary>
public sealed class WriteBuildCache : IBuildStep
{
    public string Description => "Writing the build cache";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (!state.Options.Incremental || !state.Published) return Task.FromResult(state);
        var output = OutputFolder.Normalize(state.Options.Output);
        if (BuildCache.SiteStamp(output) is not { } stamp) return Task.FromResult(state with { CacheNote = "not written" });
        var key = BuildCache.KeyFor(state.Options);
        var cache = new BuildCache(key, stamp, state.PageFingerprints, state.HistoryKey,
            state.HistoryKey is null ? null : state.History, [.. state.Files.Select(f => f.Path)]);
        try
        {
            if (!cache.Write(output)) return Task.FromResult(state with { CacheNote = $"not written: {BuildCache.FolderOf(output)} was not made by this tool" });
            state.FileCache?.Write(output, key);
            BuildCache.EndUpdate(output); // the cache now describes the site as it is: an update that was under way is complete
            return Task.FromResult(state with { CacheNote = "written" });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The site is in place; without a cache the next build is a full one.
            return Task.FromResult(state with { CacheNote = $"not written ({ex.Message.TrimEnd('.')})" });
        }
    }

    public string? Summarize(BuildState before, BuildState after) => after.Options.Incremental ? after.CacheNote : "off";
}
