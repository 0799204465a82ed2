using System.Diagnostics;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Builds the static site. The steps, in order, are the whole build: each is a small class in
/// <c>Build/Steps.cs</c> that takes a <see cref="BuildState"/> and returns a new one.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The build, in order.</summary>
    public static readonly IReadOnlyList<IBuildStep> Steps =
    [
        new PrepareOutput(),     // check the output folder may be replaced; create a temporary sibling of it
        new LoadRegistry(),      // parse registry.yml, agencies/ and agreements/
        new ValidateRegistry(),  // every rule; errors stop the build here
        new ReadHistory(),       // status timelines from Git, in one walk over main's history (when enabled)
        new BuildSiteModel(),    // view models, indexes, lineage, flows (and the graph's SVG)
        new RenderPages(),       // Razor components → HTML, in parallel
        new WriteExports(),      // agreements.json, agreements.csv, feed.xml, expirations.ics, sitemap.xml, schema/
        new IndexSearch(),       // search.json for MiniSearch
        new CopyAssets(),        // the embedded assets/ (CSS, JS, Mayflower, MiniSearch)
        new SwapOutput(),        // replace the output folder with the finished site (two renames)
        new DeletePreviousOutput(), // delete the previous site, renamed aside by the swap
    ];

    public static async Task<BuildResult> BuildAsync(SiteBuildOptions options, IBuildProgress? progress = null, CancellationToken cancellationToken = default)
    {
        progress ??= NoProgress.Instance;
        var clock = Stopwatch.StartNew();
        var timings = new List<StepTiming>(Steps.Count);
        var state = new BuildState { Options = options, Urls = new SiteUrls(options.BaseUrl) };
        try
        {
            for (var i = 0; i < Steps.Count && !state.Failed; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = Steps[i];
                progress.StepStarted(step.Description, i, Steps.Count);
                var stepClock = Stopwatch.StartNew();
                var next = await step.RunAsync(state, cancellationToken).ConfigureAwait(false);
                timings.Add(new StepTiming(step.GetType().Name, stepClock.Elapsed));
                progress.StepFinished(step.Description, stepClock.Elapsed, next.Failed ? "failed" : step.Summarize(state, next));
                state = next;
            }
        }
        finally
        {
            // A failed or cancelled build leaves the previous site untouched and no half site behind.
            if (state.Staging is { } staging && Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return new BuildResult(!state.Failed, state.Diagnostics, state.Files, timings, clock.Elapsed, Path.GetFullPath(options.Output), state.Error);
    }
}
