using System.Security.Cryptography;
using DulaRegistry.Git;
using DulaRegistry.History;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Signing;

namespace DulaRegistry.Publishing;

/// <summary>
/// One entry of the log of executed agreements: the agreement file's bytes as they first stood at <c>status: executed</c> on
/// main, and the commit that put them there.
/// </summary>
public sealed record LogEntry(long Index, string Id, string Commit, byte[] Bytes)
{
    /// <summary>SHA-256 of <see cref="Bytes"/>, lowercase hex: what the manifest lists and <c>sha256sum</c> prints.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));

    /// <summary>The RFC 6962 leaf hash, SHA-256(0x00 ‖ bytes).</summary>
    public byte[] LeafHash { get; } = MerkleTree.LeafHash(Bytes);
}

/// <summary>
/// The append-only log of executed agreements, recomputed from Git in one walk over main's first-parent history (see
/// <see cref="RegistryRepository.FirstParentChanges"/>): for each agreement, the first commit whose version of the file parses
/// (with the validator's own front-matter reader) with status executed. Entries are ordered by that commit's position in the
/// walk, ties by id, so the log depends only on the history, never on the work tree or the clock.
/// </summary>
public sealed class ExecutedLog
{
    private ExecutedLog(IReadOnlyList<LogEntry> entries)
    {
        Entries = entries;
        LeafHashes = [.. entries.Select(e => e.LeafHash)];
        Root = MerkleTree.Root(LeafHashes);
    }

    public IReadOnlyList<LogEntry> Entries { get; }

    public IReadOnlyList<byte[]> LeafHashes { get; }

    public byte[] Root { get; }

    public long Size => Entries.Count;

    public LogEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>The log as HEAD's first-parent history records it.</summary>
    /// <exception cref="PublishException">a shallow clone, whose oldest commit hides when its files became executed.</exception>
    public static ExecutedLog Read(RegistryRepository repository, long maxFileBytes)
    {
        var entries = new List<LogEntry>();
        var logged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (commit, isBoundary, changes) in repository.FirstParentChanges(RegistryLoader.AgreementsFolder))
        {
            if (isBoundary)
            {
                throw new PublishException(
                    "this is a shallow clone, so the log of executed agreements cannot be recomputed from its start; fetch the whole history "
                    + "(actions/checkout with fetch-depth: 0, or git fetch --unshallow) and run the command again");
            }
            var executedHere = new List<LogEntry>();
            foreach (var change in changes.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var id = change.Name[..^".md".Length];
                if (change.BlobId is not { } blobId || logged.Contains(id)) continue;
                // Over the size limit: the loader refuses such a file, so it never counted as executed.
                if (repository.ReadBlob(blobId, maxFileBytes) is not { } bytes) continue;
                if (StatusReader.Read(bytes, $"{RegistryLoader.AgreementsFolder}/{change.Name}") != AgreementStatus.Executed) continue;
                executedHere.Add(new LogEntry(0, id, commit.Sha, bytes));
            }
            foreach (var entry in executedHere.OrderBy(e => e.Id, StringComparer.Ordinal))
            {
                logged.Add(entry.Id);
                entries.Add(entry with { Index = entries.Count });
            }
        }
        return new ExecutedLog(entries);
    }
}
