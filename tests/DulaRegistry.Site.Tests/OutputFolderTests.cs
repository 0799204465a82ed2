using System.Diagnostics;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Tests.Infrastructure;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// The output folder is the build's only if it made it (a <c>.registry-site</c> marker), no deletion ever follows a
/// symbolic link, and what an interrupted build leaves behind is cleaned up by the next one. Real folders and links.
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "dula-out-" + Guid.NewGuid().ToString("N")[..12]);

    public OutputFolderTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => SafeDelete.TryTree(_temp);

    private string PathOf(string relative) => Path.Combine(_temp, relative);

    private static Task<BuildResult> Build(string output) =>
        SiteBuilder.BuildAsync(new SiteBuildOptions(RepoPaths.FixtureRegistry, output, "/", BuiltSite.Today));

    /// <summary>A folder with a few files of the user's, to prove nothing in it was touched.</summary>
    private string UserFolder(string relative)
    {
        var folder = PathOf(relative);
        Directory.CreateDirectory(Path.Combine(folder, "notes"));
        File.WriteAllText(Path.Combine(folder, "index.html"), "<p>my own page</p>");
        File.WriteAllText(Path.Combine(folder, "notes", "todo.txt"), "keep me");
        return folder;
    }

    private static void ShouldBeUntouchedUserFolder(string folder)
    {
        File.ReadAllText(Path.Combine(folder, "index.html")).ShouldBe("<p>my own page</p>");
        File.ReadAllText(Path.Combine(folder, "notes", "todo.txt")).ShouldBe("keep me");
    }

    /// <summary>The hidden temporary siblings of the build (staging and previous sites) in a folder.</summary>
    private static string[] TempSiblings(string parent) =>
        Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName).Where(n => n!.Contains(".registry-tmp-", StringComparison.Ordinal)).ToArray()!;

    /// <summary>The id of a process that has exited, for leftovers of a build that was killed.</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    private static string Marked(string folder, string file = "page.html")
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OutputFolder.MarkerFile), "DulaRegistry.Tool 0.1.0\n");
        File.WriteAllText(Path.Combine(folder, file), "leftover");
        return folder;
    }

    [Fact]
    public async Task A_built_site_carries_a_regular_marker_file_naming_the_generator()
    {
        var output = PathOf("site");
        var result = await Build(output);
        result.Succeeded.ShouldBeTrue(result.Error);
        SafeDelete.IsRegularFile(Path.Combine(output, OutputFolder.MarkerFile)).ShouldBeTrue();
        File.ReadAllText(Path.Combine(output, OutputFolder.MarkerFile)).ShouldBe(OutputFolder.DefaultGenerator + "\n");
        result.Files.ShouldNotContain(f => f.Path == OutputFolder.MarkerFile);
        TempSiblings(_temp).ShouldBeEmpty();

        // A second build replaces the first: the marker is what makes that allowed.
        File.WriteAllText(Path.Combine(output, "stale.html"), "from the first build");
        (await Build(output)).Succeeded.ShouldBeTrue();
        File.Exists(Path.Combine(output, "stale.html")).ShouldBeFalse();
        TempSiblings(_temp).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_non_empty_folder_with_an_index_html_but_no_marker_is_refused_and_left_intact()
    {
        var output = UserFolder("site");
        var result = await Build(output);
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain(OutputFolder.MarkerFile);
        result.Error.ShouldContain("--out");
        ShouldBeUntouchedUserFolder(output);
        Directory.EnumerateFileSystemEntries(output).Count().ShouldBe(2);
        TempSiblings(_temp).ShouldBeEmpty();
    }

    [Fact]
    public void Only_a_regular_file_has_a_size_links_folders_and_pipes_have_none()
    {
        var file = PathOf("page.html");
        File.WriteAllText(file, "<p>12345</p>");
        SafeDelete.RegularFileLength(file).ShouldBe(12);
        File.CreateSymbolicLink(PathOf("link.html"), file);
        SafeDelete.RegularFileLength(PathOf("link.html")).ShouldBeNull("a link to a page is not the page");
        SafeDelete.RegularFileLength(_temp).ShouldBeNull();
        SafeDelete.RegularFileLength(PathOf("missing.html")).ShouldBeNull();
        if (OperatingSystem.IsWindows()) return;
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [PathOf("pipe.html")]) { UseShellExecute = false })!) mkfifo.WaitForExit();
        SafeDelete.RegularFileLength(PathOf("pipe.html")).ShouldBeNull("a pipe is never taken for a page (nor opened)");
    }

    [Fact]
    public async Task A_marker_that_is_a_pipe_is_no_marker_and_the_build_does_not_block_on_it()
    {
        if (OperatingSystem.IsWindows()) return;
        var output = UserFolder("site");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [Path.Combine(output, OutputFolder.MarkerFile)]) { UseShellExecute = false })!) mkfifo.WaitForExit();
        var result = await Build(output).WaitAsync(TimeSpan.FromMinutes(2));
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("not written by this tool");
        ShouldBeUntouchedUserFolder(output);
    }

    [Fact]
    public async Task A_marker_that_is_a_link_is_no_marker()
    {
        var output = UserFolder("site");
        var real = Path.Combine(_temp, "real-marker");
        File.WriteAllText(real, "DulaRegistry.Tool 0.1.0\n");
        File.CreateSymbolicLink(Path.Combine(output, OutputFolder.MarkerFile), real);
        var result = await Build(output);
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("not written by this tool");
        ShouldBeUntouchedUserFolder(output);
    }

    [Fact]
    public async Task An_empty_folder_or_a_missing_one_is_built_into()
    {
        var empty = PathOf("empty");
        Directory.CreateDirectory(empty);
        (await Build(empty)).Succeeded.ShouldBeTrue();
        File.Exists(Path.Combine(empty, "index.html")).ShouldBeTrue();
        var missing = PathOf("deeper/missing");
        (await Build(missing)).Succeeded.ShouldBeTrue();
        File.Exists(Path.Combine(missing, "index.html")).ShouldBeTrue();
    }

    [Fact]
    public async Task An_out_that_is_a_symbolic_link_is_refused_and_its_target_left_intact()
    {
        // Even a folder that holds a marker is refused behind a link: the build never replaces through one.
        var target = UserFolder("target");
        File.WriteAllText(Path.Combine(target, OutputFolder.MarkerFile), "DulaRegistry.Tool 0.1.0\n");
        var link = PathOf("site");
        Directory.CreateSymbolicLink(link, target);

        var result = await Build(link);
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("symbolic link");
        ShouldBeUntouchedUserFolder(target);
        File.Exists(Path.Combine(target, OutputFolder.MarkerFile)).ShouldBeTrue();
        new DirectoryInfo(link).LinkTarget.ShouldBe(target);
        TempSiblings(_temp).ShouldBeEmpty();

        // A dangling link too.
        var dangling = PathOf("dangling");
        Directory.CreateSymbolicLink(dangling, PathOf("nowhere"));
        (await Build(dangling)).Error.ShouldNotBeNull().ShouldContain("symbolic link");
        Directory.Exists(PathOf("nowhere")).ShouldBeFalse();
    }

    [Fact]
    public async Task An_out_naming_a_file_is_refused()
    {
        var file = PathOf("site");
        File.WriteAllText(file, "not a folder");
        var result = await Build(file);
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("is a file");
        File.ReadAllText(file).ShouldBe("not a folder");
    }

    [Fact]
    public async Task Links_inside_the_previous_site_are_unlinked_never_followed()
    {
        var output = PathOf("site");
        (await Build(output)).Succeeded.ShouldBeTrue();
        var outside = UserFolder("outside");
        var outsideFile = Path.Combine(outside, "notes", "todo.txt");
        // At every depth the deletion handles differently: the top, a first-level folder, a page's folder (deleted in parallel).
        Directory.CreateSymbolicLink(Path.Combine(output, "link-to-outside"), outside);
        Directory.CreateSymbolicLink(Path.Combine(output, "agreements", "link-to-outside"), outside);
        var page = Directory.EnumerateDirectories(Path.Combine(output, "agreements")).First(d => !SafeDelete.IsLink(d));
        Directory.CreateSymbolicLink(Path.Combine(page, "link-to-outside"), outside);
        File.CreateSymbolicLink(Path.Combine(page, "file-link"), outsideFile);

        var result = await Build(output);
        result.Succeeded.ShouldBeTrue(result.Error);
        ShouldBeUntouchedUserFolder(outside);
        Directory.Exists(Path.Combine(output, "link-to-outside")).ShouldBeFalse();
        File.Exists(Path.Combine(output, "index.html")).ShouldBeTrue();
        TempSiblings(_temp).ShouldBeEmpty();
    }

    [Fact]
    public void Safe_delete_of_a_tree_with_links_removes_the_links_and_nothing_they_point_at()
    {
        var outside = UserFolder("outside");
        var tree = PathOf("tree");
        Directory.CreateDirectory(Path.Combine(tree, "a", "b", "c"));
        Directory.CreateSymbolicLink(Path.Combine(tree, "a", "b", "c", "up"), outside);
        Directory.CreateSymbolicLink(Path.Combine(tree, "a", "b", "loop"), tree);
        File.CreateSymbolicLink(Path.Combine(tree, "a", "f"), Path.Combine(outside, "index.html"));
        SafeDelete.Tree(tree);
        Path.Exists(tree).ShouldBeFalse();
        ShouldBeUntouchedUserFolder(outside);

        // A tree that is itself a link: only the link goes.
        var link = PathOf("link");
        Directory.CreateSymbolicLink(link, outside);
        SafeDelete.Tree(link);
        Path.Exists(link).ShouldBeFalse();
        ShouldBeUntouchedUserFolder(outside);
    }

    [Fact]
    public async Task Marked_leftovers_of_an_interrupted_build_are_removed_and_look_alikes_are_not()
    {
        var output = PathOf("site");
        (await Build(output)).Succeeded.ShouldBeTrue();
        var dead = DeadProcessId();
        var staging = Marked(PathOf($".site.registry-tmp-build-{dead}-{Guid.NewGuid():N}"));
        var aside = Marked(PathOf($".site.registry-tmp-old-{dead}-{Guid.NewGuid():N}"));
        var noProcessId = Marked(PathOf(".site.registry-tmp-whatever"));
        // Look-alikes: no marker; a link to a marked folder; a marked folder of a build that is still running; another site's.
        var unmarked = UserFolder($".site.registry-tmp-build-{dead}-{Guid.NewGuid():N}");
        var target = Marked(PathOf("marked-target"));
        var linked = PathOf($".site.registry-tmp-build-{dead}-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(linked, target);
        var running = Marked(PathOf($".site.registry-tmp-build-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        var otherSite = Marked(PathOf($".other.registry-tmp-build-{dead}-{Guid.NewGuid():N}"));

        (await Build(output)).Succeeded.ShouldBeTrue();

        Path.Exists(staging).ShouldBeFalse();
        Path.Exists(aside).ShouldBeFalse();
        Path.Exists(noProcessId).ShouldBeFalse();
        ShouldBeUntouchedUserFolder(unmarked);
        new DirectoryInfo(linked).LinkTarget.ShouldBe(target);
        File.ReadAllText(Path.Combine(target, "page.html")).ShouldBe("leftover");
        File.Exists(Path.Combine(running, "page.html")).ShouldBeTrue();
        File.Exists(Path.Combine(otherSite, "page.html")).ShouldBeTrue();
    }

    [Fact]
    public void A_previous_site_orphaned_by_a_kill_between_two_renames_is_put_back()
    {
        var output = PathOf("site");
        var dead = DeadProcessId();
        var older = Marked(PathOf($".site.registry-tmp-old-{dead}-{Guid.NewGuid():N}"), "older.html");
        File.SetLastWriteTimeUtc(Path.Combine(older, OutputFolder.MarkerFile), DateTime.UtcNow.AddHours(-1));
        Marked(PathOf($".site.registry-tmp-old-{dead}-{Guid.NewGuid():N}"), "newest.html");
        var staging = Marked(PathOf($".site.registry-tmp-build-{dead}-{Guid.NewGuid():N}"), "half.html");

        OutputFolder.CleanLeftovers(output);

        File.Exists(Path.Combine(output, "newest.html")).ShouldBeTrue();
        OutputFolder.IsMarked(output).ShouldBeTrue();
        Path.Exists(older).ShouldBeFalse();
        Path.Exists(staging).ShouldBeFalse();
        TempSiblings(_temp).ShouldBeEmpty();
    }

    [Fact]
    public void The_repository_gitignore_covers_every_temporary_name_the_build_uses()
    {
        File.Copy(Path.Combine(RepoPaths.Root, ".gitignore"), PathOf(".gitignore"));
        Git("init", "--quiet", "--initial-branch=main");
        foreach (var output in new[] { PathOf("_site"), PathOf("docs/public") })
        {
            foreach (var name in new[] { OutputFolder.NewStaging(output), OutputFolder.NewAside(output) })
            {
                Marked(name);
                Git("check-ignore", "--quiet", Path.GetRelativePath(_temp, Path.Combine(name, "page.html")));
            }
        }
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _temp, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, $"git {string.Join(' ', args)}: {git.StandardError.ReadToEnd()}");
    }

    [Fact]
    public async Task A_build_cancelled_while_rendering_leaves_the_previous_site_and_no_staging_folder()
    {
        var output = PathOf("site");
        (await Build(output)).Succeeded.ShouldBeTrue();
        File.WriteAllText(Path.Combine(output, "index.html"), "the previous site");
        using var cancel = new CancellationTokenSource();
        // The step that renders the pages (beside the exports and the search index).
        var rendering = SiteBuilder.WriteSite.Description;
        var progress = new CancelAt(rendering, cancel, () => TempSiblings(_temp));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            SiteBuilder.BuildAsync(new SiteBuildOptions(RepoPaths.FixtureRegistry, output, "/", BuiltSite.Today), progress, cancel.Token));

        progress.SeenWhenCancelled.ShouldHaveSingleItem().ShouldStartWith(".site.registry-tmp-build-"); // there was a staging folder
        File.ReadAllText(Path.Combine(output, "index.html")).ShouldBe("the previous site");
        TempSiblings(_temp).ShouldBeEmpty();
    }

    /// <summary>Cancels the build when the named step starts, noting the temporary siblings at that moment.</summary>
    private sealed class CancelAt(string step, CancellationTokenSource cancel, Func<string[]> siblings) : IBuildProgress
    {
        public string[] SeenWhenCancelled { get; private set; } = [];

        public void StepStarted(string name, int index, int count)
        {
            if (name != step) return;
            SeenWhenCancelled = siblings();
            cancel.Cancel();
        }

        public void StepFinished(string name, TimeSpan elapsed, string? detail) { }
    }
}
