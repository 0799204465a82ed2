using System.Diagnostics;
using System.Globalization;
using DulaRegistry.Site.Build;

namespace DulaRegistry.Benchmarks;

/// <summary>
/// `rebuild DIR OUT [--rounds N]`: builds DIR into OUT once, then N times changes one agreement's title and builds again in
/// this process, printing each step's wall time and the bytes allocated while it ran (all threads), then puts the file back.
/// Where a one-file rebuild spends its time and its allocations (which the collector then pays for).
/// </summary>
internal static class RebuildBenchmark
{
    public static async Task RunAsync(string root, string output, int rounds)
    {
        var options = new SiteBuildOptions(Path.GetFullPath(root), Path.GetFullPath(output), "/", new DateOnly(2026, 11, 22), History: true, Incremental: true);
        await SiteBuilder.BuildAsync(options);
        var file = Directory.GetFiles(Path.Combine(root, "agreements"), "*.md").Order(StringComparer.Ordinal).First();
        var original = await File.ReadAllBytesAsync(file);
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var text = System.Text.Encoding.UTF8.GetString(original);
                var at = text.IndexOf("\ntitle: ", StringComparison.Ordinal);
                var end = text.IndexOf('\n', at + 1);
                await File.WriteAllTextAsync(file, text[..end] + $" (edited {round})" + text[end..]);
                var progress = new AllocationProgress();
                var (clock, allocated, gcs) = (Stopwatch.StartNew(), GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0));
                var result = await SiteBuilder.BuildAsync(options, progress);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {clock.Elapsed.TotalMilliseconds:0} ms, allocated {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1048576.0:0} MB, "
                    + $"{GC.CollectionCount(0) - gcs} GCs; {string.Join(", ", progress.Steps)}{(result.Succeeded ? "" : " (failed)")}"));
                await File.WriteAllBytesAsync(file, original);
                await SiteBuilder.BuildAsync(options);
            }
        }
        finally
        {
            await File.WriteAllBytesAsync(file, original);
        }
    }

    private sealed class AllocationProgress : IBuildProgress
    {
        private long _allocated;

        public List<string> Steps { get; } = [];

        public void StepStarted(string name, int index, int count) => _allocated = GC.GetTotalAllocatedBytes(precise: false);

        public void StepFinished(string name, TimeSpan elapsed, string? detail) => Steps.Add(string.Create(CultureInfo.InvariantCulture,
            $"{name.Split(' ', 2)[0].ToLowerInvariant()} {elapsed.TotalMilliseconds:0} ms {(GC.GetTotalAllocatedBytes(precise: false) - _allocated) / 1048576.0:0} MB"));
    }
}
