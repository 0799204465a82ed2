using Microsoft.Win32.SafeHandles;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Where a build keeps, on disk, bytes it made and needs only later: the rendered HTML of the bodies it parsed, until their
/// pages are written, and the file cache's new entries, until the cache is written (<see cref="FileCache"/>). A temporary
/// file in the staging folder, appended to from every loading thread and read back once per use. Bodies are most of what an
/// agreement holds (about 1.4 KB of UTF-8 each), and a cache entry about 1 KB more: at 100,000 agreements, about 235 MB that
/// would otherwise stay on the heap through the loading and the site model. On Unix the file is unlinked as soon as it is
/// opened, so nothing is left behind even after <c>kill -9</c>; elsewhere it is deleted when closed, and a file left by a
/// killed build goes with its staging folder, which the next build removes (<see cref="OutputFolder.CleanLeftovers"/>).
/// </summary>
public sealed class SpillFile : IDisposable
{
    private readonly SafeFileHandle _file;
    private long _length;
    private int _disposed;

    private SpillFile(SafeFileHandle file) => _file = file;

    /// <summary>A new, empty store in <paramref name="folder"/> (the build's staging folder, which this tool made).</summary>
    public static SpillFile Create(string folder)
    {
        var path = Path.Combine(folder, $".spill-{Guid.NewGuid():N}.tmp");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete,
            OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.Delete(path); // the open handle keeps the data until it is closed
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        return new SpillFile(file);
    }

    /// <summary>Bytes written so far.</summary>
    public long Length => Interlocked.Read(ref _length);

    /// <summary>Appends <paramref name="bytes"/> (from any thread: each write has its own range) and returns where they are.</summary>
    public SpillRef Append(ReadOnlySpan<byte> bytes)
    {
        var offset = Interlocked.Add(ref _length, bytes.Length) - bytes.Length;
        RandomAccess.Write(_file, bytes, offset);
        return new SpillRef(this, offset, bytes.Length);
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/>, read back.</summary>
    internal byte[] Read(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(_file, bytes.AsSpan(read), offset + read);
            if (n == 0) throw new IOException("what this build kept in its temporary file could not be read back (the file was cut short)");
            read += n;
        }
        return bytes;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _file.Dispose();
    }
}

/// <summary>Where some bytes are in a <see cref="SpillFile"/>.</summary>
public readonly record struct SpillRef(SpillFile Store, long Offset, int Length)
{
    public byte[] Read() => Store.Read(Offset, Length);
}
