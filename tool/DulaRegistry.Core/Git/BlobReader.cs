using LibGit2Sharp;

namespace DulaRegistry.Git;

/// <summary>
/// Reads blobs through a repository handle of its own (see <see cref="RegistryRepository.OpenBlobReader"/>), so several
/// threads can read blobs at once, one reader each: libgit2 is safe across threads as long as no handle is shared.
/// </summary>
/// <remarks>
/// Each blob is read from libgit2's object database and inflated once (<see cref="NativeObjectReader"/>). Should that native
/// entry point be unavailable (a LibGit2Sharp whose native library is named differently), it falls back to LibGit2Sharp's
/// <see cref="Blob"/>, which gives the same bytes at about three times the cost.
/// </remarks>
public sealed class BlobReader : IDisposable
{
    private readonly string _gitFolder;
    private readonly NativeObjectReader? _native;
    private Repository? _repository;

    internal BlobReader(string gitFolder, bool allowNative = true)
    {
        _gitFolder = gitFolder;
        _native = allowNative ? NativeObjectReader.TryOpen(gitFolder) : null;
    }

    /// <summary>True when blobs are read through libgit2's object database, each inflated once.</summary>
    internal bool ReadsNatively => _native is not null;

    /// <summary>The content of a blob; null when it is missing or over <paramref name="maxBytes"/>.</summary>
    public byte[]? Read(string blobId, long maxBytes) => Read(blobId, maxBytes, out _);

    /// <summary>
    /// Reads a blob into <paramref name="buffer"/>, which grows when it is too small, so one buffer serves many reads.
    /// The number of bytes read, or -1 when the blob is missing or over <paramref name="maxBytes"/>.
    /// </summary>
    public int Read(string blobId, long maxBytes, ref byte[] buffer)
    {
        if (_native is not null) return _native.Read(blobId, maxBytes, ref buffer, out _);
        if (Read(blobId, maxBytes, out _) is not { } bytes) return -1;
        if (buffer.Length < bytes.Length) buffer = new byte[bytes.Length];
        bytes.CopyTo(buffer, 0);
        return bytes.Length;
    }

    /// <summary>
    /// The content of a blob, or null when it is missing or over <paramref name="maxBytes"/>; <paramref name="size"/> is its
    /// size (also when it is too large), or -1 when it is missing.
    /// </summary>
    internal byte[]? Read(string blobId, long maxBytes, out long size)
    {
        if (_native is null) return ReadThroughLibGit2Sharp(blobId, maxBytes, out size);
        var buffer = Array.Empty<byte>();
        var length = _native.Read(blobId, maxBytes, ref buffer, out size);
        return length < 0 ? null : buffer.Length == length ? buffer : buffer[..length];
    }

    /// <summary>
    /// The <c>*.md</c> entries of the tree <paramref name="treeId"/>, read into <paramref name="buffer"/> (which the result
    /// keeps using: give each tree still in use a buffer of its own).
    /// </summary>
    /// <exception cref="GitException">the tree is missing from the repository.</exception>
    internal FolderTree ReadFolderTree(ObjectId treeId, ref byte[] buffer)
    {
        if (_native is not null)
        {
            var length = _native.ReadTree(treeId, ref buffer);
            if (length < 0) throw GitException.Unreadable(_gitFolder, new NotFoundException($"the folder tree {treeId.Sha} is missing"));
            try
            {
                return FolderTree.Parse(buffer, length);
            }
            catch (FormatException ex)
            {
                throw GitException.Unreadable(_gitFolder, new FormatException($"the folder tree {treeId.Sha} is damaged: {ex.Message}", ex));
            }
        }
        // Without the native reader, the same raw form (mode SP name NUL id) written from LibGit2Sharp's entries.
        var tree = (_repository ??= new Repository(_gitFolder)).Lookup<Tree>(treeId)
            ?? throw GitException.Unreadable(_gitFolder, new NotFoundException($"the folder tree {treeId.Sha} is missing"));
        using var raw = new MemoryStream();
        foreach (var entry in tree)
        {
            raw.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToString((int)entry.Mode, 8) + " "));
            raw.Write(System.Text.Encoding.UTF8.GetBytes(entry.Name));
            raw.WriteByte(0);
            raw.Write(entry.Target.Id.RawId);
        }
        buffer = raw.ToArray();
        return FolderTree.Parse(buffer, buffer.Length);
    }

    public void Dispose()
    {
        _native?.Dispose();
        _repository?.Dispose();
    }

    private byte[]? ReadThroughLibGit2Sharp(string blobId, long maxBytes, out long size)
    {
        var blob = (_repository ??= new Repository(_gitFolder)).Lookup<Blob>(new ObjectId(blobId));
        size = blob?.Size ?? -1;
        if (blob is null || size > maxBytes) return null;
        using var content = blob.GetContentStream();
        using var buffer = new MemoryStream((int)Math.Min(size, int.MaxValue));
        content.CopyTo(buffer);
        return buffer.ToArray();
    }
}
