using System.Diagnostics;
using System.Globalization;
using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Benchmarks;

/// <summary>
/// `exports DIR [--rounds N] [--out OUT]`: loads DIR (with its Git history, as `registry build` does), builds the site model once,
/// then times each export alone and the whole "Writing exports" step, N rounds (default 5) in this process. Each export
/// is written to a file under a temporary folder, as the build writes it; the figures are wall time, CPU time of this
/// process and bytes allocated on every thread (one export runs alone; the search index splits and weighs on every core,
/// and the whole step runs the exports in parallel). With --out, the files of the last round are left in OUT (to compare with a build's).
/// </summary>
internal static class ExportsBenchmark
{
    public static void Run(string root, int rounds, string? keep)
    {
        var bag = new DiagnosticBag();
        var registry = RegistryLoader.Load(root, bag, LoadOptions.ForRendering);
        var history = DulaRegistry.History.StatusHistory.Read(root, registry.Settings.EffectiveMaxFileBytes);
        var urls = new SiteUrls("/");
        var today = new DateOnly(2026, 11, 22);
        var site = SiteModel.Create(registry, urls, today, history);
        var graph = FlowGraph.Build(site);
        var pages = RenderPages.Pages(site, graph).Select(p => new OutputFile(p.Path, OutputKind.Page, 0)).ToList();
        var pagePaths = pages.Select(p => p.Path).ToList();
        Console.WriteLine($"{site.Agreements.Count:N0} agreements, {pages.Count:N0} pages");

        // The search index's words as a build keeps them for the next (SearchWordCache), read back.
        var kept = SearchWordCache.Parse(SearchWordCache.Encode(SearchIndex.Collect(site, null).Index, null, "benchmark")!, "benchmark")!;
        var output = keep is null ? Directory.CreateTempSubdirectory("dula-exports-") : Directory.CreateDirectory(keep);
        try
        {
            var exports = new (string Name, Func<string, long> Write)[]
            {
                ("agreements.json", path => Write(path, output => JsonExport.Write(site, output))),
                // The JSON's encoding alone, into a stream that only counts: the rest of its time is the file system's.
                ("agreements.json, no file", _ =>
                {
                    var counter = new CountingStream();
                    JsonExport.Write(site, counter);
                    return counter.Count;
                }),
                ("agreements.csv", path => Write(path, output => CsvExport.Write(site, output))),
                ("feed.xml", path => Write(path, output => AtomFeed.Write(site, output))),
                ("expirations.ics", path => Write(path, output => CalendarExport.Write(site, output))),
                ("sitemap.xml", path => Write(path, output => SitemapExport.Write(site, pagePaths, output))),
                // Every file of the search index, in memory (it splits and weighs words on every core: its CPU exceeds its wall time).
                ("search index, no files", _ => SearchIndex.Write(site).Sum(file => (long)file.Bytes.Length)),
                // The same with every document's words from an earlier build's (as in a rebuild where no searched text changed).
                ("search index, words kept", _ => SearchIndex.Collect(site, kept).Files.Sum(file => (long)file.Bytes.Length)),
            };
            var figures = new Dictionary<string, List<Figure>>(StringComparer.Ordinal);
            for (var round = 1; round <= rounds; round++)
            {
                var line = new StringBuilder($"round {round}:");
                foreach (var (name, write) in exports)
                {
                    Settle();
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    var bytes = write(Path.Combine(output.FullName, name));
                    var figure = new Figure(clock.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,
                        GC.GetTotalAllocatedBytes(precise: true) - allocated, bytes);
                    Add(figures, name, figure);
                    line.Append(CultureInfo.InvariantCulture, $" {name} {figure.Ms:0} ms {MB(figure.Allocated)} alloc;");
                }

                // The whole step, as the build runs it.
                Settle();
                var staging = Directory.CreateDirectory(Path.Combine(output.FullName, $"step{round}")).FullName;
                var target = new SiteTarget(new BuildContext(new SiteBuildOptions(root, Path.Combine(output.FullName, "out"), "/", today), urls),
                    staging, Previous: null, new SiteContent(site, graph));
                var totalAllocated = GC.GetTotalAllocatedBytes(precise: true);
                var stepCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var stepClock = Stopwatch.StartNew();
                var written = new WriteExports().RunAsync(target, CancellationToken.None).GetAwaiter().GetResult();
                var step = new Figure(stepClock.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - stepCpu).TotalMilliseconds,
                    GC.GetTotalAllocatedBytes(precise: true) - totalAllocated, written.Files.Sum(f => f.Bytes));
                Add(figures, "whole step", step);
                line.Append(CultureInfo.InvariantCulture, $" whole step {step.Ms:0} ms {MB(step.Allocated)} alloc");
                if (round < rounds || keep is null) Directory.Delete(staging, recursive: true);
                Console.WriteLine(line.ToString());
            }

            // Medians over the rounds after the first (which pays for JIT), and the fastest round (the least disturbed by
            // other load on the machine).
            Console.WriteLine();
            Console.WriteLine("| export | output | wall ms | fastest wall ms | CPU ms | allocated |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var (name, list) in figures)
            {
                var warm = list.Count > 1 ? list.Skip(1).ToList() : list;
                Console.WriteLine($"| {name} | {MB(warm[0].Bytes)} | {Median(warm.Select(f => f.Ms)):0} | {warm.Min(f => f.Ms):0} | {Median(warm.Select(f => f.CpuMs)):0} | {MB((long)Median(warm.Select(f => (double)f.Allocated)))} |");
            }
        }
        finally
        {
            if (keep is null) output.Delete(recursive: true);
        }
    }

    /// <summary>As the build writes an export: a file stream with a 64 KB buffer.</summary>
    private static long Write(string path, Action<Stream> write)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        write(file);
        file.Flush();
        return file.Position;
    }

    /// <summary>Counts the bytes written to it and keeps none.</summary>
    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => 0;
        public override long Seek(long offset, SeekOrigin origin) => 0;
        public override void SetLength(long value) { }
        public override void Write(byte[] buffer, int offset, int count) => Count += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;
    }

    private readonly record struct Figure(double Ms, double CpuMs, long Allocated, long Bytes);

    private static void Add(Dictionary<string, List<Figure>> figures, string name, Figure figure)
    {
        if (!figures.TryGetValue(name, out var list)) figures[name] = list = [];
        list.Add(figure);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string MB(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MB";
}
