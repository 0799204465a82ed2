using System.Diagnostics;
using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Validation;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>Limits a pull request cannot lift: file size, YAML values per file, diagnostics kept; memory stays bounded.</summary>
public class LimitTests
{
    private const string Second = "agreements/DULA-2026-0008.md";

    [Fact]
    public void Sparse_300_MB_file_is_refused_without_being_read()
    {
        using var registry = Fixtures.Registry();
        using (var stream = new FileStream(Path.Combine(registry.Root, Second), FileMode.CreateNew))
        {
            stream.SetLength(300_000_000);
        }
        var bag = new DiagnosticBag();
        // The read happens on this thread (the loader's first stage), so this thread's allocations tell whether it read the file.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var loaded = RegistryLoader.Load(registry.Root, bag);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.ShouldBeLessThan(50L * 1024 * 1024);
        var diagnostics = bag.Sorted();
        diagnostics.ShouldHaveCodes(C.FileTooLarge);
        diagnostics.ShouldReport(C.FileTooLarge, Second, 1, 1).Message.ShouldContain("300,000,000 bytes");
        loaded.AgreementFiles.ShouldBe(2);
    }

    [Fact]
    public void Max_file_bytes_above_8_MiB_is_DULA090_and_the_default_applies()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", "max_file_bytes: 100000000\n");
        // 2 MiB: under the asked-for limit, over the default of 1 MiB.
        registry.Write(Second, Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2026-0008") + new string('x', 2 * 1024 * 1024) + "\n");
        var bag = new DiagnosticBag();
        var loaded = RegistryValidator.LoadAndValidate(registry.Root, TempRegistry.Today, bag);
        var diagnostics = bag.Sorted();
        diagnostics.ShouldHaveCodes(C.Settings, C.FileTooLarge);
        diagnostics.ShouldReport(C.Settings, "registry.yml", 1, 1).Message.ShouldContain("8 MiB");
        diagnostics.ShouldReport(C.FileTooLarge, Second, 1, 1);
        loaded.Settings.EffectiveMaxFileBytes.ShouldBe(1024 * 1024);
    }

    [Fact]
    public void Max_file_bytes_of_exactly_8_MiB_is_accepted()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", $"max_file_bytes: {8 * 1024 * 1024}\n");
        var bag = new DiagnosticBag();
        var settings = RegistryLoader.LoadSettings(registry.Root, bag);
        bag.Sorted().ShouldBeClean();
        settings.EffectiveMaxFileBytes.ShouldBe(8 * 1024 * 1024);
    }

    [Fact]
    public void A_hundred_thousand_keys_are_one_diagnostic()
    {
        var text = new StringBuilder("---\n");
        for (var i = 0; i < 100_000; i++) text.Append(Key(i)).Append(": 1\n");
        text.Append("---\n");
        Encoding.UTF8.GetByteCount(text.ToString()).ShouldBeLessThan(1024 * 1024); // within the default byte limit
        using var registry = Fixtures.Registry().Write(Second, text.ToString());
        var (diagnostics, _) = ValidateTimed(registry.Root);
        diagnostics.ShouldHaveCodes(C.TooManyValues);
        // 1 for the mapping, then a key and a value per entry: the 20,001st node is entry 10,000's value, on line 10,001.
        diagnostics.ShouldReport(C.TooManyValues, Second, 10_001, 9);

        static string Key(int i) => "k" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Front_matter_of_exactly_the_node_limit_is_read()
    {
        // A mapping of n entries is 1 + 2n nodes: 19,999 here, and one more entry makes 20,001.
        var entries = (YamlTreeReader.MaxNodes - 1) / 2;
        var yaml = string.Concat(Enumerable.Range(0, entries).Select(i => $"k{i}: 1\n"));
        var bag = new DiagnosticBag();
        YamlTreeReader.Read(yaml, "x.md", 0, bag).ShouldBeOfType<YMapping>().Entries.Count.ShouldBe(entries);
        bag.Sorted().ShouldBeClean();
        YamlTreeReader.Read(yaml + "one: more\n", "x.md", 0, bag).ShouldBeNull();
        bag.Sorted().Single(C.TooManyValues).Line.ShouldBe(entries + 1);
    }

    [Fact]
    public void Five_thousand_parties_take_linear_time_and_bounded_diagnostics()
    {
        var text = new StringBuilder(Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2026-0008").Edit("parties:\n", "parties:\n" + string.Concat(
            Enumerable.Range(0, 5000).Select(i => $"  - agency: p{i}\n"))));
        using var registry = Fixtures.Registry().Write(Second, text.ToString());
        var (diagnostics, bag) = ValidateTimed(registry.Root);
        diagnostics.ShouldNotContain(d => d.Code == C.TooManyValues, Fixtures.Describe(diagnostics));
        // Each party is unknown and lacks a role: 10,000 errors, of which the bag keeps its per-file limit.
        bag.Errors.ShouldBeGreaterThanOrEqualTo(10_000);
        diagnostics.Count(d => d.File == Second).ShouldBe(bag.MaxPerFile);
        bag.OmittedByFile[Second].ShouldBe(bag.Errors + bag.Warnings - bag.Count);
        bag.Omitted.ShouldBe(bag.Errors + bag.Warnings - bag.Count);
    }

    private static (IReadOnlyList<Diagnostic> Diagnostics, DiagnosticBag Bag) ValidateTimed(string root)
    {
        var bag = new DiagnosticBag();
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => RegistryValidator.LoadAndValidate(root, TempRegistry.Today, bag));
        run.Wait(TimeSpan.FromSeconds(20)).ShouldBeTrue("validation took over 20 s");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        return (bag.Sorted(), bag);
    }

    // ---------------------------------------------------------------- the diagnostic bag

    private static Diagnostic D(string file, int line, Severity severity = Severity.Error) => new("DULA012", severity, file, line, 1, "m");

    [Fact]
    public void Bag_keeps_at_most_its_per_file_limit_and_counts_the_rest()
    {
        var bag = new DiagnosticBag(maxPerFile: 3, maxPerRun: 100);
        for (var line = 10; line >= 1; line--) bag.Report(D("a.md", line, line % 2 == 0 ? Severity.Error : Severity.Warning));
        bag.Report(D("b.md", 1));
        bag.Sorted().Select(d => (d.File, d.Line)).ShouldBe([("a.md", 1), ("a.md", 2), ("a.md", 3), ("b.md", 1)]);
        bag.Errors.ShouldBe(6);
        bag.Warnings.ShouldBe(5);
        bag.Omitted.ShouldBe(7);
        bag.OmittedByFile.ShouldBe(new Dictionary<string, int> { ["a.md"] = 7 });
        bag.Count.ShouldBe(4);
        bag.HasErrors.ShouldBeTrue();
    }

    [Fact]
    public void Bag_keeps_at_most_its_per_run_limit_whatever_the_order_of_reports()
    {
        var reports = Enumerable.Range(0, 50).Select(i => D($"f{i % 7}.md", i)).ToList();
        var forward = new DiagnosticBag(maxPerFile: 5, maxPerRun: 12);
        var backward = new DiagnosticBag(maxPerFile: 5, maxPerRun: 12);
        var shuffled = new DiagnosticBag(maxPerFile: 5, maxPerRun: 12);
        foreach (var d in reports) forward.Report(d);
        foreach (var d in Enumerable.Reverse(reports)) backward.Report(d);
        Parallel.ForEach(reports.OrderBy(d => (d.Line * 7919) % 50), d => shuffled.Report(d));
        forward.Count.ShouldBe(12);
        forward.Sorted().ShouldBe(backward.Sorted());
        forward.Sorted().ShouldBe(shuffled.Sorted());
        forward.Omitted.ShouldBe(38);
        forward.OmittedByFile.Values.Sum().ShouldBe(38);
        forward.Errors.ShouldBe(50);
        // The kept ones are the first in sort order: f0.md and f1.md, five each, then two of f2.md.
        forward.Sorted().Select(d => d.File).Distinct().ShouldBe(["f0.md", "f1.md", "f2.md"]);
    }

    [Fact]
    public void Bag_keeps_identical_diagnostics_apart()
    {
        var bag = new DiagnosticBag();
        bag.Report(D("a.md", 1));
        bag.Report(D("a.md", 1));
        bag.Count.ShouldBe(2);
        bag.Errors.ShouldBe(2);
    }
}
