namespace DulaRegistry.Git;

/// <summary>A commit as the registry sees it: its id, when it was committed and the first line of its message.</summary>
public sealed record GitCommit(string Sha, DateTimeOffset Date, string Subject)
{
    public string ShortSha => Sha[..Math.Min(7, Sha.Length)];
}

/// <summary>
/// One file of a folder that a commit added, changed or deleted, by name within the folder.
/// <paramref name="BlobId"/> is the new content's id (read it with <see cref="RegistryRepository.ReadBlob"/>), or null when the
/// commit deleted the file or replaced it with something that is not a regular file (a link, a submodule).
/// </summary>
public sealed record FolderFileChange(string Name, string? BlobId);

/// <summary>
/// A commit that changed a folder, and how. <paramref name="IsBoundary"/> marks the oldest commit of a shallow clone: its
/// parent is missing, so its changes are the folder's whole content at that point, not what the commit itself changed.
/// </summary>
public sealed record FolderCommit(GitCommit Commit, bool IsBoundary, IReadOnlyList<FolderFileChange> Changes);
