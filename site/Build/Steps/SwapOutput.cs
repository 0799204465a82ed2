namespace DulaRegistry.Site.Build;

/// <summary>
/// Puts the finished site in place. A full build replaces the output folder with the staging folder in one atomic exchange
/// where the system has one (no copy). An incremental build (<see cref="BuildState.PreviousBuild"/>) moves only the files it
/// wrote into the site, each replacing its old version atomically, and removes the files the site no longer has; a journal
/// beside the site marks the update, so a build killed part-way is followed by a full one (see <see cref="BuildCache.JournalFile"/>).
/// </summary>
public sealed class SwapOutput : IBuildStep
{
    public string Description => "Publishing the output folder";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var staging = state.RequireStaging;
        var output = OutputFolder.Normalize(state.Options.Output);
        // Checked again: the folder may have changed while the site was rendered.
        if (OutputFolder.Problem(output, state.Options.Root) is { } problem)
        {
            return Task.FromResult(state with { Failed = true, Error = problem });
        }
        if (state.PreviousBuild is { } previous)
        {
            var (moved, removed) = UpdateInPlace(staging, output, previous, state.Files);
            // The staging folder now holds only empty folders and its marker: the builder deletes it.
            return Task.FromResult(state with { Published = true, UpdatedFiles = moved, RemovedFiles = removed });
        }
        var aside = OutputFolder.Swap(staging, output);
        return Task.FromResult(state with { Staging = null, PreviousOutput = aside, Published = true });
    }

    public string? Summarize(BuildState before, BuildState after) => after.PreviousBuild is null
        ? after.Options.Output
        : $"{after.Options.Output} ({after.UpdatedFiles:N0} files updated, {after.RemovedFiles:N0} removed)";

    private static (int Moved, int Removed) UpdateInPlace(string staging, string output, BuildCache previous, IReadOnlyList<OutputFile> files)
    {
        BuildCache.BeginUpdate(output);
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
