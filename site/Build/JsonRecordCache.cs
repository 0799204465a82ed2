using System.IO.Hashing;
using DulaRegistry.IO;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Where each agreement's record is in the site's <c>agreements.json</c>, kept by the last build in the build cache folder
/// (<c>agreements-json.bin</c>): the build's key (<see cref="BuildCache.KeyFor"/>), the file's length, and per agreement its
/// page's fingerprint (<see cref="PageFingerprints"/>, which covers its whole view and the site-wide values), the record's
/// offset and length in the file, and the XXH3 hash of its bytes. An incremental build copies the record of every agreement
/// whose fingerprint is unchanged from the last build's file instead of writing it again: at 10,000 agreements the file is
/// 35 MB, and writing it was the largest export (about 100 ms of CPU). A record is copied only when its bytes in the site's
/// file still hash as recorded, so a file changed in the site is never copied from; anything unexpected means records are
/// written afresh, never wrong ones.
/// </summary>
public sealed class JsonRecordCache : IJsonRecords, IDisposable
{
    private const string DataFile = "agreements-json.bin";
    private const string Format = "dula-registry-json-records 1";

    /// <summary>More records than this is not a file this tool wrote.</summary>
    private const int MaxCount = 50_000_000;

    private readonly IReadOnlyDictionary<string, string> _fingerprints;
    private readonly Dictionary<string, Entry> _previous;
    private readonly List<Entry> _written = [];

    /// <summary>The last build's file in the site, read forward as records are copied (records are in id order in both files).
    /// Read, not mapped: it is in the site, where another program might cut it short in place, and a mapped file cut short
    /// faults when read.</summary>
    private readonly FileStream? _site;

    /// <summary>The record being copied, read from <see cref="_site"/>.</summary>
    private byte[] _record = new byte[16 * 1024];

    /// <summary>The record <see cref="TryGet"/> gave last, until <see cref="Written"/> is told where it went.</summary>
    private Entry? _copied;

    private JsonRecordCache(IReadOnlyDictionary<string, string> fingerprints, Dictionary<string, Entry> previous, FileStream? site)
    {
        _fingerprints = fingerprints;
        _previous = previous;
        _site = site;
    }

    /// <summary>How many records were copied from the last build's file.</summary>
    public int Reused { get; private set; }

    /// <summary>
    /// The records of the last build into <paramref name="target"/>'s output folder, when the cache has them for this build's
    /// <paramref name="key"/> and the site still holds the file they describe; otherwise none (every record is written, and
    /// kept for the next build all the same). The site's file is open until this is disposed.
    /// </summary>
    /// <param name="fingerprints">This build's page fingerprints (<see cref="SiteTarget.Fingerprints"/>).</param>
    public static JsonRecordCache Open(SiteTarget target, string key, IReadOnlyDictionary<string, string> fingerprints)
    {
        var none = new JsonRecordCache(fingerprints, [], null);
        var output = target.Context.Output;
        if (target.Previous is not { } previous || !previous.Made(SiteUrls.AgreementsJsonPath)
            || BuildCache.OwnFile(output, DataFile) is not { } file)
        {
            return none;
        }
        FileStream? site = null;
        try
        {
            Dictionary<string, Entry> entries;
            long length;
            using (var mapped = MappedFile.Read(file, int.MaxValue / 2)) // the cache's own file, only ever replaced by renaming
            {
                if (Parse(mapped.Memory, key, out length) is not { } parsed) return none;
                entries = parsed;
            }
            // Never through a link, never waiting on a named pipe; the length it had when the last build wrote it.
            if (RegularFile.OpenHandle(Path.Combine(output, SiteUrls.AgreementsJsonPath), out _) is not { } handle) return none;
            site = new FileStream(handle, FileAccess.Read, bufferSize: 64 * 1024);
            if (site.Length != length) return none;
            var cache = new JsonRecordCache(fingerprints, entries, site);
            site = null;
            return cache;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return none; // damaged, cut short or gone: every record is written afresh
        }
        finally
        {
            site?.Dispose();
        }
    }

    /// <summary>The records in <paramref name="bytes"/> and the length of the file they are in; null when this build cannot use them.</summary>
    internal static Dictionary<string, Entry>? Parse(ReadOnlyMemory<byte> bytes, string key, out long length)
    {
        length = 0;
        if (!CacheReader.TryChecked(bytes, out var reader)) return null;
        if (reader.ReadString() != Format || reader.ReadString() != key) return null;
        length = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxCount || length < 0) throw new InvalidDataException("a record count out of range");
        var entries = new Dictionary<string, Entry>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = new Entry(reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadUInt64());
            if (entry.Offset < 0 || entry.Length < 0 || entry.Offset + entry.Length > length) throw new InvalidDataException("a record outside the file");
            entries[entry.Id] = entry;
        }
        return entries;
    }

    public bool TryGet(AgreementView agreement, out ReadOnlySpan<byte> record)
    {
        record = default;
        if (_site is null || !_previous.TryGetValue(agreement.Id, out var kept)
            || !_fingerprints.TryGetValue(SiteUrls.AgreementPath(agreement.Id), out var fingerprint) || kept.Fingerprint != fingerprint)
        {
            return false;
        }
        if (_record.Length < kept.Length) _record = new byte[Math.Max(kept.Length, 2 * _record.Length)];
        var bytes = _record.AsSpan(0, kept.Length);
        try
        {
            _site.Position = kept.Offset; // forward, and within the read buffer but for a record skipped
            _site.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException)
        {
            return false; // cut short or unreadable since it was opened: written afresh
        }
        if (XxHash3.HashToUInt64(bytes) != kept.Hash) return false; // the site's file changed there since: written afresh
        record = bytes;
        _copied = kept;
        Reused++;
        return true;
    }

    public void Written(AgreementView agreement, long offset, ReadOnlySpan<byte> record)
    {
        if (_copied is { } copied && copied.Id == agreement.Id && copied.Length == record.Length)
        {
            _written.Add(copied with { Offset = offset }); // copied as it was: its hash is known
            _copied = null;
            return;
        }
        _copied = null;
        if (!_fingerprints.TryGetValue(SiteUrls.AgreementPath(agreement.Id), out var fingerprint)) return; // not fingerprinted: not kept
        _written.Add(new Entry(agreement.Id, fingerprint, offset, record.Length, XxHash3.HashToUInt64(record)));
    }

    /// <summary>The records written by this build, for the next, in a file of <paramref name="length"/> bytes.</summary>
    public byte[] Encode(string key, long length)
    {
        using var stream = new MemoryStream(64 + (_written.Count * 64));
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(key);
            writer.Write(length);
            writer.Write(_written.Count);
            foreach (var entry in _written)
            {
                writer.Write(entry.Id);
                writer.Write(entry.Fingerprint);
                writer.Write(entry.Offset);
                writer.Write(entry.Length);
                writer.Write(entry.Hash);
            }
        }
        stream.Write(XxHash128.Hash(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="encoded"/> (<see cref="Encode"/>) beside <paramref name="output"/>, atomically. The caller
    /// has checked that the cache folder is this tool's (<see cref="BuildCache.OwnFolder"/>).</summary>
    public static void Write(string output, byte[] encoded) => BuildCache.WriteOwnFile(output, DataFile, stream => stream.Write(encoded));

    /// <summary>Closes the last build's file.</summary>
    public void Dispose() => _site?.Dispose();

    /// <summary>One agreement's record: its page's fingerprint, where it is in the file, and the hash of its bytes.</summary>
    internal readonly record struct Entry(string Id, string Fingerprint, long Offset, int Length, ulong Hash);
}
