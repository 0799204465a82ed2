using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DulaRegistry.Site.Rendering;

/// <summary>
/// A <see cref="TextWriter"/> that encodes to UTF-8 (no BOM; a lone surrogate becomes U+FFFD, as with
/// <see cref="StreamWriter"/>) into a file or a stream, through buffers it keeps from one file to the next. A StreamWriter per
/// page allocated about 100 KB of buffers: a gigabyte of short-lived memory for 10,000 pages. A page is encoded whole into
/// the byte buffer and written with one system call (a page of 14 KB took three writes and a seek through a FileStream:
/// 45,000 writes for a 10,000-agreement site); a page larger than <see cref="MaxPendingBytes"/> is written in pieces of that
/// size. Not thread-safe: one writer per rendering worker, kept across the <see cref="PageRenderer"/>s it replaces (each
/// renders one page at a time).
/// </summary>
internal sealed class Utf8FileWriter : TextWriter
{
    private const int CharBufferSize = 8 * 1024;

    /// <summary>The most bytes held before they are written: the byte buffer grows to this and no further.</summary>
    internal const int MaxPendingBytes = 1024 * 1024;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Room the byte buffer must have before a full char buffer is encoded into it.</summary>
    private static readonly int s_drainBytes = s_utf8.GetMaxByteCount(CharBufferSize);

    private readonly char[] _chars = new char[CharBufferSize];
    private readonly Encoder _encoder = s_utf8.GetEncoder();
    private byte[] _bytes = new byte[64 * 1024]; // most pages fit; grown up to MaxPendingBytes for larger ones
    private int _pending; // bytes encoded into _bytes and not yet written
    private Stream? _stream;
    private SafeFileHandle? _file;
    private long _written; // bytes written to the file or stream so far
    private int _count;

    public override Encoding Encoding => s_utf8;

    /// <summary>Writes what <paramref name="write"/> writes to <paramref name="stream"/>, then flushes it all.</summary>
    public void WriteTo(Stream stream, Action<TextWriter> write)
    {
        _stream = stream;
        Run(write);
    }

    /// <summary>Writes what <paramref name="write"/> writes to <paramref name="file"/> from its start (with <c>pwrite</c>: no
    /// seek); returns the number of bytes written.</summary>
    public long WriteTo(SafeFileHandle file, Action<TextWriter> write)
    {
        _file = file;
        Run(write);
        return _written;
    }

    private void Run(Action<TextWriter> write)
    {
        _count = 0;
        _pending = 0;
        _written = 0;
        _encoder.Reset();
        try
        {
            write(this);
            Drain(final: true);
            Emit();
        }
        finally
        {
            _stream = null;
            _file = null;
        }
    }

    public override void Write(char value)
    {
        if (_count == _chars.Length) Drain(final: false);
        _chars[_count++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(char[]? buffer) => Write(buffer.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_count == _chars.Length) Drain(final: false);
            var n = Math.Min(buffer.Length, _chars.Length - _count);
            buffer[..n].CopyTo(_chars.AsSpan(_count));
            _count += n;
            buffer = buffer[n..];
        }
    }

    // Flushing is the owner's, once the page is written: a flush here would encode and write a few bytes at a time.
    public override void Flush()
    {
    }

    private void Drain(bool final)
    {
        if (_stream is null && _file is null) throw new InvalidOperationException("not writing a file");
        if (_bytes.Length - _pending < s_drainBytes)
        {
            if (_bytes.Length < MaxPendingBytes) Array.Resize(ref _bytes, Math.Min(MaxPendingBytes, Math.Max(2 * _bytes.Length, _pending + s_drainBytes)));
            else Emit();
        }
        // The byte buffer has room for the encoding of a full char buffer, so one call encodes it all (a high surrogate at the
        // end waits in the encoder for its partner, unless this is the end).
        _encoder.Convert(_chars, 0, _count, _bytes, _pending, _bytes.Length - _pending, final, out var used, out var written, out _);
        _pending += written;
        _count -= used;
        if (_count > 0) Array.Copy(_chars, used, _chars, 0, _count); // not expected (see above), but never lost
    }

    /// <summary>Writes the pending bytes to the file or stream.</summary>
    private void Emit()
    {
        if (_pending == 0) return;
        var bytes = _bytes.AsSpan(0, _pending);
        if (_file is not null) RandomAccess.Write(_file, bytes, _written);
        else _stream!.Write(bytes);
        _written += _pending;
        _pending = 0;
    }
}
