using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>What <c>registry build</c> was asked to do.</summary>
/// <param name="Root">The registry folder.</param>
/// <param name="Output">The folder the finished site replaces.</param>
/// <param name="BaseUrl">The path (or absolute URL) the site is served under; normalised by <see cref="SiteUrls"/>.</param>
/// <param name="Today">The date every date-dependent part is computed against.</param>
/// <param name="Parallelism">How many pages render at once (default: the processor count).</param>
/// <param name="History">Read each agreement's status timeline from Git (one walk over main's history); off for reproducible test builds.</param>
/// <param name="Generator">What the site's marker file says made it: the tool's name and version.</param>
/// <param name="Incremental">Keep a cache beside the output folder (<see cref="BuildCache"/>) and, when the next build goes to the
/// same folder, render only the pages whose inputs changed and reuse the history when the repository has not moved. The result
/// is the same bytes as a full build.</param>
public sealed record SiteBuildOptions(string Root, string Output, string BaseUrl, DateOnly Today, int Parallelism = 0, bool History = false,
    string Generator = OutputFolder.DefaultGenerator, bool Incremental = false)
{
    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Math.Max(1, Environment.ProcessorCount);
}

/// <summary>One file of the site, relative to the output folder with forward slashes.</summary>
public sealed record OutputFile(string Path, OutputKind Kind, long Bytes);

public enum OutputKind
{
    Page,
    Export,
    Asset,
}

/// <summary>
/// The state the build steps pass along: each step returns a new state (<c>with</c>), never mutates one.
/// A step that finds the build cannot go on sets <see cref="Failed"/>; the builder then stops.
/// </summary>
public sealed record BuildState
{
    public required SiteBuildOptions Options { get; init; }
    public required SiteUrls Urls { get; init; }
    /// <summary>The temporary sibling of the output folder the site is written to, then swapped in.</summary>
    public string? Staging { get; init; }
    public LoadedRegistry? Registry { get; init; }
    /// <summary>Status timelines by agreement id, from Git; empty when history is off or there is no repository.</summary>
    public DulaRegistry.History.RegistryHistory History { get; init; } = DulaRegistry.History.RegistryHistory.Empty();
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    public SiteModel? Site { get; init; }
    public FlowGraphView? Graph { get; init; }
    public IReadOnlyList<OutputFile> Files { get; init; } = [];
    /// <summary>What the previous build into the same folder kept (incremental builds); null for a full build.</summary>
    public BuildCache? PreviousBuild { get; init; }
    /// <summary>What earlier builds into the same folder made of each file (incremental builds); null when the build is not incremental.</summary>
    public FileCache? FileCache { get; init; }
    /// <summary>Why the build is full rather than incremental, or that it used the cache.</summary>
    public string? CacheNote { get; init; }
    /// <summary>The Git state <see cref="History"/> was read from (or reused for), for the next build's cache.</summary>
    public string? HistoryKey { get; init; }
    /// <summary>The history walk <see cref="LoadRegistry"/> starts beside the loading (it needs only Git); <see cref="ReadHistory"/> awaits it.</summary>
    public Task<(DulaRegistry.History.RegistryHistory History, string? Key)>? PendingHistory { get; init; }
    /// <summary>The fingerprint of each page's inputs (see <see cref="PageFingerprints"/>), for the next build's cache.</summary>
    public IReadOnlyDictionary<string, string> PageFingerprints { get; init; } = new Dictionary<string, string>();
    /// <summary>How many pages were left unchanged in the site instead of rendered.</summary>
    public int PagesReused { get; init; }
    /// <summary>An incremental build: how many files it moved into the site, and how many it removed from it.</summary>
    public int UpdatedFiles { get; init; }
    public int RemovedFiles { get; init; }
    /// <summary>The previous site, renamed aside by <see cref="SwapOutput"/> until it is deleted.</summary>
    public string? PreviousOutput { get; init; }
    /// <summary>The new site is in place: from here on the build finishes rather than stop part-way.</summary>
    public bool Published { get; init; }
    public bool Failed { get; init; }
    /// <summary>Why the build failed when that is not a diagnostic of the registry (for example an unsafe output folder).</summary>
    public string? Error { get; init; }

    public SiteModel RequireSite => Site ?? throw new InvalidOperationException("the site model is not built yet");
    public string RequireStaging => Staging ?? throw new InvalidOperationException("the output folder is not prepared yet");
    public LoadedRegistry RequireRegistry => Registry ?? throw new InvalidOperationException("the registry is not loaded yet");

    public BuildState AddFiles(IEnumerable<OutputFile> files) => this with { Files = [.. Files, .. files] };
}

/// <summary>What a build did.</summary>
public sealed record BuildResult(
    bool Succeeded,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<OutputFile> Files,
    IReadOnlyList<StepTiming> Steps,
    TimeSpan Elapsed,
    string Output,
    string? Error)
{
    public int Pages => Files.Count(f => f.Kind == OutputKind.Page);
}

public sealed record StepTiming(string Name, TimeSpan Elapsed);

/// <summary>Receives progress of a build (a terminal status line, a log line per step, or nothing).</summary>
public interface IBuildProgress
{
    void StepStarted(string name, int index, int count);

    void StepFinished(string name, TimeSpan elapsed, string? detail);
}

public sealed class NoProgress : IBuildProgress
{
    public static readonly NoProgress Instance = new();

    public void StepStarted(string name, int index, int count) { }

    public void StepFinished(string name, TimeSpan elapsed, string? detail) { }
}

/// <summary>One build step: a small verb-noun class over the immutable <see cref="BuildState"/>.</summary>
public interface IBuildStep
{
    /// <summary>Human-readable, for progress: "Rendering pages".</summary>
    string Description { get; }

    Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken);

    /// <summary>A short summary of what the step did, for progress: "61 pages".</summary>
    string? Summarize(BuildState before, BuildState after) => null;
}
