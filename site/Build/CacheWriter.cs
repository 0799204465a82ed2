using System.Buffers;
using System.Runtime.CompilerServices;
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
        WriteUtf8(Writer, value, lengthBias: 1); // 0 is null
    }

    // An enum of int written as its int without boxing (Convert.ToInt32 boxed each value).
    public void WriteNullable<T>(T? value) where T : struct, Enum =>
        Writer.Write(value is not { } v ? -1 : Unsafe.SizeOf<T>() == sizeof(int) ? Unsafe.BitCast<T, int>(v) : Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));

    public void WriteNullable(DateOnly? value) => Writer.Write(value?.DayNumber ?? -1);

    /// <summary>True when <paramref name="text"/> has no lone surrogate (so UTF-8 holds it exactly).</summary>
    public static bool WellFormed(string text) => WellFormed(text.AsSpan());

    /// <summary>The UTF-8 byte count plus <paramref name="lengthBias"/>, 7-bit encoded, then the bytes.</summary>
    private static void WriteUtf8(BinaryWriter writer, ReadOnlySpan<char> text, int lengthBias)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Encoding.UTF8.GetBytes(text, buffer);
        writer.Write7BitEncodedInt(length + lengthBias);
        writer.Write(buffer, 0, length);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <inheritdoc cref="WellFormed(string)"/>
    public static bool WellFormed(ReadOnlySpan<char> span)
    {
        var at = span.IndexOfAny(s_surrogates);
        while (at >= 0)
        {
            if (Rune.DecodeFromUtf16(span[at..], out _, out var used) != OperationStatus.Done) return false;
            span = span[(at + used)..];
            at = span.IndexOfAny(s_surrogates);
        }
        return true;
    }

    /// <summary>U+D800 to U+DFFF. (The generic <c>IndexOfAnyInRange</c> boxed both bounds on every call in the ReadyToRun
    /// build: 54 MB of boxed chars in a cold build at 10,000 agreements.)</summary>
    private static readonly SearchValues<char> s_surrogates =
        SearchValues.Create(string.Create(0xE000 - 0xD800, 0, (chars, _) => { for (var i = 0; i < chars.Length; i++) chars[i] = (char)(0xD800 + i); }));
}
