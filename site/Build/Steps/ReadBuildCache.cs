namespace DulaRegistry.Site.Build;

/// <summary>
/// Reads what the previous build into the same output folder kept (<see cref="BuildCache"/>), when the build is incremental and
/// the cache still describes the site in place; otherwise the build is a full one, and the summary says why. Also starts
/// reading the files the last build loaded (<see cref="FileCache"/>), which serve whenever the tool and options are the same.
/// </summary>
public sealed class ReadBuildCache : IBuildStep<BuildContext, CacheRead>
{
    public string Description => "Reading the build cache";

    public Task<CacheRead> RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        if (!context.Options.Incremental) return Task.FromResult(CacheRead.Off);
        var key = BuildCache.KeyFor(context.Options);
        // The files are read on another thread while the pages' cache is read here (the loading waits for them). They are
        // kept by their bytes, so they serve even when the pages' cache does not.
        var files = FileCache.Start(context.Options.Output, key);
        var cache = BuildCache.Read(context.Options.Output, key, out var reason);
        return Task.FromResult(new CacheRead(cache, files, cache is null ? $"{reason}: full build" : reason));
    }

    public string? Summarize(BuildContext context, CacheRead read) => read.Note;
}

/// <summary>What the previous build into the same folder left for this one.</summary>
/// <param name="Previous">Its cache, when it still describes the site in place: the build is incremental. Null: a full build.</param>
/// <param name="Files">What earlier builds made of each registry file; null when the build is not incremental.</param>
/// <param name="Note">Why the build is full, or that it uses the cache.</param>
public sealed record CacheRead(BuildCache? Previous, FileCache? Files, string Note)
{
    /// <summary>Not an incremental build: nothing read, nothing kept.</summary>
    public static readonly CacheRead Off = new(null, null, "off");
}
