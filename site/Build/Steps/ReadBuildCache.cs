namespace DulaRegistry.Site.Build;

/// <summary>
/// Tells whether what the previous build into the same output folder kept (<see cref="BuildCache"/>) serves: the build is
/// incremental when it does and the cache still describes the site in place; otherwise it is a full one, and the summary says
/// why. The cache itself, and the files the last build loaded (<see cref="FileCache"/>, which serve whenever the tool and
/// options are the same), are read on other threads while the registry is loaded: the steps after ask for them.
/// </summary>
public sealed class ReadBuildCache : IBuildStep<BuildContext, CacheRead>
{
    public string Description => "Reading the build cache";

    public Task<CacheRead> RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        if (!context.Options.Incremental) return Task.FromResult(CacheRead.Off);
        var key = BuildCache.KeyFor(context.Options);
        // Both are read on other threads (the loading waits for the files; the history walk and the pages, for the cache). The
        // files are kept by their bytes, so they serve even when the pages' cache does not.
        var files = FileCache.Start(context.Options.Output, key);
        var cache = BuildCache.Start(context.Options.Output, key, out var reason);
        return Task.FromResult(new CacheRead(cache, files, cache is null ? $"{reason}: full build" : reason));
    }

    public string? Summarize(BuildContext context, CacheRead read) => read.Note;
}

/// <summary>What the previous build into the same folder left for this one.</summary>
/// <param name="Decoding">Its cache, being decoded, when it still describes the site in place: the build is incremental. Null: a
/// full build.</param>
/// <param name="Files">What earlier builds made of each registry file; null when the build is not incremental.</param>
/// <param name="Note">Why the build is full, or that it uses the cache.</param>
public sealed record CacheRead(Task<BuildCache?>? Decoding, FileCache? Files, string Note)
{
    /// <summary>The cache, once decoded (the first to ask waits for it); null: a full build.</summary>
    public BuildCache? Previous => Decoding?.GetAwaiter().GetResult();

    /// <summary>Not an incremental build: nothing read, nothing kept.</summary>
    public static readonly CacheRead Off = new(null, null, "off");
}
