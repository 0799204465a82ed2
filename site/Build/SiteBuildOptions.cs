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
