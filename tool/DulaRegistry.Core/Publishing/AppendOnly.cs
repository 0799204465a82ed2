namespace DulaRegistry.Publishing;

/// <summary>
/// Whether a new log extends a previously published one: its first <c>old size</c> entries are the old entries, in the same
/// order, with the same bytes. Each problem names the agreement, so whoever reads it knows which record was dropped, altered
/// or moved.
/// </summary>
public static class AppendOnly
{
    /// <summary>What a log entry is compared by: the agreement, the SHA-256 of its executed bytes and where it was executed.</summary>
    public readonly record struct Entry(string Id, string Sha256, string Commit);

    /// <summary>One sentence per broken entry; empty when <paramref name="newEntries"/> extends <paramref name="previous"/>.</summary>
    public static IReadOnlyList<string> Problems(Manifest previous, IReadOnlyList<Entry> newEntries)
    {
        var problems = new List<string>();
        if (previous.Entries.Count != previous.LogSize)
        {
            problems.Add($"the previous manifest lists {previous.Entries.Count} log entries but says its log has {previous.LogSize}; it is damaged");
            return problems;
        }
        if (newEntries.Count < previous.Entries.Count)
        {
            problems.Add($"the new log has {newEntries.Count} entries, fewer than the {previous.Entries.Count} published before");
        }
        var newIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < newEntries.Count; i++) newIndex.TryAdd(newEntries[i].Id, i);
        for (var i = 0; i < previous.Entries.Count; i++)
        {
            var old = previous.Entries[i];
            var executed = $"{old.Id} (log entry {i}, executed at commit {Short(old.Commit)})";
            if (i < newEntries.Count && newEntries[i].Id == old.Id)
            {
                var now = newEntries[i];
                if (now.Sha256 != old.Sha256)
                {
                    problems.Add($"{executed}: its executed text has changed (SHA-256 was {old.Sha256}, is now {now.Sha256}); an executed agreement may never be altered");
                }
                else if (now.Commit != old.Commit)
                {
                    problems.Add($"{executed}: the new log says it was executed at commit {Short(now.Commit)}; main's history was rewritten");
                }
            }
            else if (newIndex.TryGetValue(old.Id, out var moved))
            {
                problems.Add($"{executed} is now log entry {moved}; executed agreements may never be reordered");
            }
            else
            {
                problems.Add($"{executed} is missing from the new log; an executed agreement may never be dropped (was its file deleted or main's history rewritten?)");
            }
        }
        return problems;
    }

    public static IReadOnlyList<Entry> Of(ExecutedLog log) => [.. log.Entries.Select(e => new Entry(e.Id, e.Sha256, e.Commit))];

    public static IReadOnlyList<Entry> Of(Manifest manifest) => [.. manifest.Entries.Select(e => new Entry(e.Id, e.Sha256, e.Commit))];

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];
}
