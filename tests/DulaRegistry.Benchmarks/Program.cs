using System.Diagnostics;
using BenchmarkDotNet.Running;
using DulaRegistry.Benchmarks;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Validation;

// `generate DIR [N] [--commits C]`  writes a registry of N agreements (default 10,000), for timing the CLI; with
//                                   --commits, also a Git repository whose main reaches it over C commits.
// `history DIR`       reads DIR's status history from Git three times in this process, timing each.
// `phases DIR`        loads and validates DIR three times in this process, timing each phase and rule.
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
            // The walk and blob reads alone (what the one thread that may touch the repository does), then the whole read.
            var walkClock = Stopwatch.StartNew();
            var blobs = new HashSet<string>(StringComparer.Ordinal);
            long bytes = 0;
            using (var repository = DulaRegistry.Git.RegistryRepository.Open(root))
            {
                foreach (var commit in repository.FirstParentChanges("agreements"))
                {
                    foreach (var change in commit.Changes)
                    {
                        if (change.BlobId is { } id && blobs.Add(id)) bytes += repository.ReadBlob(id, long.MaxValue)!.Length;
                    }
                }
            }
            Console.WriteLine($"round {round}: walk and read {blobs.Count:N0} blobs ({bytes / (1024 * 1024):N0} MB) in {walkClock.Elapsed.TotalMilliseconds:0} ms");
            var clock = Stopwatch.StartNew();
            var history = DulaRegistry.History.StatusHistory.Read(root);
            var changes = history.Agreements.Values.Sum(h => h.StatusChanges.Count);
            Console.WriteLine($"round {round}: {clock.Elapsed.TotalMilliseconds:0} ms, {history.Agreements.Count:N0} agreements, {changes:N0} status changes, "
                + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB{(history.Note is { } note ? $" ({note})" : "")}");
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
    default:
        BenchmarkSwitcher.FromAssembly(typeof(ValidateBenchmark).Assembly).Run(args);
        break;
}
