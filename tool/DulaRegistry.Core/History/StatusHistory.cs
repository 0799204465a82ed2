using System.Collections.Concurrent;
using DulaRegistry.Git;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.History;

/// <summary>
/// Reads every agreement's status timeline from Git in one walk over main's first-parent history (see
/// <see cref="RegistryRepository.FirstParentChanges"/>): each changed agreement file is parsed with the validator's own
/// front-matter reader, once per distinct content, and a status change is recorded when the parsed status differs from the
/// file's previous one. A file's id is its name without <c>.md</c>; a renamed file starts a history of its own.
/// </summary>
public static class StatusHistory
{
    /// <summary>Timelines for the registry at <paramref name="root"/>; empty (with a note) when it is not in a Git work tree.</summary>
    public static RegistryHistory Read(string root, long maxFileBytes = 1024 * 1024) => Read(root, maxFileBytes, cached: null).History;

    /// <summary>
    /// Timelines as <see cref="Read(string, long)"/> reads them, unless <paramref name="cached"/> holds the timelines of the same
    /// history (the same <see cref="RegistryRepository.HistoryKey"/>): then those, without walking. Returns the key with them
    /// (null outside a repository), for the caller to keep.
    /// </summary>
    public static (RegistryHistory History, string? Key) Read(string root, long maxFileBytes, (string Key, RegistryHistory History)? cached)
    {
        try
        {
            using var repository = RegistryRepository.TryOpen(root);
            if (repository is null) return (RegistryHistory.Empty("not in a Git work tree, so no status history"), null);
            var key = $"{repository.HistoryKey} max:{maxFileBytes}";
            return cached is { } c && c.Key == key ? (c.History, key) : (Read(repository, maxFileBytes), key);
        }
        catch (GitException ex)
        {
            return (RegistryHistory.Empty(ex.Explanation), null);
        }
    }

    /// <summary>Timelines from an open repository.</summary>
    public static RegistryHistory Read(RegistryRepository repository, long maxFileBytes = 1024 * 1024)
    {
        // The walk stays on this thread (the repository is not thread-safe); reading and parsing the blobs, the costly part, runs
        // on one reader thread with a repository handle of its own, while the walk goes on; each distinct blob is read once. Each
        // commit's blobs go over as one batch. Measured at 10,000 agreements (50 commits, 45,456 blob versions): a reader per
        // core, fed blob by blob, took 0.62-0.70 s and 1.2 s of CPU (mostly the two sides waking each other); batches, 0.51 s
        // and 0.9 s; one reader with batches, 0.51-0.57 s and 0.62-0.72 s: as fast, and the other core is left to the loading
        // that runs beside the walk in a build.
        var commits = new List<FolderCommit>();
        var statuses = new Dictionary<string, AgreementStatus?>(StringComparer.Ordinal);
        var queued = new HashSet<string>(StringComparer.Ordinal);
        using var batches = new BlockingCollection<List<(string BlobId, string Name)>>(boundedCapacity: 64);
        using (var reader = repository.OpenBlobReader())
        {
            // A thread of its own, not the pool's: it blocks on the queue, and a blocked pool thread is one the loading beside the
            // walk (Parallel.For) cannot use.
            var worker = Task.Factory.StartNew(() =>
            {
                var buffer = new byte[16 * 1024]; // grown when a blob needs more: blobs are read, parsed and forgotten
                foreach (var batch in batches.GetConsumingEnumerable())
                {
                    foreach (var (blobId, name) in batch)
                    {
                        var length = reader.Read(blobId, maxFileBytes, ref buffer);
                        // Over the size limit: the loader would refuse it too.
                        statuses[blobId] = length < 0 ? null : StatusReader.Read(buffer.AsSpan(0, length), $"{RegistryLoader.AgreementsFolder}/{name}");
                    }
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                foreach (var commit in repository.FirstParentChanges(RegistryLoader.AgreementsFolder))
                {
                    commits.Add(commit);
                    var batch = new List<(string BlobId, string Name)>();
                    foreach (var change in commit.Changes)
                    {
                        if (change.BlobId is { } blobId && queued.Add(blobId)) batch.Add((blobId, change.Name));
                    }
                    if (batch.Count > 0) batches.Add(batch);
                }
            }
            finally
            {
                batches.CompleteAdding();
                worker.GetAwaiter().GetResult(); // a failure of the reader (a damaged pack, say) is thrown here as it was thrown
            }
        }

        var records = new Dictionary<string, Record>(StringComparer.Ordinal);
        foreach (var (commit, isBoundary, changes) in commits)
        {
            foreach (var change in changes)
            {
                var id = change.Name[..^".md".Length];
                if (!records.TryGetValue(id, out var record)) records[id] = record = new Record();
                // A shallow clone's oldest commit shows the files as they were, not when they got that way: it sets each file's
                // starting status but claims no change and no date.
                if (!isBoundary) record.LastChanged = new LastChange(commit.Date, commit.Sha, commit.Subject);
                // A deleted file (or one that does not parse) adds nothing and keeps the status it had.
                if (change.BlobId is not { } blobId || statuses.GetValueOrDefault(blobId) is not { } status || status == record.Current) continue;
                record.Current = status;
                if (!isBoundary) record.Changes.Add(new StatusChange(status, commit.Date, commit.Sha, commit.Subject));
            }
        }
        var shallow = commits.Count > 0 && commits[0].IsBoundary
            ? $"this is a shallow clone, so status history starts at {commits[0].Commit.Date:yyyy-MM-dd}; fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)"
            : null;
        return new RegistryHistory(
            records.ToDictionary(r => r.Key, r => new AgreementHistory(r.Value.Changes, r.Value.LastChanged), StringComparer.Ordinal),
            shallow);
    }

    private sealed class Record
    {
        public AgreementStatus? Current { get; set; }
        public List<StatusChange> Changes { get; } = [];
        public LastChange? LastChanged { get; set; }
    }
}
