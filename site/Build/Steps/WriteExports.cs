using DulaRegistry.Site.Exports;

namespace DulaRegistry.Site.Build;

/// <summary>Writes the machine-readable exports: JSON, CSV, Atom, iCalendar, sitemap and the JSON Schemas.</summary>
public sealed class WriteExports : IBuildStep
{
    public string Description => "Writing exports";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var site = state.RequireSite;
        var staging = state.RequireStaging;
        var pages = state.Files.Where(f => f.Kind == OutputKind.Page).Select(f => f.Path);
        OutputFile[] files =
        [
            OutputWriter.Write(staging, "agreements.json", JsonExport.Write(site), OutputKind.Export),
            OutputWriter.Write(staging, "agreements.csv", CsvExport.Write(site), OutputKind.Export),
            OutputWriter.Write(staging, "feed.xml", AtomFeed.Write(site), OutputKind.Export),
            OutputWriter.Write(staging, "expirations.ics", CalendarExport.Write(site), OutputKind.Export),
            OutputWriter.Write(staging, "sitemap.xml", SitemapExport.Write(site, pages), OutputKind.Export),
            OutputWriter.Write(staging, "schema/" + DulaRegistry.Schema.SchemaGenerator.AgencyFile, DulaRegistry.Schema.SchemaGenerator.Agency(), OutputKind.Export),
            OutputWriter.Write(staging, "schema/" + DulaRegistry.Schema.SchemaGenerator.AgreementFile, DulaRegistry.Schema.SchemaGenerator.Agreement(), OutputKind.Export),
        ];
        return Task.FromResult(state.AddFiles(files));
    }

    public string? Summarize(BuildState before, BuildState after) => $"{after.Files.Count - before.Files.Count:N0} files";
}
