using System.Text;

namespace DulaRegistry.Site.Rendering;

/// <summary>
/// A <see cref="TextWriter"/> that encodes to UTF-8 (no BOM; a lone surrogate becomes U+FFFD, as with
/// <see cref="StreamWriter"/>) into a stream, through buffers it keeps from one file to the next. A StreamWriter per page
/// allocated about 100 KB of buffers: a gigabyte of short-lived memory for 10,000 pages. Not thread-safe: one writer per
/// rendering worker, kept across the <see cref="PageRenderer"/>s it replaces (each renders one page at a time).
/// </summary>
internal sealed class Utf8FileWriter : TextWriter
{
    private const int CharBufferSize = 8 * 1024;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly char[] _chars = new char[CharBufferSize];
    private readonly byte[] _bytes = new byte[s_utf8.GetMaxByteCount(CharBufferSize)];
    private readonly Encoder _encoder = s_utf8.GetEncoder();
    private Stream? _stream;
    private int _count;

    public override Encoding Encoding => s_utf8;

    /// <summary>Writes what <paramref name="write"/> writes to <paramref name="stream"/>, then flushes it all.</summary>
    public void WriteTo(Stream stream, Action<TextWriter> write)
    {
        _stream = stream;
        _count = 0;
        _encoder.Reset();
        try
        {
            write(this);
            Drain(final: true);
        }
        finally
        {
            _stream = null;
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
        var stream = _stream ?? throw new InvalidOperationException("not writing a file");
        // The byte buffer holds the encoding of a full char buffer, so one call encodes it all (a high surrogate at the
        // end waits in the encoder for its partner, unless this is the end).
        _encoder.Convert(_chars, 0, _count, _bytes, 0, _bytes.Length, final, out var used, out var written, out _);
        stream.Write(_bytes, 0, written);
        _count -= used;
        if (_count > 0) Array.Copy(_chars, used, _chars, 0, _count); // not expected (see above), but never lost
    }
}
