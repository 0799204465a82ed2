using System.Buffers.Binary;
using DulaRegistry.IO;

namespace DulaRegistry.Git;

/// <summary>
/// An order to read many blobs of a repository in: the order of the delta chains its packs store them in, read from each
/// pack's index (<c>objects/pack/pack-*.idx</c>, version 2) and the headers of the objects in the pack (both as Git's
/// gitformat-pack documents them). Git stores most versions as deltas against another object, often another file's, in
/// chains tens of objects long, and libgit2 caches only the last 16 MB of the bases it rebuilt. Read so that each object
/// follows its base (depth first over each chain's tree of deltas), a blob's base has usually just been rebuilt; read file by
/// file, or in the order the pack stores them, once the pack outgrows that cache each blob rebuilt most of its chain again.
/// </summary>
/// <remarks>
/// Only an order, never content: a pack or index that cannot be read, is of another version or does not add up is left out,
/// and the objects it holds sort after all others, in the order the caller gave. Files are mapped or read only when they
/// are regular files (never through a link, never a pipe), an index of at most <see cref="MaxIndexBytes"/>, a pack of at
/// most 2 GB.
/// </remarks>
public sealed class PackOrder
{
    /// <summary>An index over this size is left out (it would list about ten million objects).</summary>
    public const long MaxIndexBytes = 256L * 1024 * 1024;

    private const int HeaderBytes = 8;
    private const int FanoutBytes = 256 * 4;
    private const int TrailerIdBytes = 2; // the pack's checksum and the index's own, each one object id long

    private readonly List<Index> _indexes;

    private PackOrder(List<Index> indexes) => _indexes = indexes;

    /// <summary>No pack: every object sorts as not found.</summary>
    public static PackOrder None { get; } = new([]);

    /// <summary>How many pack indexes were read.</summary>
    public int PackCount => _indexes.Count;

    /// <summary>The order of the packs whose indexes are in <paramref name="objectsFolder"/>/pack (by file name), for object ids
    /// of <paramref name="idBytes"/> bytes (20 for SHA-1, 32 for SHA-256).</summary>
    public static PackOrder Read(string objectsFolder, int idBytes = 20)
    {
        var folder = Path.Combine(objectsFolder, "pack");
        if (RegularFile.KindOf(folder) != FileKind.Directory) return None;
        string[] files;
        try
        {
            files = Directory.GetFiles(folder, "pack-*.idx");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return None;
        }
        Array.Sort(files, StringComparer.Ordinal);
        var indexes = new List<Index>();
        foreach (var file in files)
        {
            if (RegularFile.Read(file, MaxIndexBytes) is { Status: ReadStatus.Ok, Bytes: { } bytes } && Index.TryParse(bytes, idBytes) is { } index
                && index.ReadOrder(file[..^".idx".Length] + ".pack"))
            {
                indexes.Add(index);
            }
        }
        return new PackOrder(indexes);
    }

    /// <summary>
    /// A number that sorts objects in the order to read them: the pack's place among those read, then the object's place
    /// depth first in its pack's delta chains. <see cref="long.MaxValue"/> when the object is in none of them (a loose
    /// object, or a pack left out) or the id is not one.
    /// </summary>
    public long Position(string objectId)
    {
        Span<byte> id = stackalloc byte[32];
        if (_indexes.Count == 0 || objectId.Length > 2 * id.Length || objectId.Length % 2 != 0
            || Convert.FromHexString(objectId, id, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return long.MaxValue;
        }
        id = id[..written];
        for (var pack = 0; pack < _indexes.Count; pack++)
        {
            if (_indexes[pack].RankOf(id) is { } rank) return ((long)pack << 32) | (uint)rank;
        }
        return long.MaxValue;
    }

    /// <summary>One pack: its index's fan-out table, sorted ids and offsets (the CRCs between them are not needed), and each
    /// object's place in the order to read them.</summary>
    private sealed class Index
    {
        private const int PackHeaderBytes = 12;
        private const int OfsDelta = 6;
        private const int RefDelta = 7;

        private readonly byte[] _bytes;
        private readonly int _idBytes;
        private readonly int _count;
        private readonly int _ids;
        private readonly int _offsets;
        private readonly int _largeOffsets;
        private readonly int _largeCount;
        private int[] _ranks = [];

        private Index(byte[] bytes, int idBytes, int count, int largeCount)
        {
            (_bytes, _idBytes, _count, _largeCount) = (bytes, idBytes, count, largeCount);
            _ids = HeaderBytes + FanoutBytes;
            _offsets = _ids + (count * (idBytes + 4)); // after the ids and their CRCs
            _largeOffsets = _offsets + (count * 4);
        }

        /// <summary>The index, when <paramref name="bytes"/> is a version 2 index whose tables fill it exactly; otherwise null.</summary>
        public static Index? TryParse(byte[] bytes, int idBytes)
        {
            if (bytes.Length < HeaderBytes + FanoutBytes + (TrailerIdBytes * idBytes)) return null;
            ReadOnlySpan<byte> magic = [0xFF, (byte)'t', (byte)'O', (byte)'c'];
            if (!bytes.AsSpan(0, 4).SequenceEqual(magic)) return null;
            if (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)) != 2) return null;
            uint previous = 0;
            for (var i = 0; i < 256; i++)
            {
                var upTo = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(HeaderBytes + (i * 4)));
                if (upTo < previous) return null; // the fan-out never decreases
                previous = upTo;
            }
            var count = (long)previous;
            var fixedBytes = HeaderBytes + FanoutBytes + (count * (idBytes + 4 + 4)) + (TrailerIdBytes * idBytes);
            var extra = bytes.Length - fixedBytes;
            // What is left is the table of 8-byte offsets, for packs over 2 GB.
            if (extra < 0 || extra % 8 != 0 || count > int.MaxValue) return null;
            return new Index(bytes, idBytes, (int)count, (int)(extra / 8));
        }

        /// <summary>The object's place in the order to read them, or null when the pack does not hold it.</summary>
        public int? RankOf(ReadOnlySpan<byte> id) => Find(id) is { } position && _ranks[position] is var rank and not int.MaxValue ? rank : null;

        /// <summary>
        /// Orders the pack's objects depth first over its delta chains, each object after its base, from the headers of the
        /// pack at <paramref name="packPath"/>; false when the pack cannot be read or does not match the index.
        /// </summary>
        public bool ReadOrder(string packPath)
        {
            System.Buffers.IMemoryOwner<byte> pack;
            try
            {
                pack = MappedFile.Read(packPath, int.MaxValue); // a regular file only: never a link, never waiting on a pipe
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            using (pack)
            {
                return ReadOrder(pack.Memory.Span);
            }
        }

        private bool ReadOrder(ReadOnlySpan<byte> pack)
        {
            if (pack.Length < PackHeaderBytes + _idBytes || !pack[..4].SequenceEqual("PACK"u8)
                || BinaryPrimitives.ReadUInt32BigEndian(pack[4..]) is not (2 or 3) || BinaryPrimitives.ReadUInt32BigEndian(pack[8..]) != _count)
            {
                return false;
            }
            // The objects by offset: byOffset[k] is the index position of the k-th object in the pack, at offsets[k].
            var offsets = new long[_count];
            var byOffset = new int[_count];
            for (var position = 0; position < _count; position++)
            {
                if (OffsetAt(position) is not { } offset || offset < PackHeaderBytes || offset >= pack.Length - _idBytes) return false;
                (offsets[position], byOffset[position]) = (offset, position);
            }
            Array.Sort(offsets, byOffset);
            var atPosition = new int[_count]; // the inverse: where each index position is by offset
            for (var k = 0; k < _count; k++) atPosition[byOffset[k]] = k;

            // Each object's base, from its header: none for a whole object (or a base this pack does not hold).
            var parent = new int[_count];
            for (var k = 0; k < _count; k++) parent[k] = BaseOf(pack, offsets, k, atPosition);

            // Depth first from each whole object, in pack order; a base's deltas in pack order too. A delta whose chain never
            // reaches a whole object (a damaged pack) is given no place, and sorts with the objects no pack holds.
            var firstChild = new int[_count];
            var nextSibling = new int[_count];
            Array.Fill(firstChild, -1);
            for (var k = _count - 1; k >= 0; k--)
            {
                if (parent[k] < 0) continue;
                nextSibling[k] = firstChild[parent[k]];
                firstChild[parent[k]] = k;
            }
            var ranks = new int[_count];
            Array.Fill(ranks, int.MaxValue);
            var next = 0;
            var stack = new Stack<int>();
            var children = new List<int>();
            for (var root = 0; root < _count; root++)
            {
                if (parent[root] >= 0) continue;
                stack.Push(root);
                while (stack.TryPop(out var k))
                {
                    ranks[byOffset[k]] = next++;
                    children.Clear();
                    for (var child = firstChild[k]; child >= 0; child = nextSibling[child]) children.Add(child);
                    for (var c = children.Count - 1; c >= 0; c--) stack.Push(children[c]);
                }
            }
            _ranks = ranks;
            return true;
        }

        /// <summary>Where (by offset) the base of the <paramref name="k"/>-th object is, or -1 when it is whole, or its base is
        /// not an object of this pack before it.</summary>
        private int BaseOf(ReadOnlySpan<byte> pack, long[] offsets, int k, int[] atPosition)
        {
            var at = offsets[k];
            var end = k + 1 < offsets.Length ? offsets[k + 1] : pack.Length - _idBytes;
            var header = pack[(int)at..(int)end];
            if (header.IsEmpty) return -1; // two objects at one offset: a damaged index
            // Type in bits 4-6 of the first byte, then the size in 7-bit groups while the top bit is set.
            var i = 0;
            var type = (header[0] >> 4) & 7;
            while (i < header.Length && (header[i] & 0x80) != 0 && i < 10) i++;
            i++;
            if (type == OfsDelta)
            {
                // The base's distance back, in Git's own variable-length form (each continuation adds one before shifting).
                if (i >= header.Length) return -1;
                long distance = header[i] & 0x7F;
                for (var n = 0; (header[i] & 0x80) != 0; n++)
                {
                    if (++i >= header.Length || n >= 8) return -1;
                    distance = ((distance + 1) << 7) | (uint)(header[i] & 0x7F);
                }
                var baseK = Array.BinarySearch(offsets, 0, k, at - distance);
                return distance > 0 && baseK >= 0 ? baseK : -1;
            }
            if (type == RefDelta)
            {
                if (i + _idBytes > header.Length || Find(header.Slice(i, _idBytes)) is not { } position) return -1;
                var baseK = atPosition[position];
                return baseK != k ? baseK : -1; // never a cycle of one; longer ones are never reached from a whole object
            }
            return -1;
        }

        /// <summary>Where <paramref name="id"/> is among the index's sorted ids, or null when the pack does not hold it.</summary>
        private int? Find(ReadOnlySpan<byte> id)
        {
            if (id.Length != _idBytes) return null;
            var first = id[0];
            var low = first == 0 ? 0 : (int)BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(HeaderBytes + ((first - 1) * 4)));
            var high = (int)BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(HeaderBytes + (first * 4))) - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var order = _bytes.AsSpan(_ids + (middle * _idBytes), _idBytes).SequenceCompareTo(id);
                if (order == 0) return middle;
                if (order < 0) low = middle + 1;
                else high = middle - 1;
            }
            return null;
        }

        /// <summary>The offset in the pack of the object at <paramref name="position"/> among the sorted ids.</summary>
        private long? OffsetAt(int position)
        {
            var offset = BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(_offsets + (position * 4)));
            if ((offset & 0x8000_0000) == 0) return offset;
            var large = (int)(offset & 0x7FFF_FFFF);
            if (large >= _largeCount) return null; // a damaged index
            var value = BinaryPrimitives.ReadUInt64BigEndian(_bytes.AsSpan(_largeOffsets + (large * 8)));
            return value <= long.MaxValue ? (long)value : null;
        }
    }
}
