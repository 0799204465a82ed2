using System.Runtime.InteropServices;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Swaps two folders in one atomic step on Linux (<c>renameat2</c> with <c>RENAME_EXCHANGE</c>), so that there is never
/// a moment with no site at the output path, even if the process is killed in between.
/// </summary>
internal static class DirectoryExchange
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    /// <summary>
    /// Exchanges <paramref name="a"/> and <paramref name="b"/> (both must exist). Returns false when the system cannot
    /// (not Linux, an old C library, or a file system without the operation); the caller then falls back to two renames.
    /// </summary>
    public static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            if (RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0) return true;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
        var errno = Marshal.GetLastPInvokeError();
        // EINVAL / ENOSYS / ENOTSUP: this file system or kernel does not exchange; anything else is a real failure.
        if (errno is 22 or 38 or 95) return false;
        throw new IOException($"could not swap '{b}' with the newly built site '{a}' ({Marshal.GetPInvokeErrorMessage(errno)})");
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirFd,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
