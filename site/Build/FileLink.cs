using System.Runtime.InteropServices;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Puts an unchanged page of the previous site into the new one without rewriting it: a hard link (one more name for the
/// same bytes, no copy) where the system has them, else a copy. Safe because no build ever writes into a file of a
/// finished site: new files are always created afresh in the staging folder.
/// </summary>
internal static class FileLink
{
    /// <summary>Links (or copies) <paramref name="existing"/> to the new path <paramref name="path"/>; returns its size in bytes.</summary>
    public static long LinkOrCopy(string existing, string path)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            try
            {
                if (Link(existing, path) == 0) return new FileInfo(path).Length;
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                // No C library to call: copy instead.
            }
            // EXDEV (another file system), EMLINK (too many links), EPERM (a file system without links): copy instead.
        }
        File.Copy(existing, path, overwrite: false);
        return new FileInfo(path).Length;
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);
}
