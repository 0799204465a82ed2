using System.Collections.Concurrent;
using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Site.Components.Pages;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;
using DulaRegistry.Validation;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Reads every agreement's status timeline from Git in one walk over main's history. Outside a work tree (or in a bare
/// repository) the timelines are empty and the summary says why; a shallow clone gives timelines from its oldest commit on.
/// </summary>
public sealed class ReadHistory : IBuildStep
{
    public string Description => "Reading status history from Git";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (!state.Options.History) return Task.FromResult(state);
        var maxFileBytes = state.Registry?.Settings.EffectiveMaxFileBytes ?? new DulaRegistry.Model.RegistrySettings().EffectiveMaxFileBytes;
        return Task.FromResult(state with { History = DulaRegistry.History.StatusHistory.Read(state.Options.Root, maxFileBytes) });
    }

    public string? Summarize(BuildState before, BuildState after)
    {
        if (!after.Options.History) return "off";
        var count = after.History.Agreements.Values.Count(h => h.StatusChanges.Count > 0);
        var summary = $"{count:N0} agreement{(count == 1 ? "" : "s")} with status history";
        return after.History.Note is { } note ? $"{summary} ({note})" : summary;
    }
}

/// <summary>Parses registry.yml, agencies/ and agreements/; files that cannot be parsed become diagnostics.</summary>
public sealed class LoadRegistry : IBuildStep
{
    public string Description => "Loading the registry";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var bag = new DiagnosticBag();
        var registry = RegistryLoader.Load(state.Options.Root, bag, LoadOptions.ForRendering);
        return Task.FromResult(state with { Registry = registry, Diagnostics = [.. state.Diagnostics, .. bag.Sorted()] });
    }

    public string? Summarize(BuildState before, BuildState after) =>
        $"{after.RequireRegistry.Agreements.Count:N0} agreements, {after.RequireRegistry.Agencies.Count:N0} agencies";
}

/// <summary>Runs every validation rule; a registry with errors is not built.</summary>
public sealed class ValidateRegistry : IBuildStep
{
    public string Description => "Validating";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var bag = new DiagnosticBag();
        foreach (var diagnostic in state.Diagnostics) bag.Report(diagnostic);
        RegistryValidator.Validate(state.RequireRegistry, state.Options.Today, bag);
        var diagnostics = bag.Sorted();
        return Task.FromResult(state with { Diagnostics = diagnostics, Failed = diagnostics.Any(d => d.Severity == Severity.Error) });
    }

    public string? Summarize(BuildState before, BuildState after)
    {
        var errors = after.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = after.Diagnostics.Count - errors;
        return $"{errors:N0} error{(errors == 1 ? "" : "s")}, {warnings:N0} warning{(warnings == 1 ? "" : "s")}";
    }
}

/// <summary>Builds the view models every page and export reads, and the data-flow graph.</summary>
public sealed class BuildSiteModel : IBuildStep
{
    public string Description => "Building the site model";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var site = SiteModel.Create(state.RequireRegistry, state.Urls, state.Options.Today, state.History);
        return Task.FromResult(state with { Site = site, Graph = FlowGraph.Build(site) });
    }
}

/// <summary>
/// Checks the output folder may be replaced (see <see cref="OutputFolder"/>), cleans up what interrupted builds left
/// beside it, and creates the marked hidden sibling the site is written to.
/// </summary>
public sealed class PrepareOutput : IBuildStep
{
    public string Description => "Preparing the output folder";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var output = OutputFolder.Normalize(state.Options.Output);
        if (OutputFolder.Problem(output, state.Options.Root) is { } problem)
        {
            return Task.FromResult(state with { Failed = true, Error = problem });
        }
        OutputFolder.CleanLeftovers(output);
        var staging = OutputFolder.NewStaging(output);
        try
        {
            OutputFolder.CreateStaging(staging, state.Options.Generator);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SafeDelete.TryTree(staging); // it holds no marker yet, so no later build would remove it
            throw;
        }
        return Task.FromResult(state with { Staging = staging });
    }
}

/// <summary>Renders every page with Razor components, several at once, and writes them to the staging folder.</summary>
public sealed class RenderPages : IBuildStep
{
    public string Description => "Rendering pages";

    public async Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var pages = Pages(state.RequireSite, state.Graph!);
        var staging = state.RequireStaging;
        var written = new ConcurrentBag<OutputFile>();
        var workers = Math.Min(state.Options.EffectiveParallelism, Math.Max(1, pages.Count / 8));
        var next = -1;
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await using var renderer = new PageRenderer();
            int i;
            while ((i = Interlocked.Increment(ref next)) < pages.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = pages[i];
                var path = OutputWriter.PrepareDirectory(staging, page.Path);
                var bytes = await renderer.RenderToFileAsync(page, path).ConfigureAwait(false);
                written.Add(new OutputFile(page.Path, OutputKind.Page, bytes));
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return state.AddFiles(written.OrderBy(f => f.Path, StringComparer.Ordinal));
    }

    public string? Summarize(BuildState before, BuildState after) => $"{after.Files.Count - before.Files.Count:N0} pages";

    /// <summary>Every page of the site, in a fixed order.</summary>
    public static IReadOnlyList<PageSpec> Pages(SiteModel site, FlowGraphView graph)
    {
        var pages = new List<PageSpec>
        {
            Page<HomePage>("index.html", site),
            Page<AgreementsIndexPage>(site.Index.Path, site, ("Listing", site.Index)),
            Page<AgenciesIndexPage>("agencies/index.html", site),
            Page<GraphPage>("graph/index.html", site, ("Graph", graph)),
            Page<NotFoundPage>("404.html", site),
        };
        if (site.Publication is not null) pages.Add(Page<VerifyPage>(SiteUrls.VerifyPath, site)); // registry publish only
        pages.AddRange(site.YearListings.Select(listing => Page<AgreementsIndexPage>(listing.Path, site, ("Listing", listing))));
        pages.AddRange(site.Agreements.Select(a => Page<AgreementPage>($"agreements/{a.Id}/index.html", site, ("Agreement", a))));
        pages.AddRange(site.Agencies.Select(a => Page<AgencyPage>($"agencies/{a.Id}/index.html", site, ("Agency", a))));
        return pages;
    }

    private static PageSpec Page<T>(string path, SiteModel site, params (string Name, object? Value)[] parameters)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Site"] = site };
        foreach (var (name, value) in parameters) values[name] = value;
        return new PageSpec(path, typeof(T), values);
    }
}

/// <summary>Writes the machine-readable exports: JSON, CSV, Atom, iCalendar, sitemap and the JSON Schemas.</summary>
public sealed class WriteExports : IBuildStep
{
    public string Description => "Writing exports";

    public async Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var site = state.RequireSite;
        var staging = state.RequireStaging;
        var pages = state.Files.Where(f => f.Kind == OutputKind.Page).Select(f => f.Path);
        // Each export streams to its own file and reads only the site model, so they are written side by side.
        Func<OutputFile>[] exports =
        [
            () => OutputWriter.Write(staging, "agreements.json", output => JsonExport.Write(site, output), OutputKind.Export),
            () => OutputWriter.Write(staging, "agreements.csv", output => CsvExport.Write(site, output), OutputKind.Export),
            () => OutputWriter.Write(staging, "feed.xml", output => AtomFeed.Write(site, output), OutputKind.Export),
            () => OutputWriter.Write(staging, "expirations.ics", output => CalendarExport.Write(site, output), OutputKind.Export),
            () => OutputWriter.Write(staging, "sitemap.xml", output => SitemapExport.Write(site, pages, output), OutputKind.Export),
            () => OutputWriter.Write(staging, "schema/" + DulaRegistry.Schema.SchemaGenerator.AgencyFile, DulaRegistry.Schema.SchemaGenerator.Agency(), OutputKind.Export),
            () => OutputWriter.Write(staging, "schema/" + DulaRegistry.Schema.SchemaGenerator.AgreementFile, DulaRegistry.Schema.SchemaGenerator.Agreement(), OutputKind.Export),
        ];
        var files = await Task.WhenAll(exports.Select(export => Task.Run(export, cancellationToken))).ConfigureAwait(false);
        return state.AddFiles(files);
    }

    public string? Summarize(BuildState before, BuildState after) => $"{after.Files.Count - before.Files.Count:N0} files";
}

/// <summary>Writes search.json, the index site.js loads into MiniSearch.</summary>
public sealed class IndexSearch : IBuildStep
{
    public string Description => "Indexing for search";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken) =>
        Task.FromResult(state.AddFiles([OutputWriter.Write(state.RequireStaging, "search.json", SearchIndex.Write(state.RequireSite), OutputKind.Export)]));

    public string? Summarize(BuildState before, BuildState after) => $"{after.RequireSite.Agreements.Count:N0} entries";
}

/// <summary>Copies every embedded <c>assets/…</c> resource of the site assembly to <c>assets/…</c> of the output.</summary>
public sealed class CopyAssets : IBuildStep
{
    public const string Prefix = "assets/";

    public string Description => "Copying assets";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var assembly = typeof(CopyAssets).Assembly;
        var files = new List<OutputFile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var relative = name.Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "" or "." or "..")) continue; // never write outside assets/
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(OutputWriter.Write(state.RequireStaging, relative, buffer.ToArray(), OutputKind.Asset));
        }
        return Task.FromResult(state.AddFiles(files));
    }

    public string? Summarize(BuildState before, BuildState after) => $"{after.Files.Count - before.Files.Count:N0} files";
}

/// <summary>Replaces the output folder with the finished site, in one atomic exchange where the system has one (no copy).</summary>
public sealed class SwapOutput : IBuildStep
{
    public string Description => "Publishing the output folder";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var staging = state.RequireStaging;
        var output = OutputFolder.Normalize(state.Options.Output);
        // Checked again: the folder may have changed while the site was rendered.
        if (OutputFolder.Problem(output, state.Options.Root) is { } problem)
        {
            return Task.FromResult(state with { Failed = true, Error = problem });
        }
        var previous = OutputFolder.Swap(staging, output);
        return Task.FromResult(state with { Staging = null, PreviousOutput = previous, Published = true });
    }

    public string? Summarize(BuildState before, BuildState after) => after.Options.Output;
}

/// <summary>Deletes the previous site that <see cref="SwapOutput"/> moved aside, never following a link. The new site is already in place.</summary>
public sealed class DeletePreviousOutput : IBuildStep
{
    public string Description => "Deleting the previous site";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        if (state.PreviousOutput is not { } previous) return Task.FromResult(state);
        try
        {
            SafeDelete.Tree(previous);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server may still hold a file of the old site open; the new site is in place regardless, and the next
            // build removes the marked leftover.
            return Task.FromResult(state);
        }
        return Task.FromResult(state with { PreviousOutput = null });
    }

    public string? Summarize(BuildState before, BuildState after) =>
        before.PreviousOutput is null ? "none" : after.PreviousOutput is null ? "done" : $"could not delete {after.PreviousOutput}";
}

/// <summary>Writes one output file below the staging folder (UTF-8 without BOM).</summary>
internal static class OutputWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static OutputFile Write(string staging, string relativePath, string text, OutputKind kind) =>
        Write(staging, relativePath, s_utf8.GetBytes(text), kind);

    public static OutputFile Write(string staging, string relativePath, byte[] bytes, OutputKind kind)
    {
        File.WriteAllBytes(PrepareDirectory(staging, relativePath), bytes);
        return new OutputFile(relativePath, kind, bytes.LongLength);
    }

    /// <summary>Bytes the file stream holds before writing to disk; the exports' own writers buffer too.</summary>
    private const int StreamBufferSize = 64 * 1024;

    /// <summary>Streams one output file to the staging folder: <paramref name="write"/> writes it (and leaves the stream open).</summary>
    public static OutputFile Write(string staging, string relativePath, Action<Stream> write, OutputKind kind)
    {
        using var file = new FileStream(PrepareDirectory(staging, relativePath), FileMode.Create, FileAccess.Write, FileShare.None, StreamBufferSize);
        write(file);
        file.Flush();
        return new OutputFile(relativePath, kind, file.Position);
    }

    /// <summary>Creates the folder of an output file; returns the file's full path.</summary>
    public static string PrepareDirectory(string staging, string relativePath)
    {
        var full = Path.Combine(staging, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}
