using System.Buffers;
using System.Text;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Writes what <see cref="CacheReader"/> reads, over a <see cref="BinaryWriter"/>, and notes whether everything written will
/// come back the same: a string with a lone surrogate would come back from UTF-8 as U+FFFD, so what holds one is not kept.
/// </summary>
internal sealed class CacheWriter(BinaryWriter writer)
{
    public BinaryWriter Writer { get; } = writer;

    /// <summary>False once a string was written that would not come back the same.</summary>
    public bool Exact { get; private set; } = true;

    public void WriteCount<T>(List<T> items, Action<CacheWriter, T> write)
    {
        Writer.Write(items.Count);
        foreach (var item in items) write(this, item);
    }

    public void WriteNullable(string? value)
    {
        if (value is null)
        {
            Writer.Write7BitEncodedInt(0);
            return;
        }
        if (!WellFormed(value)) Exact = false;
        var length = Encoding.UTF8.GetByteCount(value);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Encoding.UTF8.GetBytes(value, buffer);
        Writer.Write7BitEncodedInt(length + 1);
        Writer.Write(buffer, 0, length);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    public void WriteNullable<T>(T? value) where T : struct, Enum => Writer.Write(value is { } v ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : -1);

    public void WriteNullable(DateOnly? value) => Writer.Write(value?.DayNumber ?? -1);

    /// <summary>True when <paramref name="text"/> has no lone surrogate (so UTF-8 holds it exactly).</summary>
    public static bool WellFormed(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (Rune.DecodeFromUtf16(span[at..], out _, out var used) != OperationStatus.Done) return false;
            span = span[(at + used)..];
            at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        }
        return true;
    }
}
