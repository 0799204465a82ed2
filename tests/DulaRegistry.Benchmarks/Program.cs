using System.Diagnostics;
using BenchmarkDotNet.Running;
using DulaRegistry.Benchmarks;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Validation;

// `generate DIR [N]`  writes a registry of N agreements (default 10,000), for timing the CLI.
// `phases DIR`        loads and validates DIR three times in this process, timing each phase and rule.
// anything else       runs BenchmarkDotNet (e.g. `--filter '*'`).
switch (args)
{
    case ["generate", var dir, ..]:
        var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        RegistryGenerator.Write(dir, count);
        Console.WriteLine($"wrote a registry of {count:N0} agreements to {dir}");
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
