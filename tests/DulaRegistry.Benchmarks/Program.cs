using System.Diagnostics;
using BenchmarkDotNet.Running;
using DulaRegistry.Benchmarks;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Validation;

// `generate DIR [N] [--commits C]`  writes a registry of N agreements (default 10,000), for timing the CLI; with
//                                   --commits, also a Git repository whose main reaches it over C commits.
// `history DIR`       reads DIR's status history from Git three times in this process, timing each.
// `old-history DIR`   times the old way, `git log -p` and parsing its text, three times.
// `phases DIR`        loads and validates DIR three times in this process, timing each phase and rule.
// `memory DIR`        loads DIR (without and with Markdown trees) and prints what the loaded registry keeps and allocates.
// `browser SITE [R]`  serves a built site on 127.0.0.1 and measures it in Chromium, R rounds (default 3): home load,
//                     first live search result, HTML bytes of the index pages (BrowserBenchmark.cs).
// `exports DIR [--rounds N] [--out OUT]`  builds DIR's site model once, then times each export and the whole exports
//                                   step N times (default 5); --out keeps the last round's files in OUT.
// `rebuild DIR OUT [--rounds N]`  builds DIR into OUT, then N times (default 5) changes one agreement and builds again,
//                                   printing each step's time and allocations (RebuildBenchmark.cs).
// anything else       runs BenchmarkDotNet (e.g. `--filter '*'`).
switch (args)
{
    case ["generate", var dir, ..]:
        var commitsAt = Array.IndexOf(args, "--commits");
        var commits = commitsAt > 0 && commitsAt + 1 < args.Length ? int.Parse(args[commitsAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var count = args.Length > 2 && args[2] != "--commits" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        RegistryGenerator.Write(dir, count);
        Console.WriteLine($"wrote a registry of {count:N0} agreements to {dir}");
        if (commits > 0)
        {
            var gitClock = Stopwatch.StartNew();
            HistoryGenerator.Commit(dir, count, commits);
            Console.WriteLine($"committed it over {commits:N0} commits on main in {gitClock.Elapsed.TotalSeconds:0.0} s");
        }
        break;
    case ["history", var root]:
        for (var round = 1; round <= 3; round++)
        {
            // Each phase alone on this thread, then the whole read; wall time and this process's CPU time (user and system, all
            // threads), which other load on the machine disturbs less than the wall time.
            var self = Process.GetCurrentProcess();
            var (walkClock, walkCpu) = (Stopwatch.StartNew(), self.TotalProcessorTime);
            var changed = new List<(string Id, string Name)>();
            using (var repository = DulaRegistry.Git.RegistryRepository.Open(root))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var commit in repository.FirstParentChanges("agreements"))
                {
                    foreach (var change in commit.Changes)
                    {
                        if (change.BlobId is { } id && seen.Add(id)) changed.Add((id, change.Name));
                    }
                }
                var walked = Measure(walkClock, walkCpu);
                var (readClock, readCpu) = (Stopwatch.StartNew(), self.TotalProcessorTime);
                var blobs = changed.Select(c => repository.ReadBlob(c.Id, long.MaxValue)!).ToList();
                var read = Measure(readClock, readCpu);
                var (parseClock, parseCpu) = (Stopwatch.StartNew(), self.TotalProcessorTime);
                var parsed = blobs.Select((b, i) => DulaRegistry.History.StatusReader.Read(b, $"agreements/{changed[i].Name}")).Count(s => s is not null);
                var parse = Measure(parseClock, parseCpu);
                Console.WriteLine($"round {round}: one thread: walk {walked}, read {blobs.Count:N0} blobs ({blobs.Sum(b => (long)b.Length) / (1024 * 1024):N0} MB) {read}, parse {parsed:N0} statuses {parse}");
            }
            var (clock, cpu) = (Stopwatch.StartNew(), self.TotalProcessorTime);
            var history = DulaRegistry.History.StatusHistory.Read(root);
            var whole = Measure(clock, cpu);
            var changes = history.Agreements.Values.Sum(h => h.StatusChanges.Count);
            self.Refresh();
            Console.WriteLine($"round {round}: whole read {whole}, {history.Agreements.Count:N0} agreements, {changes:N0} status changes, "
                + $"peak working set {self.PeakWorkingSet64 / (1024 * 1024):N0} MB{(history.Note is { } note ? $" ({note})" : "")}");
        }
        break;
    case ["old-history", var root]:
        for (var round = 1; round <= 3; round++)
        {
            var self = Process.GetCurrentProcess();
            var (clock, cpu) = (Stopwatch.StartNew(), self.TotalProcessorTime);
            var (timelines, gitCpu) = OldGitLogHistory.Read(root);
            var parsed = Measure(clock, cpu);
            Console.WriteLine($"round {round}: git log -p and its parsing {parsed}, git's own CPU {gitCpu.TotalMilliseconds:0} ms, "
                + $"{timelines.Count:N0} agreements, {timelines.Values.Sum(t => t.Count):N0} status changes");
        }
        break;
    case ["memory", var root]:
        foreach (var options in new[] { LoadOptions.Default, LoadOptions.ForRendering, DulaRegistry.Site.ViewModels.RenderedBody.ForSite })
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var registry = RegistryLoader.Load(root, new DiagnosticBag(), options);
            var elapsed = clock.Elapsed;
            var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
            Console.WriteLine($"{(options.KeepMarkdown ? "with Markdown trees" : options.BodyView is null ? "without Markdown trees" : "with rendered bodies"),-24} {registry.Agreements.Count:N0} agreements: "
                + $"kept {kept / 1048576.0:N1} MB ({kept / Math.Max(1, registry.Agreements.Count):N0} bytes each), "
                + $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:N0} MB, {elapsed.TotalMilliseconds:N0} ms");
            GC.KeepAlive(registry);
        }
        // Each stage of loading one file, on this thread alone: time and bytes allocated per file.
        var paths = Directory.GetFiles(Path.Combine(root, "agreements"), "*.md").Order(StringComparer.Ordinal).Take(3000).ToArray();
        for (var round = 1; round <= 2; round++)
        {
            var sink = new DiagnosticBag();
            var stages = new (string Name, TimeSpan Time, long Bytes)[] { ("read", default, 0), ("front matter (split + YAML)", default, 0), ("bind + Markdown + facts", default, 0), ("of which YamlDotNet's events alone", default, 0) };
            void Stage(int i, Action action)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                action();
                stages[i] = (stages[i].Name, stages[i].Time + clock.Elapsed, stages[i].Bytes + GC.GetAllocatedBytesForCurrentThread() - bytes);
            }
            foreach (var path in paths)
            {
                string? text = null;
                byte[] raw = [];
                RegistryLoader.FrontMatter? front = null;
                Stage(0, () => text = TextFile.Read(path, "agreements/x.md", 1 << 20, sink, out raw));
                Stage(1, () => front = RegistryLoader.ReadFrontMatter(text!, "agreements/x.md", sink));
                Stage(2, () => RegistryLoader.Complete<DulaRegistry.Model.Agreement>(front!, "agreements/x.md", "", sink, keepMarkdown: false));
                var yaml = text![4..text!.IndexOf("\n---", 4, StringComparison.Ordinal)];
                Stage(3, () =>
                {
                    var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
                    while (parser.MoveNext()) { }
                });
            }
            Console.WriteLine($"round {round}, {paths.Length:N0} files on one thread: " + string.Join("; ", stages.Select(s =>
                $"{s.Name} {s.Time.TotalMicroseconds / paths.Length:N0} µs, {s.Bytes / paths.Length:N0} bytes")));
        }
        break;
    case ["phases", var root]:
        for (var round = 1; round <= 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var bag = new DiagnosticBag();
            var registry = RegistryLoader.Load(root, bag);
            var loaded = clock.Elapsed;
            var context = new RuleContext(registry, new DateOnly(2026, 11, 22), bag);
            var rules = RegistryValidator.Rules.Select(rule =>
            {
                var ruleClock = Stopwatch.StartNew();
                rule.Check(context);
                return $"{rule.GetType().Name} {ruleClock.Elapsed.TotalMilliseconds:0}";
            }).ToList();
            Console.WriteLine($"round {round}: load {loaded.TotalMilliseconds:0} ms, rules {(clock.Elapsed - loaded).TotalMilliseconds:0} ms "
                + $"({string.Join(", ", rules)}), {bag.Count} diagnostics, {GC.CollectionCount(0)} GCs, pause {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms");
        }
        break;
    case ["browser", var site, ..]:
        await BrowserBenchmark.RunAsync(site, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    case ["exports", var root, ..]:
        ExportsBenchmark.Run(root, Rounds(args), Option(args, "--out"));
        break;
    case ["rebuild", var root, var output, ..]:
        await RebuildBenchmark.RunAsync(root, output, Rounds(args));
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(ValidateBenchmark).Assembly).Run(args);
        break;
}

// The value after `name` among the arguments, or null.
static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var at and > 0 && at + 1 < args.Length ? args[at + 1] : null;

// `--rounds N`, 5 by default.
static int Rounds(string[] args) => Option(args, "--rounds") is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 5;

static string Measure(Stopwatch clock, TimeSpan cpuBefore) =>
    $"{clock.Elapsed.TotalMilliseconds:0} ms (CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds:0} ms)";
