using System.Diagnostics;
using System.Globalization;
using System.Text;
using DulaRegistry.Loading;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The rules of the output folder: it is replaced only when it holds a site this tool wrote (a <see cref="MarkerFile"/>
/// inside), the new site is built in a hidden sibling and swapped in, and the hidden siblings that an interrupted build
/// leaves behind are cleaned up by the next one. Every temporary sibling is named <c>.&lt;out&gt;.registry-tmp-…</c>,
/// so one ignore pattern (<c>.*.registry-tmp-*</c>) covers them all.
/// </summary>
public static class OutputFolder
{
    /// <summary>The file that marks a folder as a site this tool wrote; it must be a regular file, never a link.</summary>
    public const string MarkerFile = ".registry-site";

    /// <summary>What the marker says when the caller does not name the tool (the library on its own, as in tests).</summary>
    public const string DefaultGenerator = "DulaRegistry.Site";

    private const string TempInfix = ".registry-tmp-";
    private const string StagingKind = "build";
    private const string AsideKind = "old";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The output folder as a full path without a trailing separator.</summary>
    public static string Normalize(string output) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));

    /// <summary>A new hidden sibling to build the site in: <c>.&lt;out&gt;.registry-tmp-build-&lt;pid&gt;-&lt;guid&gt;</c>.</summary>
    public static string NewStaging(string output) => Sibling(output, StagingKind);

    /// <summary>A new hidden sibling to rename the previous site to, where folders cannot be exchanged in one step.</summary>
    public static string NewAside(string output) => Sibling(output, AsideKind);

    private static string Sibling(string output, string kind) =>
        Path.Combine(Path.GetDirectoryName(output)!, string.Create(CultureInfo.InvariantCulture,
            $"{TempPrefix(output)}{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}"));

    private static string TempPrefix(string output) => "." + Path.GetFileName(output) + TempInfix;

    /// <summary>True when <paramref name="folder"/> is a real folder (not a link) holding a regular marker file.</summary>
    public static bool IsMarked(string folder) =>
        SafeDelete.IsRealDirectory(folder) && SafeDelete.IsRegularFile(Path.Combine(folder, MarkerFile));

    /// <summary>Creates the staging folder with its marker first, so that even a killed build leaves only marked leftovers.</summary>
    public static void CreateStaging(string staging, string generator)
    {
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, MarkerFile), generator + "\n", s_utf8);
    }

    /// <summary>
    /// Why the build must not replace <paramref name="output"/>, or null when it may: it does not exist, is empty, or holds
    /// a site this tool wrote. An <c>index.html</c> is not proof; only the marker is.
    /// </summary>
    public static string? Problem(string output, string root)
    {
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        if (rootFull.StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetDirectoryName(output) is null)
        {
            return $"the output folder '{output}' is the registry folder or contains it; choose another with --out DIR";
        }
        try
        {
            if (SafeDelete.IsLink(output))
            {
                return $"the output folder '{output}' is a symbolic link; the build replaces its output folder as a whole and never follows links, so pass the real folder with --out DIR";
            }
            if (File.Exists(output))
            {
                return $"'{output}' is a file, not a folder; choose a folder for the site with --out DIR";
            }
            if (!Directory.Exists(output)) return null;
            if (Path.Exists(Path.Combine(output, ".git")) || Path.Exists(Path.Combine(output, RegistryLoader.SettingsFile)))
            {
                return $"the output folder '{output}' holds a Git repository or a registry, which the build would replace; choose another with --out DIR";
            }
            if (!Directory.EnumerateFileSystemEntries(output).Any()) return null;
            if (!IsMarked(output))
            {
                return $"the output folder '{output}' is not empty and was not written by this tool (it has no {MarkerFile} file), so the build will not replace it; "
                    + "empty or delete it yourself, or choose another folder with --out DIR";
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the output folder '{output}' cannot be read ({ex.Message}); check its permissions or choose another with --out DIR";
        }
    }

    /// <summary>
    /// Removes what interrupted builds left beside <paramref name="output"/>: only real folders (never links) named like
    /// our temporary siblings, holding our marker, and not belonging to a build that is still running. When a kill left
    /// no output folder but a previous site renamed aside, that site is put back instead of deleted.
    /// Best effort: a leftover that cannot be removed now is tried again next time.
    /// </summary>
    public static void CleanLeftovers(string output)
    {
        var parent = Path.GetDirectoryName(output);
        if (parent is null || !SafeDelete.IsRealDirectory(parent)) return;
        var prefix = TempPrefix(output);
        List<DirectoryInfo> leftovers;
        try
        {
            leftovers = new DirectoryInfo(parent).EnumerateDirectories()
                .Where(d => d.Name.StartsWith(prefix, StringComparison.Ordinal) && IsMarked(d.FullName) && !BelongsToRunningBuild(d.Name[prefix.Length..]))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        if (!Path.Exists(output) && !SafeDelete.IsLink(output))
        {
            var orphan = leftovers.Where(d => d.Name[prefix.Length..].StartsWith(AsideKind + "-", StringComparison.Ordinal))
                .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d.FullName, MarkerFile)))
                .FirstOrDefault();
            if (orphan is not null)
            {
                try
                {
                    Directory.Move(orphan.FullName, output);
                    leftovers.Remove(orphan);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Leave it where it is: deleting the only copy of the previous site is never the fallback.
                    leftovers.Remove(orphan);
                }
            }
        }
        foreach (var leftover in leftovers)
        {
            try
            {
                SafeDelete.Tree(leftover.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Tried again by the next build.
            }
        }
    }

    /// <summary>
    /// The rest of a temporary name is <c>&lt;kind&gt;-&lt;pid&gt;-&lt;guid&gt;</c>; a folder whose process still runs (this one
    /// included, which may be building elsewhere) is not a leftover. A name without a process id is a leftover.
    /// </summary>
    private static bool BelongsToRunningBuild(string rest)
    {
        var parts = rest.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Puts the finished site at <paramref name="output"/>. Where the output exists it is exchanged with the staging folder
    /// in one step (Linux), so there is never a moment without a site; elsewhere it is renamed aside and the staging folder
    /// renamed in, and a previous site left aside by a kill between the two is restored by the next build.
    /// Returns the previous site's new path (to delete), or null when there was none.
    /// </summary>
    public static string? Swap(string staging, string output)
    {
        if (!Directory.Exists(output))
        {
            Directory.Move(staging, output);
            return null;
        }
        if (DirectoryExchange.TryExchange(staging, output)) return staging;
        var aside = NewAside(output);
        Directory.Move(output, aside);
        try
        {
            Directory.Move(staging, output);
        }
        catch
        {
            Directory.Move(aside, output); // put the previous site back
            throw;
        }
        return aside;
    }
}
