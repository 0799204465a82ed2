using System.IO.Hashing;
using System.Text;
using DulaRegistry.History;
using DulaRegistry.Model;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The build cache's file (<c>cache.bin</c>) as bytes, and back: what <see cref="CacheWriter"/> writes and
/// <see cref="CacheReader"/> reads, ending with the XXH3-128 of the rest. In order: the format, the <see cref="BuildCache.Key"/>,
/// the <see cref="BuildCache.Site"/>, each page's path and fingerprint, the history's key and the history, and the site's
/// files. The history stores each commit once (hash, date, subject) and numbers it: a registry's history has a few hundred
/// commits and tens of thousands of status changes. Replaces a JSON file that took 30–55 ms of every incremental build to
/// read at 10,000 agreements (2 MB, 14 MB allocated). Anything out of place means no cache, never a wrong one.
/// </summary>
internal static class BuildCacheCodec
{
    public const string Format = "dula-registry-build-cache 5";

    /// <summary>The cache's bytes (<see cref="Write"/>); null when they would not come back the same.</summary>
    public static byte[]? Encode(BuildCache cache)
    {
        using var bytes = new MemoryStream();
        return Write(cache, bytes) ? bytes.ToArray() : null;
    }

    /// <summary>
    /// Writes the cache to <paramref name="stream"/>, as it goes (no whole-file buffer: at 10,000 agreements one was a
    /// large-object allocation that cost a full collection); false when a string in it would not come back the same from
    /// UTF-8 (a lone surrogate in a path or a commit subject): such a cache is not kept, and the next build is a full one.
    /// </summary>
    public static bool Write(BuildCache cache, Stream stream)
    {
        var checksum = new XxHash128();
        // Buffered before the checksum: each of the writer's small writes would otherwise be a hash call of its own.
        using (var binary = new BinaryWriter(new BufferedStream(new ChecksumStream(stream, checksum), 64 * 1024), Encoding.UTF8, leaveOpen: false))
        {
            var writer = new CacheWriter(binary);
            writer.WriteNullable(Format);
            writer.WriteNullable(cache.Key);
            binary.Write(cache.Site);
            binary.Write(cache.Pages.Count);
            foreach (var (path, fingerprint) in cache.Pages)
            {
                writer.WriteNullable(path);
                writer.WriteNullable(fingerprint);
            }
            writer.WriteNullable(cache.HistoryKey);
            binary.Write(cache.History is not null);
            if (cache.History is { } history) WriteHistory(writer, history);
            binary.Write(cache.Files.Count);
            foreach (var file in cache.Files) writer.WriteNullable(file);
            if (!writer.Exact) return false;
        }
        stream.Write(checksum.GetCurrentHash());
        return true;
    }

    /// <summary>The cache in <paramref name="bytes"/>; null when they are not a whole cache of this format.</summary>
    public static BuildCache? Decode(ReadOnlyMemory<byte> bytes) =>
        TryHeader(bytes, out var key, out var site, out var rest) ? DecodeRest(key, site, rest) : null;

    /// <summary>True when <paramref name="bytes"/> are a cache of this format whose checksum holds, with its key and the site it
    /// describes, and a reader at the rest (<see cref="DecodeRest"/>): enough to tell whether the cache serves, without decoding it.</summary>
    public static bool TryHeader(ReadOnlyMemory<byte> bytes, out string key, out long site, out CacheReader rest)
    {
        (key, site, rest) = ("", 0, default);
        if (!CacheReader.TryChecked(bytes, out var reader)) return false;
        try
        {
            if (reader.ReadNullableString() != Format || reader.ReadNullableString() is not { } found) return false;
            (key, site, rest) = (found, reader.ReadInt64(), reader);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The cache with <paramref name="key"/> and <paramref name="site"/> (its header), the rest read by <paramref name="reader"/>;
    /// null when the rest is not whole.</summary>
    public static BuildCache? DecodeRest(string key, long site, CacheReader reader)
    {
        try
        {
            var pageCount = Count(ref reader);
            var pages = new Dictionary<string, string>(pageCount, StringComparer.Ordinal);
            for (var i = 0; i < pageCount; i++) pages[Text(ref reader)] = Text(ref reader);
            var historyKey = reader.ReadNullableString();
            var history = reader.ReadBoolean() ? ReadHistory(ref reader) : null;
            var files = new string[Count(ref reader)];
            for (var i = 0; i < files.Length; i++) files[i] = Text(ref reader);
            return reader.AtEnd ? new BuildCache(key, site, pages, historyKey, history, files) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static void WriteHistory(CacheWriter writer, RegistryHistory history)
    {
        var binary = writer.Writer;
        var numbers = new Dictionary<(string, DateTimeOffset, string), int>();
        var commits = new List<(string Commit, DateTimeOffset Date, string Subject)>();
        int Commit(string commit, DateTimeOffset date, string subject)
        {
            if (!numbers.TryGetValue((commit, date, subject), out var number))
            {
                numbers[(commit, date, subject)] = number = commits.Count;
                commits.Add((commit, date, subject));
            }
            return number;
        }
        // The agreements are numbered first, so that the table of commits is whole when it is written before them.
        var agreements = history.Agreements.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (Id: a.Key, Last: a.Value.LastChanged is { } l ? Commit(l.Commit, l.Date, l.Subject) : -1,
                Changes: a.Value.StatusChanges.Select(c => (c.Status, Commit: Commit(c.Commit, c.Date, c.Subject))).ToList()))
            .ToList();
        writer.WriteNullable(history.Note);
        binary.Write(commits.Count);
        foreach (var (commit, date, subject) in commits)
        {
            writer.WriteNullable(commit);
            binary.Write(date.Ticks);
            binary.Write((int)date.Offset.TotalMinutes);
            writer.WriteNullable(subject);
        }
        binary.Write(agreements.Count);
        foreach (var (id, last, changes) in agreements)
        {
            writer.WriteNullable(id);
            binary.Write(last);
            binary.Write(changes.Count);
            foreach (var (status, commit) in changes)
            {
                writer.WriteNullable<AgreementStatus>(status);
                binary.Write(commit);
            }
        }
    }

    private static RegistryHistory ReadHistory(ref CacheReader reader)
    {
        var note = reader.ReadNullableString();
        var commits = new (string Commit, DateTimeOffset Date, string Subject)[Count(ref reader)];
        for (var i = 0; i < commits.Length; i++)
        {
            var commit = Text(ref reader);
            var ticks = reader.ReadInt64();
            var minutes = reader.ReadInt32();
            if (ticks < DateTimeOffset.MinValue.Ticks || ticks > DateTimeOffset.MaxValue.Ticks || minutes is < -14 * 60 or > 14 * 60) throw Damaged();
            commits[i] = (commit, new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)), Text(ref reader));
        }
        // One object per commit and per (status, commit): a commit touches many agreements.
        var lastChanges = new LastChange?[commits.Length];
        var changes = new Dictionary<(AgreementStatus, int), StatusChange>();
        var count = Count(ref reader);
        var agreements = new Dictionary<string, AgreementHistory>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = Text(ref reader);
            var last = reader.ReadInt32();
            if (last < -1 || last >= commits.Length) throw Damaged();
            var statusChanges = new StatusChange[Count(ref reader)];
            for (var c = 0; c < statusChanges.Length; c++)
            {
                var status = reader.ReadEnum<AgreementStatus>();
                var commit = reader.ReadInt32();
                if (commit < 0 || commit >= commits.Length) throw Damaged();
                if (!changes.TryGetValue((status, commit), out var change))
                {
                    changes[(status, commit)] = change = new StatusChange(status, commits[commit].Date, commits[commit].Commit, commits[commit].Subject);
                }
                statusChanges[c] = change;
            }
            var lastChange = last < 0 ? null
                : lastChanges[last] ??= new LastChange(commits[last].Date, commits[last].Commit, commits[last].Subject);
            agreements[id] = new AgreementHistory(statusChanges, lastChange);
        }
        return new RegistryHistory(agreements, note);
    }

    /// <summary>A text as a string of its own: paths, fingerprints and commit hashes are not repeated across files, and the
    /// table that shares short ones would only grow.</summary>
    private static string Text(ref CacheReader reader) => reader.ReadNullableOwnString() ?? throw Damaged();

    /// <summary>A count of entries: never negative, and never more than the bytes left could hold (each takes one at least).</summary>
    private static int Count(ref CacheReader reader) => reader.ReadInt32() is var n and >= 0 && n <= reader.Remaining ? n : throw Damaged();

    private static InvalidDataException Damaged() => new("the build cache is damaged");
}
