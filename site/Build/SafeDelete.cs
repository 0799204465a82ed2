using DulaRegistry.IO;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Deletes a folder tree without ever following a symbolic link: a link (to a file or to a folder) is unlinked, never
/// descended into, so a site that contains a link to somewhere else cannot cause a deletion outside the folder.
/// </summary>
internal static class SafeDelete
{
    /// <summary>True when the path itself is a symbolic link (or a Windows junction), whatever it points at, even nothing.</summary>
    public static bool IsLink(string path) => IsLink(new FileInfo(path));

    private static bool IsLink(FileSystemInfo entry) =>
        entry.LinkTarget is not null || (entry.Exists && entry.Attributes.HasFlag(FileAttributes.ReparsePoint));

    /// <summary>True when the path is a real folder: it exists and is not a link.</summary>
    public static bool IsRealDirectory(string path)
    {
        var info = new DirectoryInfo(path);
        return info.Exists && !IsLink(info);
    }

    /// <summary>True when the path is a regular file: it exists, is not a folder and is not a link.</summary>
    public static bool IsRegularFile(string path) => RegularFileLength(path) is not null;

    /// <summary>The size of a regular file (see <see cref="IsRegularFile"/>), or null for anything else (a link, a folder, a pipe
    /// or device, nothing): one <c>statx</c> call on Linux. An incremental build asks this of every page it leaves in place,
    /// and <see cref="FileInfo"/> took three system calls for it (the link's target is read apart).</summary>
    public static long? RegularFileLength(string path)
    {
        var (kind, stamp) = RegularFile.Stat(path);
        if (kind != FileKind.RegularFile) return null;
        return stamp is { } known ? known.Size : LengthWithoutStamp(path);
    }

    /// <summary><see cref="RegularFileLength(string)"/> of the entry at <paramref name="relative"/> in an open folder (one
    /// <c>statx</c> relative to it on Linux: what an incremental build asks of every page it leaves in place).</summary>
    public static long? RegularFileLength(RegularFile.Folder folder, string relative)
    {
        var (kind, stamp) = folder.Stat(relative);
        if (kind != FileKind.RegularFile) return null;
        return stamp is { } known ? known.Size : LengthWithoutStamp(folder.PathOf(relative));
    }

    /// <summary>Where the system gives no stamp (not Linux): the kind is known, the size is asked apart.</summary>
    private static long? LengthWithoutStamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : null;
    }

    /// <summary>
    /// Deletes <paramref name="folder"/> and everything in it. A <paramref name="folder"/> that is itself a link is only
    /// unlinked. The second-level folders go in parallel: a site has one folder per page, and on disks where each deletion
    /// waits on the device (ext4 with <c>discard</c>) that is several times faster than one by one.
    /// </summary>
    public static void Tree(string folder)
    {
        var root = new DirectoryInfo(folder);
        if (IsLink(root))
        {
            Unlink(root);
            return;
        }
        if (!root.Exists) return;
        var second = new List<DirectoryInfo>();
        foreach (var child in root.EnumerateDirectories())
        {
            if (IsLink(child)) continue;
            second.AddRange(child.EnumerateDirectories().Where(d => !IsLink(d)));
        }
        Parallel.ForEach(second, new ParallelOptions { MaxDegreeOfParallelism = 8 }, Delete);
        Delete(root);
    }

    /// <summary>Like <see cref="Tree"/>, but an I/O failure only leaves the rest in place.</summary>
    public static void TryTree(string folder)
    {
        try
        {
            Tree(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the user or the next build: deleting is never worth failing over.
        }
    }

    /// <summary>Deletes one file (or link, never what it points to); an I/O failure leaves it in place.</summary>
    public static void TryFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run.
        }
    }

    private static void Delete(DirectoryInfo folder)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (IsLink(entry)) Unlink(entry);
            else if (entry is DirectoryInfo child) Delete(child);
            else entry.Delete();
        }
        folder.Delete(recursive: false);
    }

    /// <summary>Removes the link itself. On Unix a link to a folder is unlinked like a file; on Windows it is removed like an empty folder.</summary>
    private static void Unlink(FileSystemInfo link)
    {
        if (OperatingSystem.IsWindows() && link.Attributes.HasFlag(FileAttributes.Directory)) Directory.Delete(link.FullName, recursive: false);
        else File.Delete(link.FullName);
    }
}
