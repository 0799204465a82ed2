using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Text;
using DulaRegistry.IO;
using DulaRegistry.Loading;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The incremental build's cache of loaded files (<see cref="IParsedFileCache"/>): for each file loaded without a diagnostic, by
/// the SHA-256 of its bytes, its bound front matter (<see cref="FrontMatterCodec"/>), the body facts the rules read and the
/// <see cref="RenderedBody"/> its page shows. Not its YAML: a position is found again from the file itself, should a rule
/// ask (a third of each entry's bytes that every build read and wrote, for the rare diagnostic on an unchanged file). The
/// next build into the same folder reads as YAML and parses as Markdown only the files whose bytes changed. Kept in the
/// build cache folder as one binary file (<c>files.bin</c>) that starts with the build's key (<see cref="BuildCache.KeyFor"/>):
/// another tool, template or option makes it unusable. Each entry is kept as its bytes and decoded only when its file is
/// loaded (on the loading's threads); an entry used again is written back as the same bytes. Beside the entries it keeps
/// each file's <see cref="FileStamp"/> as this build saw it, with the moment the build started: the next build does not even
/// read a file whose stamp is the same and was settled by then.
/// <para>A build that added few entries and left few unused does not write <c>files.bin</c> again: it writes the entries
/// added since and the stamps that differ from its own to a second file (<c>files-added.bin</c>), which names the first by its
/// checksum (at 10,000 agreements a one-file rebuild rewrote 28 MB and every file's path and stamp for one changed entry;
/// writing the cache's files went from 3.7% to 1.8% of its CPU time). Otherwise <c>files.bin</c> is written
/// with exactly this build's entries and the second file removed, so the cache does not grow with deleted or edited files.
/// Either file is replaced atomically, and a second file that names another <c>files.bin</c> is not used: stopped at any
/// point, the next build finds a cache that may be older, never a wrong one.</para>
/// <para>Anything unexpected in either file means an empty cache (every file loaded afresh), or the first file alone. The
/// files are mapped into memory rather than copied (<see cref="MappedFile"/>); the build disposes the cache when it ends,
/// and the mappings with it.</para>
/// </summary>
public sealed class FileCache : IParsedFileCache, IDisposable
{
    private const string DataFile = "files.bin";
    private const string Format = "dula-registry-files 3";

    /// <summary>The entries added since <see cref="DataFile"/> was written, and the files' stamps as the last build saw them
    /// where they differ from its own. Used only with the <see cref="DataFile"/> whose checksum it names.</summary>
    private const string AddedFile = "files-added.bin";
    private const string AddedFormat = "dula-registry-files-added 1";

    /// <summary><see cref="DataFile"/> is written again, with exactly this build's entries, once more than this part of its
    /// count were added since it was written (an eighth), or more than this part of it is no longer used (a quarter).</summary>
    private const int MostAddedPart = 8;
    private const int MostUnusedPart = 4;

    /// <summary>What earlier versions of this cache were called; removed when this one is written.</summary>
    private static readonly string[] s_formerFiles = ["bodies.bin"];

    /// <summary>More entries than this is not a cache this tool wrote.</summary>
    private const int MaxEntries = 10_000_000;

    private readonly Task<Kept> _previous;
    // Sized for a large registry: growing it takes every lock, and the loading's threads all add to it at once.
    private readonly ConcurrentDictionary<string, Entry> _current = new(Environment.ProcessorCount, 16_384, StringComparer.Ordinal);

    /// <summary>One file's entry: the bytes it was read as (used again), or what this build made of it (written then): its
    /// front matter encoded, on the heap or in the build's <see cref="SpillFile"/>.</summary>
    private sealed record Entry(ReadOnlyMemory<byte> Kept, byte[]? Front = null, SpillRef Spilled = default, BodyFacts? Facts = null, RenderedBody? View = null,
        bool InBase = false)
    {
        public bool Made => Front is not null || Spilled.Store is not null;

        public ReadOnlySpan<byte> FrontBytes => Front ?? Spilled.Read();
    }

    /// <summary>Where this build's new entries are kept until the cache is written; null: on the heap.</summary>
    private SpillFile? _spill;

    /// <summary>Keeps the entries this build adds in <paramref name="spill"/> rather than on the heap (set before loading).</summary>
    public void SpillTo(SpillFile spill) => _spill = spill;

    /// <summary>What the last build kept: its entries (each still as its bytes, and whether it is in <see cref="DataFile"/>)
    /// by SHA-256; each file's stamp and the hash of the bytes it had then by path, as <see cref="DataFile"/> has them and as
    /// <see cref="AddedFile"/> changes them (null: the file is no longer kept); when the last build started (in
    /// <see cref="FileStamp"/>'s unit); the checksum of <see cref="DataFile"/> and how many entries it holds (null and none:
    /// there is no usable one); and the files' bytes, which the entries are slices of.</summary>
    private sealed record Kept(Dictionary<string, KeptEntry> Entries, Dictionary<string, Seen> Stamps, long TakenAtNs,
        UInt128? Base = null, int BaseCount = 0, IMemoryOwner<byte>? Bytes = null, IMemoryOwner<byte>? AddedBytes = null,
        Dictionary<string, Seen?>? Changes = null)
    {
        /// <summary>The stamp and hash the last build saw for the file at <paramref name="relative"/>, if it kept one.</summary>
        public bool TryGetSeen(string relative, out Seen seen)
        {
            if (Changes is not null && Changes.TryGetValue(relative, out var changed))
            {
                seen = changed.GetValueOrDefault();
                return changed is not null;
            }
            return Stamps.TryGetValue(relative, out seen);
        }
    }

    private readonly record struct KeptEntry(ReadOnlyMemory<byte> Bytes, bool InBase);

    /// <summary>A file's stamp as a build saw it, and the SHA-256 of the bytes it had.</summary>
    private readonly record struct Seen(FileStamp Stamp, string Sha256);

    /// <summary>Each file's stamp as this build saw it, by path: kept with the entries for the next build.</summary>
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, string Sha256)> _stamps = new(Environment.ProcessorCount, 16_384, StringComparer.Ordinal);

    /// <summary>When this build started, before any file was looked at: every stamp it notes was taken after this.</summary>
    private readonly long _takenAtNs = FileStamp.NowNs();

    private FileCache(Task<Kept> previous) => _previous = previous;

    /// <summary>An empty cache: every file is loaded, and each is kept for the next build.</summary>
    public static FileCache Empty() => new(Task.FromResult(Nothing()));

    /// <summary>The cache kept beside <paramref name="output"/> for builds with <paramref name="key"/>, read on another thread
    /// (the first lookup waits for it); empty when there is none or it cannot be used.</summary>
    public static FileCache Start(string output, string key) => new(Task.Run(() => Read(output, key)));

    /// <summary>How many files came from the cache in this build, and how many were loaded and added.</summary>
    public int Hits => _hits;

    public int Added => _added;

    /// <summary>How many of <see cref="Hits"/> were not even read: their stamps were the ones the last build saw.</summary>
    public int Unread => _unread;

    private int _hits;
    private int _added;
    private int _unread;

    public bool TryGet<T>(string sha256, [NotNullWhen(true)] out ParsedFile<T>? file) where T : class
    {
        file = null;
        if (!_previous.Result.Entries.TryGetValue(sha256, out var kept)) return false;
        try
        {
            var reader = new CacheReader(kept.Bytes);
            if (reader.ReadString() != typeof(T).Name) return false; // an agency file with an agreement's bytes, or the reverse
            var bodyLine = reader.ReadInt32();
            var model = FrontMatterCodec.Read<T>(ref reader);
            var facts = ReadFacts(ref reader);
            var view = ReadView(ref reader);
            file = new ParsedFile<T>(model, facts, view, bodyLine);
        }
        catch (InvalidDataException)
        {
            return false; // this entry cannot be read: the file is loaded afresh (and kept again)
        }
        _current.TryAdd(sha256, new Entry(kept.Bytes, InBase: kept.InBase));
        Interlocked.Increment(ref _hits);
        return true;
    }

    public void Add<T>(string sha256, ParsedFile<T> file) where T : class
    {
        if (file.View is not RenderedBody view) return; // only the site's loading is kept
        // A string with a lone surrogate would not come back the same from UTF-8: such a file is loaded afresh next time.
        if (!Storable(file.Facts, view)) return;
        var encoded = t_encoded ??= new MemoryStream();
        encoded.SetLength(0);
        using var writer = new BinaryWriter(encoded, Encoding.UTF8, leaveOpen: true);
        writer.Write(typeof(T).Name);
        writer.Write(file.BodyLine);
        var exact = FrontMatterCodec.TryWrite(new CacheWriter(writer), file.Model);
        writer.Flush();
        Entry? entry = null;
        if (exact)
        {
            var front = encoded.GetBuffer().AsSpan(0, (int)encoded.Length);
            entry = _spill is { } spill ? new Entry(default, Spilled: spill.Append(front), Facts: file.Facts, View: view) : new Entry(default, front.ToArray(), Facts: file.Facts, View: view);
        }
        if (encoded.Capacity > KeptBufferBytes) t_encoded = null; // a huge file's buffer is not kept for the next
        if (entry is not null && _current.TryAdd(sha256, entry)) Interlocked.Increment(ref _added);
    }

    public string? Sha256Of(string relative, FileStamp stamp)
    {
        var previous = _previous.Result;
        if (!previous.TryGetSeen(relative, out var seen) || seen.Stamp != stamp || !stamp.SettledBefore(previous.TakenAtNs)) return null;
        return previous.Entries.ContainsKey(seen.Sha256) ? seen.Sha256 : null;
    }

    public void Stamped(string relative, FileStamp stamp, string sha256, bool read)
    {
        _stamps[relative] = (stamp, sha256);
        if (!read) Interlocked.Increment(ref _unread);
    }

    /// <summary>Each loading thread's buffer for encoding entries, reused file after file.</summary>
    [ThreadStatic]
    private static MemoryStream? t_encoded;

    private const int KeptBufferBytes = 1024 * 1024;

    /// <summary>Lets go of the last build's file (unmaps it), waiting for its reading to end if it has not. Only once nothing
    /// reads an entry any more: the build's end (a body's HTML from the cache is a slice of it).</summary>
    public void Dispose()
    {
        try
        {
            _previous.Wait();
        }
        catch (AggregateException)
        {
            return; // nothing was kept
        }
        _previous.Result.Bytes?.Dispose();
        _previous.Result.AddedBytes?.Dispose();
    }

    private static Kept Nothing() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);

    /// <summary>What was kept beside <paramref name="output"/> for builds with <paramref name="key"/>; or nothing (none, damaged or
    /// cut short: every file is loaded afresh).</summary>
    private static Kept Read(string output, string key) =>
        BuildCache.MapOwnFile(output, DataFile, owner => Parse(owner.Memory, key) is { } kept ? WithAdded(kept with { Bytes = owner }, output, key) : null)
        ?? Nothing();

    /// <summary>The entries and stamps in <see cref="DataFile"/>'s bytes; null when they are not a cache this build can use.</summary>
    private static Kept? Parse(ReadOnlyMemory<byte> bytes, string key)
    {
        if (!CacheReader.TryChecked(bytes, out var reader)) return null;
        if (reader.ReadString() != Format || reader.ReadString() != key) return null;
        var entries = new Dictionary<string, KeptEntry>(StringComparer.Ordinal);
        if (!ReadEntries(ref reader, entries, inBase: true)) return null;
        var takenAt = reader.ReadInt64();
        if (ReadStamps(ref reader) is not { } stamps || !reader.AtEnd) return null;
        // The file's checksum (its last bytes, checked above) is what the added entries' file names it by.
        return new Kept(entries, stamps, takenAt, Checksum(bytes.Span), entries.Count);
    }

    /// <summary><paramref name="kept"/> with the entries and stamps of <see cref="AddedFile"/> beside <paramref name="output"/>,
    /// when there is one for builds with <paramref name="key"/> that names this very <see cref="DataFile"/>; as it is otherwise
    /// (its stamps are then older, which only means that some unchanged files are read again).</summary>
    private static Kept WithAdded(Kept kept, string output, string key) =>
        BuildCache.MapOwnFile(output, AddedFile, owner => ParseAdded(kept, owner, key)) ?? kept; // none or damaged: the entries of DataFile alone

    /// <summary><paramref name="kept"/> with the entries and stamps in <paramref name="owner"/>'s bytes, which it then holds; null
    /// when they are not an <see cref="AddedFile"/> for <paramref name="key"/> and this very <see cref="DataFile"/>.</summary>
    private static Kept? ParseAdded(Kept kept, IMemoryOwner<byte> owner, string key)
    {
        if (!CacheReader.TryChecked(owner.Memory, out var reader)) return null;
        if (reader.ReadString() != AddedFormat || reader.ReadString() != key || reader.ReadUInt128() != kept.Base) return null;
        var added = new Dictionary<string, KeptEntry>(StringComparer.Ordinal);
        if (!ReadEntries(ref reader, added, inBase: false)) return null;
        var takenAt = reader.ReadInt64();
        if (ReadStamps(ref reader) is not { } changed) return null;
        var removed = reader.ReadInt32();
        if (removed is < 0 or > MaxEntries) return null;
        var changes = new Dictionary<string, Seen?>(changed.Count + removed, StringComparer.Ordinal);
        foreach (var (path, seen) in changed) changes[path] = seen;
        for (var i = 0; i < removed; i++) changes[reader.ReadString()] = null;
        if (!reader.AtEnd) return null;
        foreach (var (sha, entry) in added) kept.Entries.TryAdd(sha, entry);
        return kept with { Changes = changes, TakenAtNs = takenAt, AddedBytes = owner };
    }

    private static UInt128 Checksum(ReadOnlySpan<byte> file) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(file[^CacheReader.ChecksumBytes..]);

    /// <summary>Reads a count and that many entries (a SHA-256, then the entry's bytes) into <paramref name="entries"/>; false
    /// when the count is not one this tool writes.</summary>
    private static bool ReadEntries(ref CacheReader reader, Dictionary<string, KeptEntry> entries, bool inBase)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxEntries) return false;
        entries.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var sha = reader.ReadString();
            entries[sha] = new KeptEntry(reader.ReadUtf8(), inBase); // an entry's bytes, length first, as a string's are
        }
        return true;
    }

    /// <summary>A count and that many files' stamps, each a path, the stamp and a SHA-256; null when the count is not one this
    /// tool writes.</summary>
    private static Dictionary<string, Seen>? ReadStamps(ref CacheReader reader)
    {
        var stampCount = reader.ReadInt32();
        if (stampCount is < 0 or > MaxEntries) return null;
        var stamps = new Dictionary<string, Seen>(stampCount, StringComparer.Ordinal);
        for (var i = 0; i < stampCount; i++)
        {
            var path = reader.ReadString();
            stamps[path] = new(new FileStamp(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64(), reader.ReadUInt64()),
                reader.ReadString());
        }
        return stamps;
    }

    /// <summary>
    /// Starts writing the files of this build beside <paramref name="output"/> (<see cref="Write"/>) on another thread, once the
    /// loading is done, and then lets go of them: the bound front matter and body facts this cache keeps for 10,000 files are
    /// about 40 MB that a build would otherwise hold until its last page is written (measured: a cold build's peak memory
    /// 396 → 355 MB with them let go). They are kept by their bytes, so they serve the next build whether or not this one
    /// gets to replace the site. The task's result is null when written, or the build cache's note saying why not.
    /// </summary>
    public Task<string?> WriteInBackground(string output, string key, CancellationToken cancellationToken) => Task.Run(() =>
    {
        try
        {
            if (!BuildCache.OwnFolder(output)) return BuildCache.NotOursNote(output);
            Write(output, key, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"not written ({ex.Message.TrimEnd('.')})";
        }
        catch (OperationCanceledException)
        {
            return "not written (the build was stopped)"; // the last cache written stays
        }
        finally
        {
            _current.Clear();
            _stamps.Clear();
        }
    }, CancellationToken.None);

    /// <summary>Writes the files of this build beside <paramref name="output"/>, atomically: only the entries that files.bin
    /// lacks, when they are few and few of its own are unused; files.bin anew otherwise. The caller has checked that the
    /// cache folder is this tool's (<see cref="BuildCache.OwnFolder"/>).</summary>
    public void Write(string output, string key, CancellationToken cancellationToken = default)
    {
        var previous = _previous.Result;
        var entries = _current.ToArray();
        var inBase = entries.Count(e => e.Value.InBase);
        var added = entries.Length - inBase;
        if (previous.Base is { } checksum && added <= previous.BaseCount / MostAddedPart && previous.BaseCount - inBase <= previous.BaseCount / MostUnusedPart)
        {
            // Only what files.bin lacks, and the stamps that differ from its own: it stays as it is, and this file names it.
            WriteFile(output, AddedFile, AddedFormat, key, (checksum, previous.Stamps), [.. entries.Where(e => !e.Value.InBase)], cancellationToken);
            BuildCache.RemoveOwnFiles(output, s_formerFiles);
            return;
        }
        WriteFile(output, DataFile, Format, key, null, entries, cancellationToken);
        // After files.bin: stopped in between, the added entries' file names a files.bin that is no longer there, and is not used.
        BuildCache.RemoveOwnFiles(output, [AddedFile, .. s_formerFiles]);
    }

    /// <summary>Writes one of the cache's files atomically: its format, the key, the checksum of the files.bin it adds to (for
    /// <see cref="AddedFile"/>), <paramref name="entries"/>, when this build started, then the stamps of the files whose
    /// entries this build keeps: all of them, or (for <see cref="AddedFile"/>) those that differ from the files.bin's, and the
    /// paths of the files it has that this build does not keep.</summary>
    private void WriteFile(string output, string name, string format, string key, (UInt128 Checksum, Dictionary<string, Seen> Stamps)? addsTo,
        KeyValuePair<string, Entry>[] entries, CancellationToken cancellationToken)
    {
        BuildCache.WriteOwnFile(output, name, stream =>
        {
            var checksum = new XxHash128();
            using (var writer = new BinaryWriter(new ChecksumStream(stream, checksum), Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(format);
                writer.Write(key);
                if (addsTo is { } value)
                {
                    Span<byte> bytes = stackalloc byte[16];
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(bytes, value.Checksum);
                    writer.Write(bytes);
                }
                writer.Write(entries.Length);
                var made = new MemoryStream();
                using var part = new BinaryWriter(made, Encoding.UTF8, leaveOpen: true);
                var written = 0;
                foreach (var (sha, entry) in entries)
                {
                    // A signal stops the write between entries: the half-written file is removed, the last one stays.
                    if (++written % 1024 == 0) cancellationToken.ThrowIfCancellationRequested();
                    writer.Write(sha);
                    if (!entry.Made)
                    {
                        writer.Write7BitEncodedInt(entry.Kept.Length);
                        writer.Write(entry.Kept.Span);
                        continue;
                    }
                    made.SetLength(0);
                    part.Write(entry.FrontBytes);
                    WriteFacts(part, entry.Facts!);
                    WriteView(part, entry.View!);
                    part.Flush();
                    writer.Write7BitEncodedInt((int)made.Length);
                    writer.Write(made.GetBuffer().AsSpan(0, (int)made.Length));
                }
                // The stamps of the files whose entries are kept, in path order (the same cache file for the same files).
                // One array of exactly their number, sorted in place (filtered, ordered and listed, they were 2 MB of large arrays).
                // Beside files.bin, only those that differ from its own: writing (and reading) every path and hash again cost
                // a one-file rebuild at 10,000 agreements more than copying the 28 MB of entries did.
                var baseStamps = addsTo?.Stamps;
                var stamps = _stamps.ToArray();
                var kept = 0;
                foreach (var s in stamps)
                {
                    if (!_current.ContainsKey(s.Value.Sha256)) continue;
                    if (baseStamps is null || !baseStamps.TryGetValue(s.Key, out var was) || was != new Seen(s.Value.Stamp, s.Value.Sha256)) stamps[kept++] = s;
                }
                stamps.AsSpan(0, kept).Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                writer.Write(_takenAtNs);
                writer.Write(kept);
                foreach (var (path, (stamp, sha)) in stamps.AsSpan(0, kept))
                {
                    writer.Write(path);
                    writer.Write(stamp.Size);
                    writer.Write(stamp.ModifiedNs);
                    writer.Write(stamp.ChangedNs);
                    writer.Write(stamp.Inode);
                    writer.Write(stamp.Device);
                    writer.Write(sha);
                }
                if (baseStamps is not null)
                {
                    var removed = baseStamps.Keys.Where(path => !_stamps.TryGetValue(path, out var now) || !_current.ContainsKey(now.Sha256))
                        .Order(StringComparer.Ordinal).ToList();
                    writer.Write(removed.Count);
                    foreach (var path in removed) writer.Write(path);
                }
            }
            stream.Write(checksum.GetCurrentHash());
        });
    }

    private static bool Storable(BodyFacts facts, RenderedBody view) =>
        view.IsUtf8 // a body is held as UTF-8 unless its HTML would not come back the same from it
        && view.Sections.All(t => CacheWriter.WellFormed(t.Id) && CacheWriter.WellFormed(t.Text))
        && facts.Sections.All(x => CacheWriter.WellFormed(x.Title)) && facts.Markup.All(x => CacheWriter.WellFormed(x.Text)) && facts.Leftovers.All(x => CacheWriter.WellFormed(x.Text));

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

    private static BodyFacts ReadFacts(ref CacheReader reader)
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
        // The HTML as a string would be (a 7-bit encoded byte length, then UTF-8), straight from the bytes the body holds; then
        // its hash, so the next build need not decode it to fingerprint its page.
        if (!view.TryGetUtf8(out var utf8)) throw new InvalidOperationException("only a body held as UTF-8 is kept (see Storable)");
        writer.Write7BitEncodedInt(utf8.Length);
        writer.Write(utf8.Span);
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

    private static RenderedBody ReadView(ref CacheReader reader)
    {
        var html = reader.ReadUtf8();
        var hash = reader.ReadUInt128();
        var sections = new TocEntry[reader.ReadCount()];
        for (var i = 0; i < sections.Length; i++) sections[i] = TocEntry.Of(reader.ReadString(), reader.ReadString());
        return new RenderedBody(html, hash, sections);
    }
}
