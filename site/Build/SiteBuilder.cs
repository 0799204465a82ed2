using System.Diagnostics;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Builds the static site. The steps, in order, are the whole build: each is a small class in
/// <c>Build/Steps/</c>, one file per step, that takes a <see cref="BuildState"/> and returns a new one.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The build, in order.</summary>
    public static readonly IReadOnlyList<IBuildStep> Steps =
    [
        new PrepareOutput(),     // check the output folder may be replaced; clean leftovers; create a marked hidden sibling
        new ReadBuildCache(),    // what the previous build into the same folder kept, when it still applies (incremental builds)
        new LoadRegistry(),      // parse registry.yml, agencies/ and agreements/ (and start the history walk beside it)
        new ValidateRegistry(),  // every rule; errors stop the build here
        new ReadHistory(),       // status timelines from Git, in one walk over main's history (when enabled; awaits the walk started above)
        new BuildSiteModel(),    // view models, indexes, lineage, flows (and the graph's SVG)
        new Concurrently("Writing pages, exports, search index and assets",
            new RenderPages(),   // Razor components → HTML, in parallel
            new WriteExports(),  // agreements.json, agreements.csv, feed.xml, expirations.ics, sitemap.xml, schema/
            new IndexSearch(),   // the search index site.js reads chunk by chunk
            new CopyAssets()),   // the embedded assets/ (CSS, JS, Mayflower, MiniSearch)
        new SwapOutput(),        // replace the output folder with the finished site (one atomic exchange on Linux)
        new WriteBuildCache(),   // page fingerprints and history for the next build (incremental builds)
        new DeletePreviousOutput(), // delete the previous site, renamed aside by the swap
    ];

    public static Task<BuildResult> BuildAsync(SiteBuildOptions options, IBuildProgress? progress = null, CancellationToken cancellationToken = default) =>
        BuildAsync(options, Steps, progress, cancellationToken);

    /// <summary>A build with other steps: <see cref="Steps"/> with more, such as <c>registry publish</c>'s (see <see cref="PublishSteps"/>).</summary>
    public static async Task<BuildResult> BuildAsync(SiteBuildOptions options, IReadOnlyList<IBuildStep> steps, IBuildProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        progress ??= NoProgress.Instance;
        var clock = Stopwatch.StartNew();
        var timings = new List<StepTiming>(steps.Count);
        var state = new BuildState { Options = options, Urls = new SiteUrls(options.BaseUrl) };
        try
        {
            for (var i = 0; i < steps.Count && !state.Failed; i++)
            {
                // Once the new site is in place, stopping would only leave the previous one lying beside it.
                if (!state.Published) cancellationToken.ThrowIfCancellationRequested();
                var step = steps[i];
                progress.StepStarted(step.Description, i, steps.Count);
                var stepClock = Stopwatch.StartNew();
                BuildState next;
                try
                {
                    next = await step.RunAsync(state, state.Published ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Out of disk, permission denied, a file in the way: the user's to fix, not a defect of the tool.
                    next = state with { Failed = true, Error = WriteError(step, ex, options.Output) };
                }
                timings.Add(new StepTiming(step.GetType().Name, stepClock.Elapsed));
                progress.StepFinished(step.Description, stepClock.Elapsed, next.Failed ? "failed" : step.Summarize(state, next));
                state = next;
            }
        }
        finally
        {
            // A failed or cancelled build leaves the previous site untouched and no half site behind.
            if (state.Staging is { } staging) SafeDelete.TryTree(staging); // if that fails, the next build removes it: it is marked
        }
        return new BuildResult(!state.Failed, state.Diagnostics, state.Files, timings, clock.Elapsed, Path.GetFullPath(options.Output), state.Error);
    }

    /// <summary>An I/O failure in plain words, naming the path (the exception's message does) and what to check.</summary>
    private static string WriteError(IBuildStep step, Exception ex, string output) => step is LoadRegistry or ValidateRegistry or ReadHistory or BuildSiteModel
        ? $"{step.Description.ToLowerInvariant()} failed: {ex.Message.TrimEnd('.')}; check that you may read the registry's files, then build again"
        : $"{step.Description.ToLowerInvariant()} failed: {ex.Message.TrimEnd('.')}; check that you may write to '{Path.GetFullPath(output)}' and its parent folder, "
            + "that the disk has free space, and that nothing else holds these files, then build again";
}
