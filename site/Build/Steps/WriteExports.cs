using DulaRegistry.Site.Exports;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>Writes the machine-readable exports: JSON, CSV, Atom, iCalendar, sitemap and the JSON Schemas.</summary>
public sealed class WriteExports : IBuildStep<SiteTarget, WrittenFiles>
{
    public string Description => "Writing exports";

    public async Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
    {
        var site = target.Site;
        var staging = target.Staging;
        // The site's pages, as RenderPages renders them.
        var pages = target.Pages.Select(p => p.Path).ToList();
        // Each export streams to its own file and reads only the site model, so they are written side by side.
        Func<OutputFile>[] exports =
        [
            () => OutputWriter.Write(staging, SiteUrls.AgreementsJsonPath, output => JsonExport.Write(site, output), OutputKind.Export, cancellationToken),
            () => OutputWriter.Write(staging, SiteUrls.AgreementsCsvPath, output => CsvExport.Write(site, output), OutputKind.Export, cancellationToken),
            () => OutputWriter.Write(staging, SiteUrls.FeedPath, output => AtomFeed.Write(site, output), OutputKind.Export, cancellationToken),
            () => OutputWriter.Write(staging, SiteUrls.CalendarPath, output => CalendarExport.Write(site, output), OutputKind.Export, cancellationToken),
            () => OutputWriter.Write(staging, SiteUrls.SitemapPath, output => SitemapExport.Write(site, pages, output), OutputKind.Export, cancellationToken),
            () => Schema(DulaRegistry.Schema.SchemaGenerator.AgencyFile, DulaRegistry.Schema.SchemaGenerator.Agency),
            () => Schema(DulaRegistry.Schema.SchemaGenerator.AgreementFile, DulaRegistry.Schema.SchemaGenerator.Agreement),
        ];

        // The JSON Schemas depend only on the tool: an incremental build leaves the site's as they are, without making them.
        OutputFile Schema(string file, Func<string> make) =>
            OutputWriter.Unchanged(target, SiteUrls.SchemaPath(file), OutputKind.Export)
            ?? OutputWriter.Write(staging, SiteUrls.SchemaPath(file), make(), OutputKind.Export);
        var files = await Task.WhenAll(exports.Select(export => Task.Run(export, cancellationToken))).ConfigureAwait(false);
        return WrittenFiles.Of(files);
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) => $"{written.Files.Count:N0} files";
}
