namespace DulaRegistry.Site.Build;

/// <summary>
/// Reads every agreement's status timeline from Git in one walk over main's history. Outside a work tree (or in a bare
/// repository) the timelines are empty and the summary says why; a shallow clone gives timelines from its oldest commit on.
/// <see cref="LoadRegistry"/> starts the walk beside the parsing; this step waits for it (or walks itself when nothing started it).
/// </summary>
public sealed class ReadHistory : IBuildStep
{
    public string Description => "Reading status history from Git";

    public async Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (!state.Options.History) return state;
        if (state.PendingHistory is { } pending)
        {
            var (walked, walkedKey) = await pending.ConfigureAwait(false);
            return state with { History = walked, HistoryKey = walkedKey, PendingHistory = null };
        }
        var maxFileBytes = state.Registry?.Settings.EffectiveMaxFileBytes ?? new DulaRegistry.Model.RegistrySettings().EffectiveMaxFileBytes;
        var (read, readKey) = Walk(state, maxFileBytes);
        return state with { History = read, HistoryKey = readKey };
    }

    /// <summary>The walk itself, reusing the previous build's history when Git has not moved since.</summary>
    internal static (DulaRegistry.History.RegistryHistory History, string? Key) Walk(BuildState state, long maxFileBytes)
    {
        var cached = state.PreviousBuild is { HistoryKey: { } key, History: { } history } ? (key, history) : ((string, DulaRegistry.History.RegistryHistory)?)null;
        return DulaRegistry.History.StatusHistory.Read(state.Options.Root, maxFileBytes, cached);
    }

    public string? Summarize(BuildState before, BuildState after)
    {
        if (!after.Options.History) return "off";
        var count = after.History.Agreements.Values.Count(h => h.StatusChanges.Count > 0);
        var summary = $"{count:N0} agreement{(count == 1 ? "" : "s")} with status history";
        if (after.History.Note is { } note) summary += $" ({note})";
        return after.PreviousBuild?.History is { } previous && ReferenceEquals(previous, after.History) ? summary + ", from the cache (Git has not moved)" : summary;
    }
}
