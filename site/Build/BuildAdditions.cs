namespace DulaRegistry.Site.Build;

/// <summary>Steps a command adds to the build (see <see cref="PublishSteps"/>).</summary>
/// <param name="ModelSteps">Run after the site model is built, each taking the model and returning it with more to show.</param>
/// <param name="WriteSteps">Run after the site is written, each writing more files into the staging folder, so they are swapped
/// in with the site or not at all.</param>
public sealed record BuildAdditions(IReadOnlyList<IBuildStep<SiteContent, SiteContent>> ModelSteps, IReadOnlyList<IBuildStep<SiteTarget, WrittenFiles>> WriteSteps)
{
    public static readonly BuildAdditions None = new([], []);

    public int Count => ModelSteps.Count + WriteSteps.Count;
}
