using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace DulaRegistry.IO;

/// <summary>
/// A file's bytes mapped read-only into memory rather than copied into an array: the pages come straight from the page
/// cache, with no fresh memory to fault in and zero and no copy (an incremental build reads the build cache's tens of
/// megabytes this way). Its owner disposes it once nothing reads it any more; after that, asking any memory taken from it
/// for its bytes throws <see cref="ObjectDisposedException"/> rather than read what is no longer mapped. (No finalizer: a
/// span taken from it does not keep it reachable, so the collector could unmap it under a span still in use.) Only for files
/// that are replaced by renaming a new file over them, never rewritten in place: a mapped file cut short by another program
/// would fault when read. Windows cannot rename over a mapped file, so there the bytes are read into an array.
/// </summary>
public sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;
    private int _released;

    private MappedFile(MemoryMappedViewAccessor view, int length)
    {
        _view = view;
        _length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    /// <summary>The bytes of the regular file at <paramref name="path"/>: mapped, or read into an array where files are not
    /// mapped (Windows) and for an empty file. The caller disposes what it returns once it has finished with the bytes.
    /// Opened as <see cref="RegularFile.OpenHandle"/> opens it: never through a link, never waiting on a named pipe.</summary>
    /// <exception cref="IOException">The file cannot be opened, is not a regular file, or is larger than <paramref name="maxBytes"/>.</exception>
    public static IMemoryOwner<byte> Read(string path, int maxBytes)
    {
        var handle = RegularFile.OpenHandle(path, out var kind) ?? throw new IOException($"'{path}' is {kind.Describe()}, not a file");
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 1);
        var length = stream.Length;
        if (length > maxBytes) throw new IOException($"'{path}' is larger than {maxBytes:N0} bytes");
        if (length == 0 || OperatingSystem.IsWindows())
        {
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return new ReadBytes(bytes);
        }
        // The view outlives the file's handle, which is closed on return: a mapping does not need it.
        using var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        try
        {
            return new MappedFile(view, (int)length);
        }
        catch
        {
            view.Dispose();
            throw;
        }
    }

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_released != 0, this);
        return new(_pointer, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_released != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_pointer + elementIndex, default, this); // mapped memory never moves
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => Release(disposing);
    private void Release(bool disposing)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        if (disposing) _view.Dispose();
    }

    /// <summary>A file's bytes read into an array: nothing to release.</summary>
    private sealed class ReadBytes(byte[] bytes) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => bytes;

        public void Dispose()
        {
        }
    }
}
