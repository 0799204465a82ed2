using System.Buffers;
using System.IO.Hashing;

namespace DulaRegistry.Site.Build;

/// <summary>
/// A buffer writer that hands every piece written to it to a hash, then reuses its buffer for the next: what is written is
/// hashed without ever being held whole. A writer such as <see cref="System.Text.Json.Utf8JsonWriter"/> asks for space, fills it
/// and advances before it asks again, which is all this supports.
/// </summary>
internal sealed class HashingBufferWriter(NonCryptographicHashAlgorithm hash) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[16 * 1024];

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length);
        hash.Append(_buffer.AsSpan(0, count));
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // A single value longer than the buffer (a long text) gets a buffer that holds it.
        if (sizeHint > _buffer.Length) _buffer = new byte[Math.Max(sizeHint, 2 * _buffer.Length)];
        return _buffer;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
