namespace DulaRegistry.Site.Build;

/// <summary>
/// Reads what the previous build into the same output folder kept (<see cref="BuildCache"/>), when the build is incremental and
/// the cache still describes the site in place; otherwise the build is a full one, and the summary says why. Also starts
/// reading the files the last build loaded (<see cref="FileCache"/>), which serve whenever the tool and options are the same.
/// </summary>
public sealed class ReadBuildCache : IBuildStep
{
    public string Description => "Reading the build cache";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (!state.Options.Incremental) return Task.FromResult(state with { CacheNote = "off" });
        var key = BuildCache.KeyFor(state.Options);
        // The files are read on another thread while the pages' cache is read here (the loading waits for them). They are
        // kept by their bytes, so they serve even when the pages' cache does not.
        var files = FileCache.Start(state.Options.Output, key);
        var cache = BuildCache.Read(state.Options.Output, key, out var reason);
        return Task.FromResult(state with { PreviousBuild = cache, FileCache = files, CacheNote = cache is null ? $"{reason}: full build" : reason });
    }

    public string? Summarize(BuildState before, BuildState after) => after.CacheNote;
}
