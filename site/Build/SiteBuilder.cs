using System.Diagnostics;
using DulaRegistry.Diagnostics;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Builds the static site. <see cref="BuildAsync(SiteBuildOptions, BuildAdditions, IBuildProgress?, CancellationToken)"/> is
/// the whole build, in order: each step is a small class in <c>Build/Steps/</c>, one file per step, that takes the typed
/// results of the steps before it and returns its own.
/// </summary>
public static class SiteBuilder
{
    // The steps, in order.
    public static readonly PrepareOutput PrepareOutput = new();       // check the output folder may be replaced; clean leftovers; create a marked hidden sibling
    public static readonly ReadBuildCache ReadBuildCache = new();     // what the previous build into the same folder kept, when it still applies (incremental builds)
    public static readonly LoadRegistry LoadRegistry = new();         // parse registry.yml, agencies/ and agreements/ (and start the history walk beside it)
    public static readonly ValidateRegistry ValidateRegistry = new(); // every rule; errors stop the build here
    public static readonly ReadHistory ReadHistory = new();           // status timelines from Git, in one walk over main's history (when enabled; awaits the walk started above)
    public static readonly BuildSiteModel BuildSiteModel = new();     // view models, indexes, lineage, flows (and the graph's SVG); an incremental build's starts beside the validation
    public static readonly Concurrently WriteSite = new("Writing pages, exports, search index and assets",
        new RenderPages(),   // Razor components → HTML, in parallel
        new WriteExports(),  // agreements.json, agreements.csv, feed.xml, expirations.ics, sitemap.xml, schema/
        new IndexSearch(),   // the search index site.js reads chunk by chunk
        new CopyAssets());   // the embedded assets/ (CSS, JS, Mayflower, MiniSearch)
    public static readonly SwapOutput SwapOutput = new();             // replace the output folder with the finished site (one atomic exchange on Linux)
    public static readonly WriteBuildCache WriteBuildCache = new();   // page fingerprints and history for the next build (incremental builds)
    public static readonly DeletePreviousOutput DeletePreviousOutput = new(); // delete the previous site, renamed aside by the swap

    /// <summary>How many steps a build without additions runs.</summary>
    public const int StepCount = 10;

    public static Task<BuildResult> BuildAsync(SiteBuildOptions options, IBuildProgress? progress = null, CancellationToken cancellationToken = default) =>
        BuildAsync(options, BuildAdditions.None, progress, cancellationToken);

    /// <summary>A build with more steps, such as <c>registry publish</c>'s (see <see cref="PublishSteps"/>).</summary>
    public static async Task<BuildResult> BuildAsync(SiteBuildOptions options, BuildAdditions additions, IBuildProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var context = new BuildContext(options);
        var run = new StepRunner(progress ?? NoProgress.Instance, StepCount + additions.Count, options.Output, cancellationToken);
        IReadOnlyList<Diagnostic> diagnostics = [];
        BuildResult Result(bool succeeded, IReadOnlyList<OutputFile> files, string? error) =>
            new(succeeded, diagnostics, files, run.Timings, clock.Elapsed, Path.GetFullPath(options.Output), error);
        string? staging = null;
        FileCache? fileCache = null;
        Task<string?>? filesWritten = null;
        SpillFile? spill = null;
        Task? journal = null;
        Task<string>? cacheWritten = null;
        var swapping = false;
        try
        {
            staging = (await run.Run(PrepareOutput, context).ConfigureAwait(false)).Path;
            var cache = await run.Run(ReadBuildCache, context).ConfigureAwait(false);
            fileCache = cache.Files;
            spill = CreateSpill(staging); // bodies and new cache entries, until they are written
            var model = await ModelAsync(run, context, cache, spill, additions, cancellationToken).ConfigureAwait(false);
            diagnostics = model.Validation.Diagnostics;
            if (model.Content is not { } content) return Result(false, [], null);
            // What the loading kept for the next build is written now, beside the rest of the build, and then let go.
            if (cache.Files is { } files) filesWritten = files.WriteInBackground(context.Output, BuildCache.KeyFor(options), cancellationToken);

            HeapTrim.IfLarge(); // the parsed registry, which the site model replaced
            var target = new SiteTarget(context, staging, cache.Previous, content);
            // An incremental build moves files into the site only once the site is written. The journal that marks that update
            // is written and flushed to disk meanwhile, beside the writing, instead of after it (its flush took 16-19 ms).
            if (cache.Previous is not null) journal = Task.Run(() => BuildCache.BeginUpdate(context.Output), CancellationToken.None);
            var written = await run.Run(WriteSite, target).ConfigureAwait(false);
            foreach (var step in additions.WriteSteps) written = written.And(await run.Run(step, target).ConfigureAwait(false));
            // Every page is written, and the file cache has taken what it keeps: the spill file goes before the swap.
            if (filesWritten is not null) await Task.WhenAny(filesWritten).ConfigureAwait(false);
            spill.Dispose();
            // An incremental build keeps the site's marker, so its cache can be written while its files move (under the journal).
            if (cache.Previous is not null) cacheWritten = WriteBuildCache.Start(context, filesWritten, model.History, written);
            swapping = true;
            var published = await run.Run(SwapOutput, (target, written, journal ?? Task.CompletedTask)).ConfigureAwait(false);
            if (published.StagingMoved) staging = null;
            run.Published = true;
            var note = await run.Run(WriteBuildCache, (context, filesWritten, model.History, written, cacheWritten)).ConfigureAwait(false);
            await run.Run(DeletePreviousOutput, published).ConfigureAwait(false);
            return Result(true, written.Files, null) with
            {
                Incremental = new IncrementalReport(note, cache.Files?.Hits ?? 0, cache.Files?.Added ?? 0, written.PagesReused,
                    published.UpdatedFiles, published.RemovedFiles)
                { FilesNotRead = cache.Files?.Unread ?? 0, SearchWordsReused = written.SearchWordsReused, JsonRecordsReused = written.JsonRecordsReused },
            };
        }
        catch (BuildStoppedException stopped)
        {
            return Result(false, [], stopped.Message);
        }
        finally
        {
            // Nothing of a build goes on writing once it has returned.
            if (filesWritten is not null) await Task.WhenAny(filesWritten).ConfigureAwait(false);
            if (cacheWritten is not null) await Task.WhenAny(cacheWritten).ConfigureAwait(false);
            if (journal is not null)
            {
                await Task.WhenAny(journal).ConfigureAwait(false);
                _ = journal.Exception; // observed: a failure to write it was reported by the swap, or no longer matters
                // Stopped before any file moved: the site is as the last build left it, and the next build need not be a full one.
                if (!swapping) BuildCache.EndUpdate(context.Output);
            }
            // Then the last build's files are let go, and this build's spill file: both were only read while this build ran.
            fileCache?.Dispose();
            spill?.Dispose();
            // A failed or cancelled build leaves the previous site untouched and no half site behind.
            if (staging is not null) SafeDelete.TryTree(staging); // if that fails, the next build removes it: it is marked
        }
    }

    /// <summary>The build's <see cref="SpillFile"/> in the staging folder; a failure to make it, in plain words.</summary>
    private static SpillFile CreateSpill(string staging)
    {
        try
        {
            return SpillFile.Create(staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BuildStoppedException($"could not create a temporary file in '{staging}': {ex.Message.TrimEnd('.')}; check that you may "
                + "write to the output folder's parent folder and that the disk has free space, then build again", ex);
        }
    }

    /// <summary>
    /// Loads, validates, reads the history and builds the site model; the content is null when the registry has errors.
    /// A method of its own so the parsed registry, which the views replace, is let go when it returns.
    /// </summary>
    private static async Task<(ValidationReport Validation, HistoryRead History, SiteContent? Content)> ModelAsync(StepRunner run, BuildContext context,
        CacheRead cache, SpillFile spill, BuildAdditions additions, CancellationToken cancellationToken)
    {
        var load = await run.Run(LoadRegistry, (context, cache, spill)).ConfigureAwait(false);
        // An incremental build starts its site model beside the validation: each leaves a core idle part of the time, and
        // neither changes what the other reads. The model is kept only when the registry has no errors. A full build does
        // not: at 100,000 agreements the two side by side would raise its peak memory, and its validation is a small part.
        using var stopModel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = cache.Previous is not null ? BuildSiteModel.Start(context, load, stopModel.Token) : null;
        try
        {
            var validation = await run.Run(ValidateRegistry, (context, load)).ConfigureAwait(false);
            if (validation.HasErrors) return (validation, HistoryRead.Off, null);
            HeapTrim.IfLarge(); // what the parsing of every file left, before the site model is built beside the registry
            var history = await run.Run(ReadHistory, (context, cache, load)).ConfigureAwait(false);
            var content = await run.Run(BuildSiteModel, (context, load.Registry, history, started)).ConfigureAwait(false);
            started = null; // awaited
            foreach (var step in additions.ModelSteps) content = await run.Run(step, content).ConfigureAwait(false);
            return (validation, history, content);
        }
        finally
        {
            // Not used (errors, or the build stopped): the model stops, and whatever it threw on a registry with errors is dropped.
            if (started is not null)
            {
                await stopModel.CancelAsync().ConfigureAwait(false);
                await Task.WhenAny(started).ConfigureAwait(false);
                _ = started.Exception;
            }
        }
    }
}
