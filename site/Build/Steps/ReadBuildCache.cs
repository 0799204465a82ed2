namespace DulaRegistry.Site.Build;

/// <summary>
/// Reads what the previous build into the same output folder kept (<see cref="BuildCache"/>), when the build is incremental and
/// the cache still describes the site in place; otherwise the build is a full one, and the summary says why.
/// </summary>
public sealed class ReadBuildCache : IBuildStep
{
    public string Description => "Reading the build cache";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (!state.Options.Incremental) return Task.FromResult(state with { CacheNote = "off" });
        var cache = BuildCache.Read(state.Options.Output, BuildCache.KeyFor(state.Options), out var reason);
        return Task.FromResult(state with { PreviousBuild = cache, CacheNote = cache is null ? $"{reason}: full build" : reason });
    }

    public string? Summarize(BuildState before, BuildState after) => after.CacheNote;
}
