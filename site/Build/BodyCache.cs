using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Text;
using DulaRegistry.Loading;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The incremental build's cache of rendered bodies (<see cref="IBodyCache"/>): for each file loaded, by the SHA-256 of its
/// bytes, the body facts the rules read and the <see cref="RenderedBody"/> its page shows. The next build into the same
/// folder parses as Markdown only the files whose bytes changed. Kept in the build cache folder as one binary file
/// (<c>bodies.bin</c>) that starts with the build's key (<see cref="BuildCache.KeyFor"/>): another tool, template or option
/// makes it unusable. It holds the files of the last build only, so it does not grow with deleted or edited files. Anything
/// unexpected in it means an empty cache (every body parsed), never a wrong one.
/// </summary>
public sealed class BodyCache : IBodyCache
{
    private const string DataFile = "bodies.bin";
    private const string Format = "dula-registry-bodies 2";
    private const int ChecksumBytes = 16;

    /// <summary>More entries than this is not a cache this tool wrote.</summary>
    private const int MaxEntries = 10_000_000;

    private readonly Task<Dictionary<string, (BodyFacts Facts, RenderedBody View)>> _previous;
    private readonly ConcurrentDictionary<string, (BodyFacts Facts, RenderedBody View)> _current = new(StringComparer.Ordinal);

    private BodyCache(Task<Dictionary<string, (BodyFacts, RenderedBody)>> previous) => _previous = previous;

    /// <summary>An empty cache: every body is parsed, and each is kept for the next build.</summary>
    public static BodyCache Empty() => new(Task.FromResult(NoEntries()));

    /// <summary>The cache kept beside <paramref name="output"/> for builds with <paramref name="key"/>, read on another thread
    /// (the first lookup waits for it); empty when there is none or it cannot be used.</summary>
    public static BodyCache Start(string output, string key) => new(Task.Run(() => Read(output, key)));

    /// <summary>How many bodies came from the cache in this build, and how many were parsed.</summary>
    public int Hits => _hits;

    public int Added => _added;

    private int _hits;
    private int _added;

    public bool TryGet(string sha256, [NotNullWhen(true)] out BodyFacts? facts, out object? view)
    {
        if (_previous.Result.TryGetValue(sha256, out var entry))
        {
            _current.TryAdd(sha256, entry);
            Interlocked.Increment(ref _hits);
            (facts, view) = (entry.Facts, entry.View);
            return true;
        }
        (facts, view) = (null, null);
        return false;
    }

    public void Add(string sha256, BodyFacts facts, object? view)
    {
        if (view is not RenderedBody rendered) return; // only the site's loading is kept
        _current.TryAdd(sha256, (facts, rendered));
        Interlocked.Increment(ref _added);
    }

    private static Dictionary<string, (BodyFacts, RenderedBody)> NoEntries() => new(StringComparer.Ordinal);

    /// <summary>The entries kept beside <paramref name="output"/> for builds with <paramref name="key"/>, or none.</summary>
    private static Dictionary<string, (BodyFacts, RenderedBody)> Read(string output, string key)
    {
        if (BuildCache.OwnFile(output, DataFile) is not { } file) return NoEntries();
        try
        {
            // Read whole and decoded from memory: a stream reader's small string reads were most of the time.
            if (new FileInfo(file).Length > int.MaxValue / 2) return NoEntries();
            var bytes = File.ReadAllBytes(file);
            // The last 16 bytes are the XXH3-128 of the rest: a file cut short or changed on disk is not used.
            if (bytes.Length < ChecksumBytes || !XxHash128.Hash(bytes.AsSpan(0, bytes.Length - ChecksumBytes)).AsSpan().SequenceEqual(bytes.AsSpan(^ChecksumBytes)))
            {
                return NoEntries();
            }
            var reader = new SpanReader(bytes.AsMemory(0, bytes.Length - ChecksumBytes));
            if (reader.ReadString() != Format || reader.ReadString() != key) return NoEntries();
            var count = reader.ReadInt32();
            if (count is < 0 or > MaxEntries) return NoEntries();
            var entries = new Dictionary<string, (BodyFacts, RenderedBody)>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var sha = reader.ReadString();
                entries[sha] = (ReadFacts(ref reader), ReadView(ref reader));
            }
            return entries;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return NoEntries(); // damaged or cut short: parse every body
        }
    }

    /// <summary>Writes the bodies of this build's files beside <paramref name="output"/>, atomically. The caller has checked
    /// that the cache folder is this tool's (<see cref="BuildCache.Write"/>).</summary>
    public void Write(string output, string key)
    {
        BuildCache.WriteOwnFile(output, DataFile, stream =>
        {
            var checksum = new XxHash128();
            using (var writer = new BinaryWriter(new ChecksumStream(stream, checksum), Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Format);
                writer.Write(key);
                // A string with a lone surrogate would not come back the same from UTF-8: such a body is parsed again next time.
                var entries = _current.Where(e => Storable(e.Value.Facts, e.Value.View)).ToArray();
                writer.Write(entries.Length);
                foreach (var (sha, (facts, view)) in entries)
                {
                    writer.Write(sha);
                    WriteFacts(writer, facts);
                    WriteView(writer, view);
                }
            }
            stream.Write(checksum.GetCurrentHash());
        });
    }

    private static bool Storable(BodyFacts facts, RenderedBody view) =>
        (view.TryGetUtf8(out _) || WellFormed(view.Html))
        && view.Sections.All(t => WellFormed(t.Id) && WellFormed(t.Text))
        && facts.Sections.All(x => WellFormed(x.Title)) && facts.Markup.All(x => WellFormed(x.Text)) && facts.Leftovers.All(x => WellFormed(x.Text));

    /// <summary>True when <paramref name="text"/> has no lone surrogate (so UTF-8 holds it exactly).</summary>
    private static bool WellFormed(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (Rune.DecodeFromUtf16(span[at..], out _, out var used) != System.Buffers.OperationStatus.Done) return false;
            span = span[(at + used)..];
            at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        }
        return true;
    }

    private static void WriteFacts(BinaryWriter writer, BodyFacts facts)
    {
        writer.Write(facts.Sections.Count);
        foreach (var section in facts.Sections)
        {
            writer.Write(section.Title);
            writer.Write(section.Line);
            writer.Write(section.HasContent);
        }
        WritePlaces(writer, [.. facts.Markup.Select(m => ((int)m.Kind, m.Line, m.Column, m.Text))]);
        WritePlaces(writer, [.. facts.Leftovers.Select(l => ((int)l.Kind, l.Line, l.Column, l.Text))]);
    }

    /// <summary>Raw markup and template leftovers alike: a kind, a line, a column and a text each.</summary>
    private static void WritePlaces(BinaryWriter writer, IReadOnlyList<(int Kind, int Line, int Column, string Text)> places)
    {
        writer.Write(places.Count);
        foreach (var (kind, line, column, text) in places)
        {
            writer.Write(kind);
            writer.Write(line);
            writer.Write(column);
            writer.Write(text);
        }
    }

    private static BodyFacts ReadFacts(ref SpanReader reader)
    {
        var sections = new BodySection[reader.ReadCount()];
        for (var i = 0; i < sections.Length; i++) sections[i] = new BodySection(reader.ReadString(), reader.ReadInt32(), reader.ReadBoolean());
        var markup = new BodyMarkup[reader.ReadCount()];
        for (var i = 0; i < markup.Length; i++)
        {
            markup[i] = new BodyMarkup(reader.ReadEnum<BodyMarkupKind>(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString());
        }
        var leftovers = new LeftoverCandidate[reader.ReadCount()];
        for (var i = 0; i < leftovers.Length; i++)
        {
            leftovers[i] = new LeftoverCandidate(reader.ReadEnum<LeftoverKind>(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString());
        }
        return new BodyFacts(sections, markup) { Leftovers = leftovers };
    }

    private static void WriteView(BinaryWriter writer, RenderedBody view)
    {
        // The HTML as a string would be (a 7-bit encoded byte length, then UTF-8), straight from the cache's bytes when it came
        // from there and was not decoded; then its hash, so the next build need not decode it to fingerprint its page.
        if (view.TryGetUtf8(out var utf8))
        {
            writer.Write7BitEncodedInt(utf8.Length);
            writer.Write(utf8.Span);
        }
        else
        {
            writer.Write(view.Html);
        }
        Span<byte> hash = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(hash, view.HtmlHash);
        writer.Write(hash);
        writer.Write(view.Sections.Count);
        foreach (var entry in view.Sections)
        {
            writer.Write(entry.Id);
            writer.Write(entry.Text);
        }
    }

    private static RenderedBody ReadView(ref SpanReader reader)
    {
        var html = reader.ReadUtf8();
        var hash = reader.ReadUInt128();
        var sections = new TocEntry[reader.ReadCount()];
        for (var i = 0; i < sections.Length; i++) sections[i] = new TocEntry(reader.ReadString(), reader.ReadString());
        return new RenderedBody(html, hash, sections);
    }

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote (little-endian integers, strings as a 7-bit encoded byte length and
    /// UTF-8) from a buffer; anything out of range is <see cref="InvalidDataException"/>.</summary>
    private struct SpanReader(ReadOnlyMemory<byte> bytes)
    {
        private readonly ReadOnlyMemory<byte> _bytes = bytes;
        private int _at;

        public int ReadInt32()
        {
            if (_at > _bytes.Length - 4) throw Damaged();
            var value = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_bytes.Span[_at..]);
            _at += 4;
            return value;
        }

        public UInt128 ReadUInt128()
        {
            if (_at > _bytes.Length - 16) throw Damaged();
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(_bytes.Span[_at..]);
            _at += 16;
            return value;
        }

        public bool ReadBoolean() => _at < _bytes.Length ? _bytes.Span[_at++] != 0 : throw Damaged();

        public string ReadString() => Encoding.UTF8.GetString(ReadUtf8().Span);

        /// <summary>A string's UTF-8 bytes, not decoded: a slice of the cache's buffer.</summary>
        public ReadOnlyMemory<byte> ReadUtf8()
        {
            var span = _bytes.Span;
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (_at >= span.Length || shift > 28) throw Damaged();
                var b = span[_at++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80) break;
            }
            if (length < 0 || length > span.Length - _at) throw Damaged();
            var value = _bytes.Slice(_at, length);
            _at += length;
            return value;
        }

        /// <summary>A list's length; a body has far fewer entries than this, so more is damage.</summary>
        public int ReadCount() => ReadInt32() is var n and >= 0 and <= 1_000_000 ? n : throw Damaged();

        public T ReadEnum<T>() where T : struct, Enum =>
            ReadInt32() is var value && Enum.IsDefined(typeof(T), value) ? (T)(object)value : throw Damaged();

        private static InvalidDataException Damaged() => new("the body cache is damaged");
    }

    /// <summary>Passes what is written on to a stream and into a checksum.</summary>
    private sealed class ChecksumStream(Stream inner, XxHash128 checksum) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            checksum.Append(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
