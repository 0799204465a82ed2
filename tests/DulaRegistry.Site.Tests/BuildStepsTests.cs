using DulaRegistry.Site.Build;
using DulaRegistry.Site.Tests.Infrastructure;

namespace DulaRegistry.Site.Tests;

/// <summary>The build runs its steps once each, in order, and says so: the progress a user sees counts the steps the build
/// runs, and a registry with errors stops after validation with nothing written.</summary>
public sealed class BuildStepsTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "dula-steps-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose() => SafeDelete.TryTree(_temp);

    private sealed class Recorder : IBuildProgress
    {
        public List<(string Name, int Index, int Count)> Started { get; } = [];

        public List<(string Name, string? Detail)> Finished { get; } = [];

        public void StepStarted(string name, int index, int count) => Started.Add((name, index, count));

        public void StepFinished(string name, TimeSpan elapsed, string? detail) => Finished.Add((name, detail));
    }

    [Fact]
    public async Task Every_step_runs_once_in_order_and_the_progress_counts_them()
    {
        var progress = new Recorder();
        var result = await SiteBuilder.BuildAsync(new SiteBuildOptions(RepoPaths.FixtureRegistry, Path.Combine(_temp, "site"), "/", BuiltSite.Today), progress);
        result.Succeeded.ShouldBeTrue(result.Error);
        string[] order =
        [
            SiteBuilder.PrepareOutput.Description, SiteBuilder.ReadBuildCache.Description, SiteBuilder.LoadRegistry.Description,
            SiteBuilder.ValidateRegistry.Description, SiteBuilder.ReadHistory.Description, SiteBuilder.BuildSiteModel.Description,
            SiteBuilder.WriteSite.Description, SiteBuilder.SwapOutput.Description, SiteBuilder.WriteBuildCache.Description,
            SiteBuilder.DeletePreviousOutput.Description,
        ];
        progress.Started.Select(s => s.Name).ShouldBe(order);
        progress.Started.Select(s => s.Index).ShouldBe(Enumerable.Range(0, order.Length));
        progress.Started.ShouldAllBe(s => s.Count == SiteBuilder.StepCount);
        progress.Finished.Select(f => f.Name).ShouldBe(order);
        result.Steps.Select(s => s.Name).ShouldBe(["PrepareOutput", "ReadBuildCache", "LoadRegistry", "ValidateRegistry", "ReadHistory",
            "BuildSiteModel", "Concurrently", "SwapOutput", "WriteBuildCache", "DeletePreviousOutput"]);
        progress.Finished[3].Detail.ShouldBe("0 errors, 0 warnings");
        progress.Finished[6].Detail.ShouldBe($"{result.Pages:N0} pages, {result.Files.Count(f => f.Kind == OutputKind.Export):N0} exports, "
            + $"{result.Files.Count(f => f.Kind == OutputKind.Asset):N0} assets");
    }

    [Fact]
    public async Task A_registry_with_errors_stops_after_validation_and_writes_nothing()
    {
        var root = Path.Combine(_temp, "registry");
        Directory.CreateDirectory(Path.Combine(root, "agreements"));
        Directory.CreateDirectory(Path.Combine(root, "agencies"));
        File.WriteAllText(Path.Combine(root, "registry.yml"), "");
        File.WriteAllText(Path.Combine(root, "agreements", "DULA-2026-0001.md"), "---\nid: DULA-2026-0001\ntitle: [unclosed\n---\n");
        var output = Path.Combine(_temp, "site");
        var progress = new Recorder();
        var result = await SiteBuilder.BuildAsync(new SiteBuildOptions(root, output, "/", BuiltSite.Today), progress);
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldBeNull(); // not a failure of the build: the registry's diagnostics say what to fix
        result.Diagnostics.ShouldContain(d => d.Severity == DulaRegistry.Diagnostics.Severity.Error);
        result.Files.ShouldBeEmpty();
        progress.Finished.Select(f => f.Name).Last().ShouldBe(SiteBuilder.ValidateRegistry.Description);
        progress.Finished.Last().Detail.ShouldStartWith($"{result.Diagnostics.Count(d => d.Severity == DulaRegistry.Diagnostics.Severity.Error)} error");
        Directory.Exists(output).ShouldBeFalse();
        Directory.GetFileSystemEntries(_temp).Select(Path.GetFileName).ShouldBe(["registry"]); // no staging folder left beside it
    }
}
