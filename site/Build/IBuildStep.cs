namespace DulaRegistry.Site.Build;

/// <summary>
/// One step of the build: a small verb-noun class, one file each in <c>Build/Steps/</c>, that takes the typed results of the
/// steps before it and returns its own (see <see cref="SiteBuilder"/> for the order). A step that finds the build cannot go on
/// throws <see cref="BuildStoppedException"/>.
/// </summary>
public interface IBuildStep<in TInput, TOutput>
{
    /// <summary>Human-readable, for progress: "Rendering pages".</summary>
    string Description { get; }

    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);

    /// <summary>A short summary of what the step did, for progress: "61 pages".</summary>
    string? Summarize(TInput input, TOutput output) => null;
}

/// <summary>A step found the build cannot go on, for a reason that is not a diagnostic of the registry (an unsafe output
/// folder, say): the message says why, in words the user can act on.</summary>
public sealed class BuildStoppedException(string message, Exception? inner = null) : Exception(message, inner);
