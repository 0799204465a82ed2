using BenchmarkDotNet.Running;
using DulaRegistry.Benchmarks;

// `generate DIR [N]` writes a registry of N agreements (default 10,000) for timing the CLI;
// anything else runs BenchmarkDotNet (e.g. `--filter *`).
if (args is ["generate", var dir, ..])
{
    var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    RegistryGenerator.Write(dir, count);
    Console.WriteLine($"wrote a registry of {count:N0} agreements to {dir}");
    return;
}
if (args is ["stages", var stageRoot])
{
    var files = Directory.GetFiles(Path.Combine(stageRoot, "agreements")).Select(File.ReadAllText).ToArray();
    for (var round = 0; round < 3; round++)
    {
        var sink = new DulaRegistry.Diagnostics.DiagnosticBag();
        var c = System.Diagnostics.Stopwatch.StartNew();
        foreach (var f in files) { var end = f.IndexOf("\n---\n", 4, StringComparison.Ordinal); DulaRegistry.Loading.YamlTreeReader.Read(f[4..end], "x", 1, sink); }
        var yaml = c.Elapsed; c.Restart();
        foreach (var f in files) { var end = f.IndexOf("\n---\n", 4, StringComparison.Ordinal); Markdig.Markdown.Parse(f[(end + 5)..], DulaRegistry.Markdown.RegistryMarkdown.Pipeline); }
        var md = c.Elapsed; c.Restart();
        foreach (var f in files) DulaRegistry.Loading.RegistryLoader.Parse<DulaRegistry.Model.Agreement>(f, "agreements/x.md", "", sink);
        Console.WriteLine($"yaml {yaml.TotalMilliseconds:0} ms, markdown {md.TotalMilliseconds:0} ms, whole parse {c.Elapsed.TotalMilliseconds:0} ms (single thread)");
    }
    return;
}
if (args is ["io", var ioRoot])
{
    for (var round = 0; round < 3; round++)
    {
        var c = System.Diagnostics.Stopwatch.StartNew();
        var names = Directory.EnumerateFileSystemEntries(Path.Combine(ioRoot, "agreements")).Order(StringComparer.Ordinal).ToList();
        var t0 = c.Elapsed; c.Restart();
        long total = 0;
        foreach (var n in names) { var fi = new FileInfo(n); if (fi.LinkTarget is null && Directory.Exists(n) == false) total += fi.Length; }
        var t1 = c.Elapsed; c.Restart();
        foreach (var n in names) { var b = File.ReadAllBytes(n); total += System.Security.Cryptography.SHA256.HashData(b)[0]; }
        var t2 = c.Elapsed; c.Restart();
        var sink = new DulaRegistry.Diagnostics.DiagnosticBag();
        foreach (var n in names) DulaRegistry.Loading.RegistryLoader.LoadDocument<DulaRegistry.Model.Agreement>(n, "agreements/x.md", 1 << 20, sink);
        var t3 = c.Elapsed; c.Restart();
        Parallel.ForEach(names, n => DulaRegistry.Loading.RegistryLoader.LoadDocument<DulaRegistry.Model.Agreement>(n, "agreements/x.md", 1 << 20, sink));
        var t4 = c.Elapsed; c.Restart();
        var texts = names.Select(File.ReadAllText).ToArray(); c.Restart();
        Parallel.ForEach(texts, t => { var end = t.IndexOf("\n---\n", 4, StringComparison.Ordinal); DulaRegistry.Loading.YamlTreeReader.Read(t[4..end], "x", 1, sink); });
        var t5 = c.Elapsed; c.Restart();
        Parallel.ForEach(texts, t => { var end = t.IndexOf("\n---\n", 4, StringComparison.Ordinal); Markdig.Markdown.Parse(t[(end + 5)..], DulaRegistry.Markdown.RegistryMarkdown.Pipeline); });
        Console.WriteLine($"parallel load {t4.TotalMilliseconds:0} ms, parallel yaml {t5.TotalMilliseconds:0}, parallel md {c.Elapsed.TotalMilliseconds:0}");
        c.Restart();
        Console.WriteLine($"enumerate {t0.TotalMilliseconds:0} ms, stat {t1.TotalMilliseconds:0} ms, read+sha {t2.TotalMilliseconds:0} ms, LoadDocument x1 thread {t3.TotalMilliseconds:0} ms");
    }
    return;
}
if (args is ["time", var timeRoot])
{
    for (var round = 0; round < 3; round++)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var bag = new DulaRegistry.Diagnostics.DiagnosticBag();
        var registry = DulaRegistry.Loading.RegistryLoader.Load(timeRoot, bag);
        var loaded = clock.Elapsed;
        var ctx = new DulaRegistry.Validation.RuleContext(registry, new DateOnly(2026, 11, 22), bag);
        foreach (var rule in DulaRegistry.Validation.RegistryValidator.Rules)
        {
            var rc = System.Diagnostics.Stopwatch.StartNew();
            rule.Check(ctx);
            Console.Write($"{rule.GetType().Name} {rc.Elapsed.TotalMilliseconds:0} ms; ");
        }
        Console.WriteLine($"load {loaded.TotalMilliseconds:0} ms, validate {(clock.Elapsed - loaded).TotalMilliseconds:0} ms, {bag.Count} diagnostics");
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ValidateBenchmark).Assembly).Run(args);
