namespace DulaRegistry.Site.Build;

/// <summary>Deletes the previous site that <see cref="SwapOutput"/> moved aside, never following a link. The new site is already
/// in place. Returns false when the previous site could not be deleted (the next build removes the marked leftover).</summary>
public sealed class DeletePreviousOutput : IBuildStep<PublishedSite, bool>
{
    public string Description => "Deleting the previous site";

    public Task<bool> RunAsync(PublishedSite published, CancellationToken cancellationToken)
    {
        if (published.Aside is not { } previous) return Task.FromResult(true);
        try
        {
            SafeDelete.Tree(previous);
            return Task.FromResult(true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server may still hold a file of the old site open; the new site is in place regardless.
            return Task.FromResult(false);
        }
    }

    public string? Summarize(PublishedSite published, bool deleted) =>
        published.Aside is null ? "none" : deleted ? "done" : $"could not delete {published.Aside}";
}
