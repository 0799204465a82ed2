using LibGit2Sharp;

namespace DulaRegistry.Git;

/// <summary>
/// Reads blobs through a repository handle of its own (see <see cref="RegistryRepository.OpenBlobReader"/>), so several
/// threads can read blobs at once, one reader each: libgit2 is safe across threads as long as no handle is shared.
/// </summary>
public sealed class BlobReader : IDisposable
{
    private readonly Repository _repository;

    internal BlobReader(string gitFolder) => _repository = new Repository(gitFolder);

    /// <summary>The content of a blob; null when it is missing or over <paramref name="maxBytes"/>.</summary>
    public byte[]? Read(string blobId, long maxBytes) => RegistryRepository.ReadBlob(_repository, blobId, maxBytes);

    public void Dispose() => _repository.Dispose();
}
