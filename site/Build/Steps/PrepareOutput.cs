namespace DulaRegistry.Site.Build;

/// <summary>
/// Checks the output folder may be replaced (see <see cref="OutputFolder"/>), cleans up what interrupted builds left
/// beside it, and creates the marked hidden sibling the site is written to.
/// </summary>
public sealed class PrepareOutput : IBuildStep
{
    public string Description => "Preparing the output folder";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var output = OutputFolder.Normalize(state.Options.Output);
        if (OutputFolder.Problem(output, state.Options.Root) is { } problem)
        {
            return Task.FromResult(state with { Failed = true, Error = problem });
        }
        OutputFolder.CleanLeftovers(output);
        var staging = OutputFolder.NewStaging(output);
        try
        {
            OutputFolder.CreateStaging(staging, state.Options.Generator);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SafeDelete.TryTree(staging); // it holds no marker yet, so no later build would remove it
            throw;
        }
        return Task.FromResult(state with { Staging = staging });
    }
}
