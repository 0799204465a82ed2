using DulaRegistry.Diagnostics;

namespace DulaRegistry.Site.Build;

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

    /// <summary>What the build reused from the previous one and changed in the site (see <see cref="SiteBuildOptions.Incremental"/>).</summary>
    public IncrementalReport Incremental { get; init; } = IncrementalReport.None;
}

/// <summary>What an incremental build reused and changed.</summary>
/// <param name="CacheNote">What became of the build cache: "written", "off", or why it was not written.</param>
/// <param name="FilesFromCache">Registry files taken as the last build parsed them, their bytes being the same.</param>
/// <param name="FilesParsed">Registry files parsed (new or changed).</param>
/// <param name="PagesReused">Pages left in the site as they were, their inputs being the same.</param>
/// <param name="FilesUpdated">Files moved into the site (an incremental build updates the site in place).</param>
/// <param name="FilesRemoved">Files of the previous build that this one no longer makes, removed from the site.</param>
public sealed record IncrementalReport(string CacheNote, int FilesFromCache, int FilesParsed, int PagesReused, int FilesUpdated, int FilesRemoved)
{
    /// <summary>How many of <see cref="FilesFromCache"/> were not even read: their stamps (size, times, inode) were the ones
    /// the last build saw, and had settled before it (see <see cref="DulaRegistry.IO.FileStamp"/>).</summary>
    public int FilesNotRead { get; init; }

    /// <summary>How many agreements the search index took the words of from the last build, their searched texts being the
    /// same (see <see cref="SearchWordCache"/>).</summary>
    public int SearchWordsReused { get; init; }

    /// <summary>How many agreements' records of <c>agreements.json</c> were copied from the last build's file, their views being
    /// the same (see <see cref="JsonRecordCache"/>).</summary>
    public int JsonRecordsReused { get; init; }

    public static readonly IncrementalReport None = new("off", 0, 0, 0, 0, 0);
}

public sealed record StepTiming(string Name, TimeSpan Elapsed);
