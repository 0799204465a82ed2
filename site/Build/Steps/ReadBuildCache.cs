namespace DulaRegistry.Site.Build;

/// <summary>
/// Reads what the previous build into the same output folder kept (<see cref="BuildCache"/>), when the build is incremental and
/// the cache still describes the site in place; otherwise the build is a full one, and the summary says why. Also starts
/// reading the bodies the last build rendered (<see cref="BodyCache"/>), which serve whenever the tool and options are the same.
/// </summary>
public sealed class ReadBuildCache : IBuildStep
{
    public string Description => "Reading the build cache";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (!state.Options.Incremental) return Task.FromResult(state with { CacheNote = "off" });
        var key = BuildCache.KeyFor(state.Options);
        // The bodies are read on another thread while the pages' cache is read here (the loading waits for them). They are
        // kept by the bytes of their files, so they serve even when the pages' cache does not.
        var bodies = BodyCache.Start(state.Options.Output, key);
        var cache = BuildCache.Read(state.Options.Output, key, out var reason);
        return Task.FromResult(state with { PreviousBuild = cache, Bodies = bodies, CacheNote = cache is null ? $"{reason}: full build" : reason });
    }

    public string? Summarize(BuildState before, BuildState after) => after.CacheNote;
}
