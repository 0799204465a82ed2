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
        var key = target.Context.Options.Incremental ? BuildCache.KeyFor(target.Context.Options) : null;
        byte[]? kept = null;
        var reused = 0;
        async Task<OutputFile> Json()
        {
            if (key is null) return OutputWriter.Write(staging, SiteUrls.AgreementsJsonPath, output => JsonExport.Write(site, output), OutputKind.Export, cancellationToken);
            // Unchanged agreements' records are copied from the last build's file (open until written): they are known by their
            // pages' fingerprints, awaited (not waited for on a thread the other exports could use).
            var fingerprints = await target.Fingerprints().ConfigureAwait(false);
            using var records = JsonRecordCache.Open(target, key, fingerprints);
            var file = OutputWriter.Write(staging, SiteUrls.AgreementsJsonPath, output => JsonExport.Write(site, output, records), OutputKind.Export, cancellationToken);
            kept = records.Encode(key, file.Bytes);
            reused = records.Reused;
            return file;
        }
        // Each export streams to its own file and reads only the site model, so they are written side by side.
        Func<OutputFile>[] exports =
        [
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
        var files = await Task.WhenAll(exports.Select(export => Task.Run(export, cancellationToken)).Prepend(Task.Run(Json, cancellationToken)))
            .ConfigureAwait(false);
        return WrittenFiles.Of(files) with { JsonRecords = kept, JsonRecordsReused = reused };
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) => written.JsonRecordsReused > 0
        ? $"{written.Files.Count:N0} files ({written.JsonRecordsReused:N0} records of {SiteUrls.AgreementsJsonPath} copied from the last build's)"
        : $"{written.Files.Count:N0} files";
}
