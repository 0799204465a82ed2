using System.IO.Hashing;
using System.Text;
using DulaRegistry.Loading;

namespace DulaRegistry.Site.Build;

/// <summary>Reads what <see cref="BinaryWriter"/> wrote (little-endian integers, strings as a 7-bit encoded byte length and
/// UTF-8) from a buffer; anything out of range is <see cref="InvalidDataException"/>.</summary>
internal struct CacheReader(ReadOnlyMemory<byte> bytes)
{
    /// <summary>The length of the XXH3-128 checksum the build cache's binary files end with.</summary>
    public const int ChecksumBytes = 16;

    private readonly ReadOnlyMemory<byte> _bytes = bytes;
    private int _at;

    /// <summary>A reader of <paramref name="file"/>'s bytes before its checksum, when its last 16 bytes are the XXH3-128 of the
    /// rest; false for a file cut short or changed on disk, which is not used.</summary>
    public static bool TryChecked(ReadOnlyMemory<byte> file, out CacheReader reader)
    {
        var span = file.Span;
        if (span.Length < ChecksumBytes || !XxHash128.Hash(span[..^ChecksumBytes]).AsSpan().SequenceEqual(span[^ChecksumBytes..]))
        {
            reader = default;
            return false;
        }
        reader = new CacheReader(file[..^ChecksumBytes]);
        return true;
    }

    public int ReadInt32()
    {
        if (_at > _bytes.Length - 4) throw Damaged();
        var value = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_bytes.Span[_at..]);
        _at += 4;
        return value;
    }

    public long ReadInt64() => (long)ReadUInt64();

    public ulong ReadUInt64()
    {
        if (_at > _bytes.Length - 8) throw Damaged();
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_bytes.Span[_at..]);
        _at += 8;
        return value;
    }

    public UInt128 ReadUInt128()
    {
        if (_at > _bytes.Length - 16) throw Damaged();
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(_bytes.Span[_at..]);
        _at += 16;
        return value;
    }

    public readonly bool AtEnd => _at == _bytes.Length;

    /// <summary>The bytes not read yet.</summary>
    public readonly int Remaining => _bytes.Length - _at;

    /// <summary>Where the next read starts, from the start of the buffer.</summary>
    public readonly int Position => _at;

    /// <summary>Passes over <paramref name="length"/> bytes.</summary>
    public void Skip(int length) => ReadBytes(length);

    public bool ReadBoolean() => _at < _bytes.Length ? _bytes.Span[_at++] != 0 : throw Damaged();

    public string ReadString() => Decode(ReadUtf8().Span);

    /// <summary>A string's UTF-8 bytes, not decoded: a slice of the cache's buffer.</summary>
    public ReadOnlyMemory<byte> ReadUtf8() => ReadBytes(Read7BitEncodedInt());

    /// <summary>A string or null, as <see cref="CacheWriter.WriteNullable"/> wrote it (the length plus one; 0 for null).</summary>
    public string? ReadNullableString()
    {
        var length = Read7BitEncodedInt();
        return length == 0 ? null : Decode(ReadBytes(length - 1).Span);
    }

    /// <summary><see cref="ReadNullableString"/>, as a string of its own: for texts that are not repeated across files (paths,
    /// fingerprints), which would only fill the shared table.</summary>
    public string? ReadNullableOwnString()
    {
        var length = Read7BitEncodedInt();
        return length == 0 ? null : Encoding.UTF8.GetString(ReadBytes(length - 1).Span);
    }

    /// <summary>A short text as the one string every file that repeats it shares (<see cref="SharedStrings"/>: agency ids,
    /// roles, names, dates), decoded without a string of its own; a longer one as a new string.</summary>
    private static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > SharedStrings.MaxLength) return Encoding.UTF8.GetString(utf8); // long texts are rarely repeated
        Span<char> chars = stackalloc char[SharedStrings.MaxLength];
        var count = Encoding.UTF8.GetChars(utf8, chars); // n bytes of UTF-8 are at most n chars
        return SharedStrings.Get(chars[..count]);
    }

    public int Read7BitEncodedInt()
    {
        var span = _bytes.Span;
        var value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (_at >= span.Length || shift > 28) throw Damaged();
            var b = span[_at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        return value >= 0 ? value : throw Damaged();
    }

    private ReadOnlyMemory<byte> ReadBytes(int length)
    {
        if (length < 0 || length > _bytes.Length - _at) throw Damaged();
        var value = _bytes.Slice(_at, length);
        _at += length;
        return value;
    }

    /// <summary>A list's length; a body has far fewer entries than this, so more is damage.</summary>
    public int ReadCount() => ReadInt32() is var n and >= 0 and <= 1_000_000 ? n : throw Damaged();

    public T ReadEnum<T>() where T : struct, Enum => ReadNullableEnum<T>() ?? throw Damaged();

    /// <summary>An enum value or null, as <see cref="CacheWriter.WriteNullable"/> wrote it (-1 for null).</summary>
    public T? ReadNullableEnum<T>() where T : struct, Enum
    {
        var value = ReadInt32();
        if (value == -1) return null;
        // The model's enums are all int-based: the number is the value as it is, checked without boxing it.
        if (System.Runtime.CompilerServices.Unsafe.SizeOf<T>() != sizeof(int)) throw Damaged();
        var candidate = System.Runtime.CompilerServices.Unsafe.As<int, T>(ref value);
        return Enum.IsDefined(candidate) ? candidate : throw Damaged();
    }

    /// <summary>A date or null, as <see cref="CacheWriter.WriteNullable"/> wrote it (its day number; -1 for null).</summary>
    public DateOnly? ReadNullableDate() => ReadInt32() switch
    {
        -1 => null,
        var day and >= 0 and <= 3_652_058 => DateOnly.FromDayNumber(day),
        _ => throw Damaged(),
    };

    private static InvalidDataException Damaged() => new("the build cache is damaged");
}
