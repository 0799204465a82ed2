namespace DulaRegistry.Site.Build;

/// <summary>
/// Steps that read the same site and write different files: rendering the pages, writing the exports and the search index
/// and copying the assets need only the site model. In an incremental build they run side by side: it renders a handful of
/// pages, and each step has stretches on one core (a large page, an export written start to end, the index's merge) that the
/// others fill (measured at 10,000 agreements, one title changed: 11% less wall time). A full build runs them one after
/// another: its rendering already keeps every core busy, and side by side was 3% slower there with 5% more peak memory.
/// Either way the result is the same: every step's files, in step order.
/// </summary>
public sealed class Concurrently(string description, params IBuildStep<SiteTarget, WrittenFiles>[] steps) : IBuildStep<SiteTarget, WrittenFiles>
{
    /// <summary>The steps, in the order their files are listed.</summary>
    public IReadOnlyList<IBuildStep<SiteTarget, WrittenFiles>> Steps { get; } = steps;

    public string Description => description;

    public async Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
    {
        var results = new List<WrittenFiles>(Steps.Count);
        if (target.Previous is null)
        {
            foreach (var step in Steps)
            {
                cancellationToken.ThrowIfCancellationRequested(); // a signal during one step: the next is not started
                results.Add(await step.RunAsync(target, cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            results.AddRange(await Task.WhenAll(Steps.Select(step => Task.Run(() => step.RunAsync(target, cancellationToken), cancellationToken)))
                .ConfigureAwait(false));
        }
        return results.Aggregate(WrittenFiles.Of([]), (all, written) => all.And(written));
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) =>
        $"{RenderPages.Summary(target, written)}, {written.Count(OutputKind.Export):N0} exports, {written.Count(OutputKind.Asset):N0} assets";
}
