using DulaRegistry.History;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Reads every agreement's status timeline from Git in one walk over main's history. Outside a work tree (or in a bare
/// repository) the timelines are empty and the summary says why; a shallow clone gives timelines from its oldest commit on.
/// <see cref="LoadRegistry"/> starts the walk beside the parsing; this step waits for it (or walks itself when nothing started it).
/// </summary>
public sealed class ReadHistory : IBuildStep<(BuildContext Context, CacheRead Cache, RegistryLoad Load), HistoryRead>
{
    public string Description => "Reading status history from Git";

    public async Task<HistoryRead> RunAsync((BuildContext Context, CacheRead Cache, RegistryLoad Load) input, CancellationToken cancellationToken)
    {
        var (context, cache, load) = input;
        if (!context.Options.History) return HistoryRead.Off;
        if (load.PendingHistory is { } pending) return await pending.ConfigureAwait(false);
        return Walk(context, cache.Previous, load.Registry.Settings.EffectiveMaxFileBytes);
    }

    /// <summary>The walk itself, reusing the previous build's history when Git has not moved since.</summary>
    internal static HistoryRead Walk(BuildContext context, BuildCache? previous, long maxFileBytes)
    {
        var cached = previous is { HistoryKey: { } key, History: { } history } ? (key, history) : ((string, RegistryHistory)?)null;
        var (read, readKey) = StatusHistory.Read(context.Options.Root, maxFileBytes, cached);
        return new HistoryRead(read, readKey, FromCache: previous?.History is { } kept && ReferenceEquals(kept, read));
    }

    public string? Summarize((BuildContext Context, CacheRead Cache, RegistryLoad Load) input, HistoryRead read)
    {
        if (!input.Context.Options.History) return "off";
        var count = read.History.Agreements.Values.Count(h => h.StatusChanges.Count > 0);
        var summary = $"{count:N0} agreement{(count == 1 ? "" : "s")} with status history";
        if (read.History.Note is { } note) summary += $" ({note})";
        return read.FromCache ? summary + ", from the cache (Git has not moved)" : summary;
    }
}

/// <summary>Status timelines by agreement id, and the Git state they were read from (null when not read from a repository).</summary>
/// <param name="FromCache">Taken from the previous build's cache: Git has not moved since.</param>
public sealed record HistoryRead(RegistryHistory History, string? Key, bool FromCache = false)
{
    /// <summary>History is off: every timeline is empty.</summary>
    public static readonly HistoryRead Off = new(RegistryHistory.Empty(), null);
}
