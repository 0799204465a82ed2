using DulaRegistry.Git;
using DulaRegistry.Model;

namespace DulaRegistry.Announcements;

/// <summary>An agreement that became executed in <paramref name="Commit"/>, as its file read at that commit.</summary>
/// <param name="PathInRepository">Its file relative to the top of the repository (the registry may be in a subfolder).</param>
public sealed record ExecutedAgreement(string Id, Agreement Agreement, GitCommit Commit, string PathInRepository);
