namespace DulaRegistry.Site.Build;

/// <summary>
/// Checks the output folder may be replaced (see <see cref="OutputFolder"/>), cleans up what interrupted builds left
/// beside it, and creates the marked hidden sibling the site is written to.
/// </summary>
public sealed class PrepareOutput : IBuildStep<BuildContext, StagingFolder>
{
    public string Description => "Preparing the output folder";

    public Task<StagingFolder> RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        if (OutputFolder.Problem(output, context.Options.Root) is { } problem) throw new BuildStoppedException(problem);
        OutputFolder.CleanLeftovers(output);
        var staging = OutputFolder.NewStaging(output);
        try
        {
            OutputFolder.CreateStaging(staging, context.Options.Generator);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SafeDelete.TryTree(staging); // it holds no marker yet, so no later build would remove it
            throw;
        }
        return Task.FromResult(new StagingFolder(staging));
    }
}

/// <summary>The marked hidden sibling of the output folder the site is written to, then swapped in.</summary>
public sealed record StagingFolder(string Path);
