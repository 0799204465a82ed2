using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DulaRegistry.IO;
using DulaRegistry.Site.Components.Pages;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Renders every page with Razor components, several at once, and writes them to the staging folder. In an incremental build
/// a page whose inputs have the fingerprint they had last time (<see cref="PageFingerprints"/>) is not rendered at all: its
/// file in the site stays, and only the changed files are moved in (<see cref="SwapOutput"/>).
/// </summary>
public sealed class RenderPages : IBuildStep<SiteTarget, WrittenFiles>
{
    public string Description => "Rendering pages";

    /// <summary>How many pages one renderer renders before it is replaced. A new renderer costs next to nothing, and what one
    /// holds the collector marks again and again: at 10,000 agreements a cold build peaked at 500 MB replacing renderers every
    /// 100 pages, 425 MB every 20, 403 MB every 8 and 401 MB every page, in the same time (8: 0.95 of the time at 100).</summary>
    private const int RendererLifetime = 8;

    public async Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
    {
        var pages = target.Pages;
        var staging = target.Staging;
        var written = new ConcurrentBag<OutputFile>();
        var fingerprints = await target.Fingerprints().ConfigureAwait(false);
        var previous = target.Previous?.Pages;
        var reused = 0;
        // The site's folder, opened once: every unchanged page is looked up by its path inside it.
        using var site = previous is null ? null : RegularFile.OpenFolder(target.Context.Output);
        var workers = Math.Min(target.Context.Options.EffectiveParallelism, Math.Max(1, pages.Count / 8));
        var next = -1;
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var writer = new Utf8FileWriter();
            var renderer = new PageRenderer(writer);
            var rendered = 0;
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < pages.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var page = pages[i];
                    if (previous is not null && fingerprints.TryGetValue(page.Path, out var fingerprint)
                        && previous.TryGetValue(page.Path, out var before) && before == fingerprint
                        && OutputWriter.Unchanged(target, page.Path, OutputKind.Page, site) is { } kept)
                    {
                        // Unchanged: the file in the site stays as it is, and nothing is written for it.
                        written.Add(kept);
                        Interlocked.Increment(ref reused);
                        continue;
                    }
                    var path = OutputWriter.PrepareDirectory(staging, page.Path);
                    // A renderer keeps every component it rendered until it is disposed (measured: 750 MB for 10,000 pages), so each
                    // worker starts a new one now and then: memory stays flat however many pages there are.
                    if (++rendered % RendererLifetime == 0)
                    {
                        await renderer.DisposeAsync().ConfigureAwait(false);
                        renderer = new PageRenderer(writer);
                    }
                    var bytes = await renderer.RenderToFileAsync(page, path).ConfigureAwait(false);
                    written.Add(new OutputFile(page.Path, OutputKind.Page, bytes));
                }
            }
            finally
            {
                await renderer.DisposeAsync().ConfigureAwait(false);
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        HeapTrim.IfLarge(); // what the renderers held
        return new WrittenFiles([.. written.OrderBy(f => f.Path, StringComparer.Ordinal)], fingerprints, reused);
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) => Summary(target, written);

    /// <summary>"10,218 pages", and in an incremental build how many of them were rendered and how many left as they were.</summary>
    public static string Summary(SiteTarget target, WrittenFiles written)
    {
        var pages = written.Count(OutputKind.Page);
        return target.Previous is null ? $"{pages:N0} pages" : $"{pages:N0} pages ({pages - written.PagesReused:N0} rendered, {written.PagesReused:N0} unchanged)";
    }

    /// <summary>Every page of the site, in a fixed order.</summary>
    public static IReadOnlyList<PageSpec> Pages(SiteModel site, FlowGraphView graph)
    {
        var pages = new List<PageSpec>
        {
            Page<HomePage>(SiteUrls.HomePath, site),
            Page<AgreementsIndexPage>(site.Index.Path, site, ("Listing", site.Index)),
            Page<AgenciesIndexPage>(SiteUrls.AgenciesIndexPath, site),
            Page<GraphPage>(SiteUrls.GraphPath, site, ("Graph", graph)),
            Page<NotFoundPage>(SiteUrls.NotFoundPath, site),
        };
        if (site.Publication is not null) pages.Add(Page<VerifyPage>(SiteUrls.VerifyPath, site)); // registry publish only
        pages.AddRange(site.ListingPages.Select(listing => Page<AgreementsIndexPage>(listing.Path, site, ("Listing", listing))));
        pages.AddRange(site.Agreements.Select(a => Page<AgreementPage>(SiteUrls.AgreementPath(a.Id), site, ("Agreement", a))));
        pages.AddRange(site.Agencies.Select(a => Page<AgencyPage>(SiteUrls.AgencyPath(a.Id), site, ("Agency", a))));
        return pages;
    }

    private static PageSpec Page<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(string path, SiteModel site, params (string Name, object? Value)[] parameters)
    {
        return new PageSpec(path, typeof(T), [("Site", site), .. parameters]);
    }
}
