namespace DulaRegistry.Site.Build;

/// <summary>Replaces the output folder with the finished site, in one atomic exchange where the system has one (no copy).</summary>
public sealed class SwapOutput : IBuildStep
{
    public string Description => "Publishing the output folder";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var staging = state.RequireStaging;
        var output = OutputFolder.Normalize(state.Options.Output);
        // Checked again: the folder may have changed while the site was rendered.
        if (OutputFolder.Problem(output, state.Options.Root) is { } problem)
        {
            return Task.FromResult(state with { Failed = true, Error = problem });
        }
        var previous = OutputFolder.Swap(staging, output);
        return Task.FromResult(state with { Staging = null, PreviousOutput = previous, Published = true });
    }

    public string? Summarize(BuildState before, BuildState after) => after.Options.Output;
}
