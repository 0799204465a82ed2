namespace DulaRegistry.Site.Build;

/// <summary>
/// Puts the finished site in place. A full build replaces the output folder with the staging folder in one atomic exchange
/// where the system has one (no copy). An incremental build (<see cref="BuildState.PreviousBuild"/>) moves only the files it
/// wrote into the site, each replacing its old version atomically, and removes the files the site no longer has; a journal
/// beside the site marks the update, so a build killed part-way is followed by a full one (see <see cref="BuildCache.JournalFile"/>).
/// </summary>
public sealed class SwapOutput : IBuildStep<(SiteTarget Target, WrittenFiles Written, Task Journal), PublishedSite>
{
    public string Description => "Publishing the output folder";

    /// <param name="input">The site written to the staging folder, its files, and in an incremental build the writing of the
    /// journal (<see cref="BuildCache.BeginUpdate"/>), started while the site was written (a full build has none to wait for).</param>
    public async Task<PublishedSite> RunAsync((SiteTarget Target, WrittenFiles Written, Task Journal) input, CancellationToken cancellationToken)
    {
        var (target, written, journal) = input;
        var output = target.Context.Output;
        // Checked again: the folder may have changed while the site was rendered.
        if (OutputFolder.Problem(output, target.Context.Options.Root) is { } problem) throw new BuildStoppedException(problem);
        if (target.Previous is { } previous)
        {
            await journal.ConfigureAwait(false); // the journal is on disk before the first file moves
            var (moved, removed) = UpdateInPlace(target.Staging, output, previous, written.Files);
            // The staging folder now holds only empty folders and its marker: the builder deletes it.
            return new PublishedSite(StagingMoved: false, Aside: null, moved, removed);
        }
        var aside = OutputFolder.Swap(target.Staging, output);
        return new PublishedSite(StagingMoved: true, aside, 0, 0);
    }

    public string? Summarize((SiteTarget Target, WrittenFiles Written, Task Journal) input, PublishedSite published) => input.Target.Previous is null
        ? input.Target.Context.Options.Output
        : $"{input.Target.Context.Options.Output} ({published.UpdatedFiles:N0} files updated, {published.RemovedFiles:N0} removed)";

    private static (int Moved, int Removed) UpdateInPlace(string staging, string output, BuildCache previous, IReadOnlyList<OutputFile> files)
    {
        var moved = 0;
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(staging, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == OutputFolder.MarkerFile) continue; // the site keeps its own marker, which names its build
            var target = Path.Combine(output, relative.Replace('/', Path.DirectorySeparatorChar));
            var folder = Path.GetDirectoryName(target)!;
            if (SafeDelete.IsLink(folder) || File.Exists(folder))
            {
                throw new IOException($"'{folder}' in the site is not a folder this tool made; build again with --full to replace the site whole");
            }
            Directory.CreateDirectory(folder);
            File.Move(file, target, overwrite: true); // rename(2): readers see the old file or the new one, never half of one
            moved++;
        }
        // What the previous build made and this one did not: pages of removed agreements, search chunks no longer needed.
        var now = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        // The cache is the tool's own, but it is read from disk: a path from it never leads out of the site.
        foreach (var gone in previous.Files.Where(f => !now.Contains(f) && OutputWriter.IsInside(f)))
        {
            var path = Path.Combine(output, gone.Replace('/', Path.DirectorySeparatorChar));
            if (!SafeDelete.IsRegularFile(path)) continue;
            File.Delete(path);
            removed++;
            RemoveEmptyFolders(Path.GetDirectoryName(path)!, output);
        }
        return (moved, removed);
    }

    private static void RemoveEmptyFolders(string folder, string output)
    {
        while (folder.Length > output.Length && folder.StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !SafeDelete.IsLink(folder) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}

/// <summary>The new site is in place: from here on the build finishes rather than stop part-way.</summary>
/// <param name="StagingMoved">The staging folder became the site (a full build); otherwise its files were moved into the site.</param>
/// <param name="Aside">The previous site, renamed aside until <see cref="DeletePreviousOutput"/> deletes it; null when there was none
/// or the site was updated in place.</param>
/// <param name="UpdatedFiles">An incremental build: how many files it moved into the site.</param>
/// <param name="RemovedFiles">An incremental build: how many files it removed from the site.</param>
public sealed record PublishedSite(bool StagingMoved, string? Aside, int UpdatedFiles, int RemovedFiles);
