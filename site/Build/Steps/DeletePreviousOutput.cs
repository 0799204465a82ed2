namespace DulaRegistry.Site.Build;

/// <summary>Deletes the previous site that <see cref="SwapOutput"/> moved aside, never following a link. The new site is already in place.</summary>
public sealed class DeletePreviousOutput : IBuildStep
{
    public string Description => "Deleting the previous site";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (state.PreviousOutput is not { } previous) return Task.FromResult(state);
        try
        {
            SafeDelete.Tree(previous);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server may still hold a file of the old site open; the new site is in place regardless, and the next
            // build removes the marked leftover.
            return Task.FromResult(state);
        }
        return Task.FromResult(state with { PreviousOutput = null });
    }

    public string? Summarize(BuildState before, BuildState after) =>
        before.PreviousOutput is null ? "none" : after.PreviousOutput is null ? "done" : $"could not delete {after.PreviousOutput}";
}
