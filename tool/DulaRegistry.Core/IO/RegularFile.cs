using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DulaRegistry.IO;

/// <summary>The outcome of <see cref="RegularFile.Read"/>: the bytes, or why there are none.</summary>
/// <param name="Bytes">The file's bytes; null unless <see cref="Status"/> is <see cref="ReadStatus.Ok"/>.</param>
/// <param name="Kind">What the path is (a regular file, unless <see cref="Status"/> is <see cref="ReadStatus.NotAFile"/>).</param>
/// <param name="Size">The file's size in bytes, when known.</param>
/// <param name="Error">For <see cref="ReadStatus.Failed"/>: the system's reason.</param>
public sealed record FileRead(ReadStatus Status, byte[]? Bytes, FileKind Kind, long Size, string? Error);

public enum ReadStatus
{
    Ok,
    Missing,
    /// <summary>The path is not a regular file: a link, folder, pipe, socket or device (see <see cref="FileRead.Kind"/>).</summary>
    NotAFile,
    TooLarge,
    Failed,
}

/// <summary>
/// The one way registry files are read: only regular files, never through a symbolic link, never more than a limit.
/// Opening a named pipe blocks until something writes to it and a device can be endless, so on Linux the file is opened
/// with <c>O_NOFOLLOW | O_NONBLOCK</c> and its type and size are checked on the open descriptor (no race with a swap of
/// the path) before a byte is read. Elsewhere the checks are made on the path first.
/// </summary>
public static partial class RegularFile
{
    /// <summary>Reads the file at <paramref name="path"/> if it is a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    public static FileRead Read(string path, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        try
        {
            return OperatingSystem.IsLinux() && Linux.Available ? Linux.Read(path, maxBytes) : Portable.Read(path, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Win32Exception)
        {
            return new(ReadStatus.Failed, null, FileKind.RegularFile, 0, ex.Message);
        }
    }

    /// <summary>
    /// Opens the file at <paramref name="path"/> for reading if it is a regular file, as <see cref="Read"/> does (on Linux the
    /// type is checked on the open descriptor, opened without following a link and without blocking, so neither a swap of
    /// the path nor a named pipe can make it wait); null with what the path is otherwise. The caller disposes the handle.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened (missing, no permission).</exception>
    public static SafeFileHandle? OpenHandle(string path, out FileKind kind)
    {
        if (OperatingSystem.IsLinux() && Linux.Available) return Linux.OpenHandle(path, out kind);
        kind = Portable.KindOf(path);
        if (kind == FileKind.Missing) throw new FileNotFoundException($"Could not find file '{path}'.", path);
        return kind == FileKind.RegularFile ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete) : null;
    }

    /// <summary>What <paramref name="path"/> is, not following a symbolic link at its end.</summary>
    public static FileKind KindOf(string path) => Stat(path).Kind;

    /// <summary>What <paramref name="path"/> is, not following a symbolic link at its end, and for a regular file its
    /// <see cref="FileStamp"/> where the system gives one (Linux; elsewhere none, and the file is always read).</summary>
    public static (FileKind Kind, FileStamp? Stamp) Stat(string path)
    {
        if (OperatingSystem.IsLinux() && Linux.Available && Linux.Stat(path) is { } stat) return stat;
        return (Portable.KindOf(path), null);
    }

    /// <summary>
    /// Opens the folder at <paramref name="path"/> to look up many entries in it (<see cref="Folder.Stat"/>): on Linux each is
    /// then one <c>statx</c> relative to the open folder, and the kernel walks only the entry's own name instead of the
    /// whole path again (in a one-file rebuild at 10,000 agreements, the path walks were a third of stat-ing 20,000 files).
    /// Elsewhere, or when the folder cannot be opened so (a link, gone), each lookup takes the whole path, as
    /// <see cref="Stat"/>. The caller disposes it.
    /// </summary>
    public static Folder OpenFolder(string path) =>
        new(path, OperatingSystem.IsLinux() && Linux.Available ? Linux.OpenFolder(path) : -1);

    /// <summary>A folder opened by <see cref="OpenFolder"/>.</summary>
    public sealed class Folder : IDisposable
    {
        private readonly string _path;
        private int _fd;

        internal Folder(string path, int fd) => (_path, _fd) = (path, fd);

        /// <summary>What the entry at <paramref name="relative"/> (a name, or a path under the folder with <c>/</c> or the
        /// system's separator) is, not following a symbolic link at its end, and its stamp: as <see cref="RegularFile.Stat"/>
        /// gives them for the whole path.</summary>
        public (FileKind Kind, FileStamp? Stamp) Stat(string relative)
        {
            if (_fd >= 0 && Linux.StatAt(_fd, relative) is { } stat) return stat;
            return RegularFile.Stat(PathOf(relative));
        }

        /// <summary>The whole path of the entry at <paramref name="relative"/>.</summary>
        public string PathOf(string relative) => Path.Combine(_path, relative);

        public void Dispose()
        {
            if (_fd >= 0) Linux.Close(_fd);
            _fd = -1;
        }
    }

    /// <summary>Reads into <paramref name="into"/> at byte <paramref name="offset"/> of an open file; 0 at its end.</summary>
    private delegate int ReadAt(Span<byte> into, int offset);

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> + 1 bytes from an open file: one more than allowed tells it grew. The bytes go
    /// into a pooled buffer, then are copied once into one of the exact size.
    /// </summary>
    private static FileRead ReadOpen(long size, long maxBytes, ReadAt read)
    {
        var capacity = (int)Math.Min(Math.Min(size, maxBytes) + 1, Array.MaxLength);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var total = 0;
            while (total < capacity)
            {
                var n = read(rented.AsSpan(total, capacity - total), total);
                if (n == 0) break;
                total += n;
            }
            if (total > maxBytes) return new(ReadStatus.TooLarge, null, FileKind.RegularFile, Math.Max(size, total), null);
            return new(ReadStatus.Ok, rented.AsSpan(0, total).ToArray(), FileKind.RegularFile, total, null);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>libc's open and statx. <c>struct statx</c> has one layout on every architecture; open's flags do not.</summary>
    private static partial class Linux
    {
        private const int ENXIO = 6;
        private const int ENOENT = 2;
        private const int ENOTDIR = 20;
        private const int ELOOP = 40;
        private const int ENOSYS = 38;
        private const int EINTR = 4;
        private const int O_RDONLY = 0;
        private const int O_NONBLOCK = 0x800;
        private const int O_CLOEXEC = 0x80000;
        private const int AT_FDCWD = -100;
        private const int AT_SYMLINK_NOFOLLOW = 0x100;
        private const int AT_EMPTY_PATH = 0x1000;
        private const uint STATX_TYPE = 0x1;
        private const uint STATX_SIZE = 0x200;
        private const uint STATX_MTIME = 0x40;
        private const uint STATX_CTIME = 0x80;
        private const uint STATX_INO = 0x100;
        private const uint StampFields = STATX_TYPE | STATX_SIZE | STATX_MTIME | STATX_CTIME | STATX_INO;
        private const int InodeOffset = 32;
        private const int ChangedOffset = 96;
        private const int ModifiedOffset = 112;
        private const int DeviceOffset = 136;
        private const int StatxSize = 256;
        private const int ModeOffset = 28;
        private const int SizeOffset = 40;

        // O_NOFOLLOW is 0400000 on x86, x64 and the generic ABI (riscv, loongarch, s390x), 0100000 on arm, arm64 and powerpc;
        // O_DIRECTORY is 0200000 there and 040000 on arm, arm64 and powerpc.
        private static readonly bool s_armFlags = RuntimeInformation.ProcessArchitecture
            is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le;

        private static readonly int s_noFollow = s_armFlags ? 0x8000 : 0x20000;
        private static readonly int s_directory = s_armFlags ? 0x4000 : 0x10000;

        private static int s_available = -1;

        /// <summary>False where libc has no statx (glibc before 2.28, older musl, kernels before 4.11).</summary>
        public static bool Available
        {
            get
            {
                if (s_available < 0)
                {
                    try
                    {
                        Span<byte> buffer = stackalloc byte[StatxSize];
                        var ok = statx(AT_FDCWD, "/", AT_SYMLINK_NOFOLLOW, STATX_TYPE, ref MemoryMarshal.GetReference(buffer)) == 0;
                        s_available = ok || Marshal.GetLastPInvokeError() != ENOSYS ? 1 : 0;
                    }
                    catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
                    {
                        s_available = 0;
                    }
                }
                return s_available == 1;
            }
        }

        public static FileRead Read(string path, long maxBytes)
        {
            var fd = OpenRegular(path, out var kind, out var size, out var error);
            if (fd < 0)
            {
                if (error != 0) return new(ReadStatus.Failed, null, FileKind.RegularFile, 0, new Win32Exception(error).Message);
                return new(kind == FileKind.Missing ? ReadStatus.Missing : ReadStatus.NotAFile, null, kind, 0, null);
            }
            try
            {
                if (size > maxBytes) return new(ReadStatus.TooLarge, null, kind, size, null);
                return ReadOpen(size, maxBytes, (into, _) => ReadDescriptor(fd, into));
            }
            finally
            {
                _ = close(fd);
            }
        }

        public static SafeFileHandle? OpenHandle(string path, out FileKind kind)
        {
            var fd = OpenRegular(path, out kind, out _, out var error);
            if (fd >= 0) return new SafeFileHandle(fd, ownsHandle: true);
            if (error != 0) throw new IOException($"'{path}' could not be opened: {new Win32Exception(error).Message}");
            return kind == FileKind.Missing ? throw new FileNotFoundException($"Could not find file '{path}'.", path) : null;
        }

        /// <summary>
        /// Opens <paramref name="path"/> without following a link at its end and without blocking, and checks on the open
        /// descriptor that it is a regular file (no race with a swap of the path): the descriptor, or -1 with what the path is
        /// (<see cref="FileKind.Missing"/> included) or, when the system failed otherwise, its error number.
        /// </summary>
        private static int OpenRegular(string path, out FileKind kind, out long size, out int error)
        {
            (size, error) = (0, 0);
            var fd = open(path, O_RDONLY | s_noFollow | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case ENOENT or ENOTDIR: kind = FileKind.Missing; break;
                    case ELOOP: kind = FileKind.SymbolicLink; break;
                    // A socket (or a device without a driver) cannot be opened: say which.
                    case ENXIO: kind = KindOf(path) ?? FileKind.Other; break;
                    default: (kind, error) = (FileKind.RegularFile, errno); break;
                }
                return -1;
            }
            Span<byte> stat = stackalloc byte[StatxSize];
            if (statx(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, ref MemoryMarshal.GetReference(stat)) != 0)
            {
                (kind, error) = (FileKind.RegularFile, Marshal.GetLastPInvokeError());
                _ = close(fd);
                return -1;
            }
            kind = KindFromMode(BitConverter.ToUInt16(stat[ModeOffset..]));
            size = (long)Math.Min(BitConverter.ToUInt64(stat[SizeOffset..]), long.MaxValue);
            if (kind == FileKind.RegularFile) return fd;
            _ = close(fd);
            return -1;
        }

        /// <summary>
        /// libc's <c>read</c> on the descriptor (sequential, so the offset is where it stands): no file handle object, which
        /// costs a seek to learn whether the file can seek. A failure is the system's message, as the portable read gives it.
        /// </summary>
        private static int ReadDescriptor(int fd, Span<byte> into)
        {
            while (true)
            {
                var n = read(fd, ref MemoryMarshal.GetReference(into), into.Length);
                if (n >= 0) return (int)n;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR) throw new Win32Exception(errno);
            }
        }

        public static FileKind? KindOf(string path) => Stat(path)?.Kind;

        /// <summary>The folder at <paramref name="path"/> opened for lookups (not through a link at its end); -1 when it cannot be.</summary>
        public static int OpenFolder(string path)
        {
            var fd = open(path, O_RDONLY | s_directory | s_noFollow | O_CLOEXEC);
            return fd >= 0 ? fd : -1;
        }

        public static void Close(int fd) => _ = close(fd);

        /// <summary>The kind and stamp of <paramref name="path"/> (one <c>statx</c>, not following a link at its end); null when
        /// the system cannot say.</summary>
        public static (FileKind Kind, FileStamp? Stamp)? Stat(string path) => StatAt(AT_FDCWD, path);

        /// <summary><see cref="Stat"/> of <paramref name="path"/> relative to the open folder <paramref name="folder"/>.</summary>
        public static (FileKind Kind, FileStamp? Stamp)? StatAt(int folder, string path)
        {
            Span<byte> buffer = stackalloc byte[StatxSize];
            if (statx(folder, path, AT_SYMLINK_NOFOLLOW, StampFields, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return Marshal.GetLastPInvokeError() is ENOENT or ENOTDIR ? (FileKind.Missing, null) : null;
            }
            var kind = KindFromMode(BitConverter.ToUInt16(buffer[ModeOffset..]));
            // stx_mask says which fields the file system filled in: a stamp needs them all.
            if (kind != FileKind.RegularFile || (BitConverter.ToUInt32(buffer) & StampFields) != StampFields) return (kind, null);
            static long Time(ReadOnlySpan<byte> at) => (BitConverter.ToInt64(at) * 1_000_000_000) + BitConverter.ToUInt32(at[8..]);
            var device = ((ulong)BitConverter.ToUInt32(buffer[DeviceOffset..]) << 32) | BitConverter.ToUInt32(buffer[(DeviceOffset + 4)..]);
            return (kind, new FileStamp((long)Math.Min(BitConverter.ToUInt64(buffer[SizeOffset..]), long.MaxValue),
                Time(buffer[ModifiedOffset..]), Time(buffer[ChangedOffset..]), BitConverter.ToUInt64(buffer[InodeOffset..]), device));
        }

        private static FileKind KindFromMode(ushort mode) => (mode & 0xF000) switch
        {
            0x8000 => FileKind.RegularFile,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.NamedPipe,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Other,
        };

#pragma warning disable SYSLIB1054, CA5392 // LibraryImport needs unsafe code; the library is libc, found by the system loader.
        [DllImport("libc", SetLastError = true, EntryPoint = "open")]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true, EntryPoint = "statx")]
        private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref byte buffer);

        [DllImport("libc", SetLastError = true, EntryPoint = "read")]
        private static extern nint read(int fd, ref byte buffer, nint count);

        [DllImport("libc", SetLastError = true, EntryPoint = "close")]
        private static extern int close(int fd);
#pragma warning restore SYSLIB1054, CA5392
    }

    /// <summary>Checks through <see cref="FileSystemInfo"/>, for systems other than Linux.</summary>
    private static class Portable
    {
        public static FileRead Read(string path, long maxBytes)
        {
            var kind = KindOf(path);
            if (kind == FileKind.Missing) return new(ReadStatus.Missing, null, kind, 0, null);
            if (kind != FileKind.RegularFile) return new(ReadStatus.NotAFile, null, kind, 0, null);
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var size = RandomAccess.GetLength(handle);
            if (size > maxBytes) return new(ReadStatus.TooLarge, null, kind, size, null);
            return ReadOpen(size, maxBytes, (into, offset) => RandomAccess.Read(handle, into, offset));
        }

        public static FileKind KindOf(string path)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0)) return FileKind.SymbolicLink;
            if (info.Exists) return (info.Attributes & FileAttributes.Device) != 0 ? FileKind.CharacterDevice : FileKind.RegularFile;
            return Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
        }
    }
}
