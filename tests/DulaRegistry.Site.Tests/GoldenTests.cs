using System.Text;
using DulaRegistry.Site.Tests.Infrastructure;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// The whole site built from tests/fixtures/site-registry must equal tests/fixtures/site-golden/ byte for byte
/// (except assets/, which are copies of site/assets and of the npm packages' files: the test below checks those).
/// Run with UPDATE_GOLDEN=1 to rewrite the goldens after an intended change, then review the diff.
/// </summary>
public sealed class GoldenTests
{
    private const string AssetsPrefix = "assets/";

    private static bool Compared(string relative) => !relative.StartsWith(AssetsPrefix, StringComparison.Ordinal);

    [Fact]
    public async Task Site_assets_are_copied_unchanged()
    {
        var site = await BuiltSite.Instance;
        var sources = Path.Combine(RepoPaths.Root, "site", "assets");
        var files = BuiltSite.ListFiles(sources);
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            File.ReadAllBytes(site.FullPath(AssetsPrefix + file)).ShouldBe(File.ReadAllBytes(Path.Combine(sources, file)), file);
        }
        site.Files().ShouldContain(AssetsPrefix + "vendor/mayflower.css");
        site.Files().ShouldContain(AssetsPrefix + "vendor/minisearch.js");
    }

    [Fact]
    public async Task Built_site_matches_the_golden_files()
    {
        var site = await BuiltSite.Instance;
        var actual = site.Files().Where(Compared).ToList();

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(RepoPaths.Golden)) Directory.Delete(RepoPaths.Golden, recursive: true);
            foreach (var file in actual)
            {
                var target = Path.Combine(RepoPaths.Golden, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(site.FullPath(file), target);
            }
            return;
        }

        Directory.Exists(RepoPaths.Golden).ShouldBeTrue($"{RepoPaths.Golden} is missing: run the tests once with UPDATE_GOLDEN=1 and commit it");
        var expected = BuiltSite.ListFiles(RepoPaths.Golden);
        var report = new StringBuilder();
        foreach (var missing in expected.Except(actual, StringComparer.Ordinal)) report.AppendLine($"missing from the build: {missing}");
        foreach (var extra in actual.Except(expected, StringComparer.Ordinal)) report.AppendLine($"not in the goldens: {extra}");
        foreach (var file in actual.Intersect(expected, StringComparer.Ordinal))
        {
            var a = File.ReadAllBytes(site.FullPath(file));
            var e = File.ReadAllBytes(Path.Combine(RepoPaths.Golden, file));
            if (!a.AsSpan().SequenceEqual(e)) report.AppendLine($"differs: {file}: {FirstDifference(e, a)}");
        }
        report.Length.ShouldBe(0, "the built site differs from tests/fixtures/site-golden/ (set UPDATE_GOLDEN=1 to accept an intended change):"
            + Environment.NewLine + report);
    }

    [Fact]
    public async Task Two_builds_of_the_same_registry_are_identical()
    {
        var site = await BuiltSite.Instance;
        var second = BuiltSite.NewTempFolder("dula-site-again-");
        var result = await BuiltSite.BuildToAsync(second);
        result.Succeeded.ShouldBeTrue(result.Error);

        var first = site.Files();
        BuiltSite.ListFiles(second).ShouldBe(first);
        var different = first
            .Where(f => !File.ReadAllBytes(site.FullPath(f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, f))))
            .Select(f => $"{f}: {FirstDifference(File.ReadAllBytes(site.FullPath(f)), File.ReadAllBytes(Path.Combine(second, f)))}")
            .ToList();
        different.ShouldBeEmpty("the build is not deterministic");
    }

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        var e = Encoding.UTF8.GetString(expected).Split('\n');
        var a = Encoding.UTF8.GetString(actual).Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al) return $"line {i + 1}{Environment.NewLine}  expected: {Clip(el)}{Environment.NewLine}  actual:   {Clip(al)}";
        }
        return $"{expected.Length} vs {actual.Length} bytes";
    }

    private static string Clip(string line) => line.Length <= 300 ? line : line[..300] + "…";
}
