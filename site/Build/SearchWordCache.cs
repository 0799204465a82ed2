using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Text;
using DulaRegistry.IO;
using DulaRegistry.Site.Exports;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The search index's words of the last build (<see cref="IKeptSearchWords"/>), kept in the build cache folder as one binary
/// file (<c>search.bin</c>): the build's key (<see cref="BuildCache.KeyFor"/>: another tool or option makes it unusable),
/// every word once, then per document the hash of its texts and its entry: per field, the number of distinct words, the
/// field's length, and each word as (word number, count). An entry is decoded only when a build asks for it, on the
/// index's threads; and an entry used again is written back as the same bytes, so a one-file rebuild encodes one document.
/// New words are added after the old ones; once those added since the last full write pass a tenth of the list (words no
/// document uses any more stay until then), the file is written afresh. Each entry is found by the hash of the texts it was
/// split from, so whatever site the cache folder describes, an entry is right for any document with those texts. Anything
/// unexpected in the file means no kept words (every document split again), never wrong ones.
/// </summary>
public static class SearchWordCache
{
    private const string DataFile = "search.bin";
    private const string Format = "dula-registry-search-words 1";

    /// <summary>More words or documents than this is not a file this tool wrote.</summary>
    private const int MaxCount = 50_000_000;

    /// <summary>The words kept beside <paramref name="output"/> for builds with <paramref name="key"/>; null when there are none
    /// or they cannot be used.</summary>
    public static Kept? Read(string output, string key) =>
        // Mapped: its entries are decoded while the index is built, after this returns; the caller disposes the words, and the
        // mapping with them. Damaged or cut short: every document is split again.
        BuildCache.MapOwnFile(output, DataFile, owner => Parse(owner.Memory, key, owner));

    /// <summary>The kept words in <paramref name="bytes"/>, or null when they are not words this build can use.</summary>
    /// <param name="owner">What holds <paramref name="bytes"/>, disposed with the words returned (not when null is returned).</param>
    public static Kept? Parse(ReadOnlyMemory<byte> bytes, string key, IDisposable? owner = null)
    {
        if (!CacheReader.TryChecked(bytes, out var reader)) return null;
        if (reader.ReadString() != Format || reader.ReadString() != key || reader.ReadInt32() != SearchIndex.FieldCount) return null;
        var added = Count(ref reader);
        var table = new WordTable();
        var numbers = new int[Count(ref reader)]; // each word's number in the table
        var chars = new char[256];
        for (var i = 0; i < numbers.Length; i++)
        {
            var utf8 = reader.ReadUtf8().Span;
            if (chars.Length < utf8.Length) chars = new char[utf8.Length]; // n bytes of UTF-8 are at most n chars
            numbers[i] = utf8.IsEmpty ? -1 : table.Number(chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars))); // empty: not kept
        }
        var count = Count(ref reader);
        var entries = new Dictionary<UInt128, (int Start, int Length)>(count);
        for (var d = 0; d < count; d++)
        {
            var hash = reader.ReadUInt128();
            var length = reader.Read7BitEncodedInt();
            entries[hash] = (reader.Position, length); // the reader's buffer starts where the file does
            reader.Skip(length);
        }
        return reader.AtEnd ? new Kept(bytes, owner, table, numbers, entries, added) : null;
    }

    private static int Count(ref CacheReader reader) =>
        reader.ReadInt32() is var n and >= 0 and <= MaxCount ? n : throw new InvalidDataException("the build cache is damaged");

    /// <summary>
    /// The file that keeps <paramref name="index"/>'s words for builds with <paramref name="key"/>, as bytes (written later, with
    /// the rest of the cache, by <see cref="Write"/>); null when it would keep the same words as <paramref name="kept"/>, the
    /// file it was built with. A document with a word that UTF-8 would not bring back the same is left out: it is split again
    /// next time.
    /// </summary>
    public static byte[]? Encode(SearchIndexBuild index, Kept? kept, string key)
    {
        var distinct = new HashSet<UInt128>(index.Hashes);
        if (kept is not null && index.Kept.All(k => k) && distinct.Count == kept.Count) return null;

        // The words: the kept file's, in its order, when few have been added since it was last written whole (entries used again
        // are then copied as they are); otherwise only the words in use, numbered afresh. A word's number in the file is its
        // place in the list, found by its number in the table (-1: not in the list). Both are sized up front: at 100,000
        // agreements, tables grown by doubling left tens of megabytes of large arrays that only a full collection reclaims.
        var table = index.Table;
        var numbers = new int[table.Count];
        numbers.AsSpan().Fill(-1);
        var list = new List<int>(table.Count); // table numbers, in file order; -1 for a kept word that could not be stored
        void Number(DocumentWords document)
        {
            foreach (var (word, _) in document.All)
            {
                if (numbers[word] < 0)
                {
                    numbers[word] = list.Count;
                    list.Add(word);
                }
            }
        }
        var added = 0;
        if (kept is not null)
        {
            // A kept word keeps its place (an entry copied as it is names its words so).
            for (var i = 0; i < kept.Numbers.Length; i++)
            {
                if (kept.Numbers[i] >= 0 && numbers[kept.Numbers[i]] < 0) numbers[kept.Numbers[i]] = i;
            }
            list.AddRange(kept.Numbers);
            for (var i = 0; i < index.Words.Length; i++)
            {
                if (!index.Kept[i]) Number(index.Words[i]);
            }
            added = kept.Added + (list.Count - kept.Numbers.Length);
        }
        var copy = kept is not null && added <= list.Count / 10;
        if (!copy)
        {
            numbers.AsSpan().Fill(-1);
            list.Clear();
            added = 0;
            foreach (var document in index.Words) Number(document);
        }

        var head = new MemoryStream();
        using (var writer = new BinaryWriter(head, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(key);
            writer.Write(SearchIndex.FieldCount);
            writer.Write(added);
            writer.Write(list.Count);
            foreach (var number in list)
            {
                var word = number < 0 ? "" : table[number];
                var storable = CacheWriter.WellFormed(word);
                if (!storable && number >= 0) numbers[number] = -1; // its documents are left out below
                writer.Write(storable ? word : "");
            }
        }
        // Two passes over the entries: their sizes, then the file's bytes into one array of exactly that size (no buffer grown
        // by doubling and copied at the end).
        var counted = (int)head.Length;
        var entry = new ArrayBufferWriter<byte>(4096);
        var seen = new HashSet<UInt128>(index.Hashes.Length);
        var entries = new bool[index.Words.Length]; // false: no entry (a repeat, or a word that cannot be kept)
        long total = counted + 4;
        var written = 0;
        for (var i = 0; i < index.Words.Length; i++)
        {
            if (!seen.Add(index.Hashes[i]) || !TryEntry(i)) continue; // two documents with the same texts: one entry
            entries[i] = true;
            total += 16 + VarintLength(entry.WrittenCount) + entry.WrittenCount;
            written++;
        }
        var bytes = new byte[checked((int)total) + CacheReader.ChecksumBytes];
        head.GetBuffer().AsSpan(0, counted).CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(counted), written);
        var at = counted + 4;
        for (var i = 0; i < index.Words.Length; i++)
        {
            if (!entries[i] || !TryEntry(i)) continue;
            BinaryPrimitives.WriteUInt128LittleEndian(bytes.AsSpan(at), index.Hashes[i]);
            at += 16;
            at += WriteVarint(bytes.AsSpan(at), entry.WrittenCount);
            entry.WrittenSpan.CopyTo(bytes.AsSpan(at));
            at += entry.WrittenCount;
        }
        if (at != total) throw new InvalidOperationException("the search words' entries came out a different size the second time");
        XxHash128.Hash(bytes.AsSpan(0, at), bytes.AsSpan(at));
        return bytes;

        // Document i's entry into `entry`: copied as it was kept, or encoded; false when one of its words cannot be kept.
        bool TryEntry(int i)
        {
            entry.ResetWrittenCount();
            if (copy && index.Kept[i] && kept!.Entry(index.Hashes[i]) is { IsEmpty: false } same)
            {
                entry.Write(same);
                return true;
            }
            return TryEncode(index.Words[i], numbers, entry);
        }
    }

    /// <summary>How many bytes <see cref="Varint"/> writes for <paramref name="value"/>.</summary>
    private static int VarintLength(int value)
    {
        var n = 1;
        for (var v = (uint)value; v >= 0x80; v >>= 7) n++;
        return n;
    }

    /// <summary><see cref="Varint"/> into a span; returns the bytes written.</summary>
    private static int WriteVarint(Span<byte> span, int value)
    {
        var n = 0;
        var v = (uint)value;
        for (; v >= 0x80; v >>= 7) span[n++] = (byte)(v | 0x80);
        span[n++] = (byte)v;
        return n;
    }

    /// <summary>One document's entry; false when one of its words cannot be kept.</summary>
    private static bool TryEncode(DocumentWords document, int[] numbers, ArrayBufferWriter<byte> entry)
    {
        for (var f = 0; f < document.FieldCount; f++)
        {
            var field = document.Field(f);
            Varint(entry, field.Length);
            Varint(entry, document.Length(f));
            foreach (var (word, count) in field)
            {
                if (numbers[word] < 0) return false;
                Varint(entry, numbers[word]);
                Varint(entry, count);
            }
        }
        return true;
    }

    /// <summary>7-bit encoded, as <see cref="BinaryWriter.Write7BitEncodedInt"/> writes it.</summary>
    private static void Varint(ArrayBufferWriter<byte> output, int value)
    {
        output.Advance(WriteVarint(output.GetSpan(5), value));
    }

    /// <summary>Writes <paramref name="encoded"/> (<see cref="Encode"/>) beside <paramref name="output"/>, atomically. The caller
    /// has checked that the cache folder is this tool's (<see cref="BuildCache.OwnFolder"/>).</summary>
    public static void Write(string output, byte[] encoded) => BuildCache.WriteOwnFile(output, DataFile, stream => stream.Write(encoded));

    /// <summary>The words a build kept: the file's bytes, its words (one string each, in <see cref="Table"/>) and where each
    /// entry is; an entry is decoded when asked for.</summary>
    public sealed class Kept : IKeptSearchWords, IDisposable
    {
        private readonly ReadOnlyMemory<byte> _bytes;
        private readonly IDisposable? _owner;
        private readonly Dictionary<UInt128, (int Start, int Length)> _entries;

        internal Kept(ReadOnlyMemory<byte> bytes, IDisposable? owner, WordTable table, int[] numbers, Dictionary<UInt128, (int Start, int Length)> entries,
            int added)
        {
            _bytes = bytes;
            _owner = owner;
            _entries = entries;
            Table = table;
            Numbers = numbers;
            Added = added;
        }

        public WordTable Table { get; }

        public int Count => _entries.Count;

        /// <summary>The words in file order (an entry's word numbers index them), as their numbers in <see cref="Table"/>; -1 for
        /// a word that was not stored (an entry that names it is not used).</summary>
        internal int[] Numbers { get; }

        /// <summary>The words in file order ("" for one not stored).</summary>
        internal IEnumerable<string> Words => Numbers.Select(n => n < 0 ? "" : Table[n]);

        /// <summary>How many words were added after the file was last written whole.</summary>
        internal int Added { get; }

        /// <summary>The bytes of the entry for <paramref name="hash"/>, or empty.</summary>
        internal ReadOnlySpan<byte> Entry(UInt128 hash) =>
            _entries.TryGetValue(hash, out var at) ? _bytes.Span.Slice(at.Start, at.Length) : default;

        /// <summary>Lets go of the file's bytes (unmapped): no entry is read after this.</summary>
        public void Dispose() => _owner?.Dispose();

        /// <summary>Each thread's list for decoding an entry, reused entry after entry.</summary>
        [ThreadStatic]
        private static List<(int, int)>? t_words;

        public bool TryGet(UInt128 hash, [NotNullWhen(true)] out DocumentWords? words)
        {
            words = null;
            if (!_entries.TryGetValue(hash, out var at)) return false;
            try
            {
                var reader = new CacheReader(_bytes.Slice(at.Start, at.Length));
                var fields = new int[2 * SearchIndex.FieldCount];
                var all = t_words ??= [];
                all.Clear();
                for (var f = 0; f < SearchIndex.FieldCount; f++)
                {
                    var distinct = reader.Read7BitEncodedInt();
                    fields[SearchIndex.FieldCount + f] = reader.Read7BitEncodedInt();
                    for (var w = 0; w < distinct; w++)
                    {
                        var number = reader.Read7BitEncodedInt();
                        if ((uint)number >= (uint)Numbers.Length || Numbers[number] < 0) return false;
                        all.Add((Numbers[number], reader.Read7BitEncodedInt()));
                    }
                    fields[f] = all.Count;
                }
                if (!reader.AtEnd) return false;
                words = new DocumentWords([.. all], fields);
                return true;
            }
            catch (InvalidDataException)
            {
                return false; // split again
            }
        }
    }
}
