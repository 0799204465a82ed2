using System.Collections.Frozen;

namespace DulaRegistry.Site.ViewModels;

/// <summary>
/// What a signed publish shows on the site: the key's fingerprint, the log's origin, size and root, the commit, and which
/// agreements have an inclusion proof (by id, with their index in the log). Absent on a plain <c>registry build</c>.
/// </summary>
public sealed record PublicationView(
    string Fingerprint,
    string Origin,
    long LogSize,
    string LogRoot,
    string Commit,
    DateTimeOffset CommitDate,
    FrozenDictionary<string, long> LogIndexById)
{
    public bool HasProof(string id) => LogIndexById.ContainsKey(id);
}
