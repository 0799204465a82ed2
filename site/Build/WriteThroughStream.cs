namespace DulaRegistry.Site.Build;

/// <summary>
/// A write-only stream that passes every write on to another after <see cref="Writing"/> has seen it: what the build's
/// stream wrappers (<see cref="ChecksumStream"/>, <see cref="CancellableStream"/>) share. It does not own the stream under it.
/// </summary>
internal abstract class WriteThroughStream(Stream inner) : Stream
{
    /// <summary>Sees each write before it is passed on; may throw to stop it.</summary>
    protected abstract void Writing(ReadOnlySpan<byte> buffer);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // Stream's own WriteByte makes a one-byte array per call (BinaryWriter writes 7-bit encoded lengths and booleans so).
    public override void WriteByte(byte value) => Write(new ReadOnlySpan<byte>(in value));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Writing(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
