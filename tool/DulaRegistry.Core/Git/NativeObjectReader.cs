using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace DulaRegistry.Git;

/// <summary>
/// Reads objects straight from libgit2's object database (<c>git_odb_read</c>), each inflated once. LibGit2Sharp's
/// <see cref="Blob"/> inflates a blob three times (the lookup, <see cref="Blob.Size"/>, then the content) and libgit2 does not
/// cache blobs, which made reading blobs most of the status history's cost. Uses the libgit2 library LibGit2Sharp loaded, with
/// a repository handle of its own: one reader per thread, like LibGit2Sharp's handles.
/// </summary>
internal sealed unsafe class NativeObjectReader : IDisposable
{
    private const int TreeType = 2; // GIT_OBJECT_TREE
    private const int BlobType = 3; // GIT_OBJECT_BLOB

    private readonly byte[] _oid = new byte[20]; // a git_oid: the 20 bytes of a SHA-1, as LibGit2Sharp passes it
    private readonly string _gitFolder;
    private IntPtr _repository;
    private IntPtr _odb;

    private NativeObjectReader(string gitFolder, IntPtr repository, IntPtr odb)
    {
        _gitFolder = gitFolder;
        _repository = repository;
        _odb = odb;
    }

    /// <summary>A reader of the repository whose Git folder is <paramref name="gitFolder"/>; null when libgit2's object database cannot be reached this way.</summary>
    public static NativeObjectReader? TryOpen(string gitFolder)
    {
        if (Libgit2.Bound is not { } git) return null;
        var path = Libgit2.Utf8(gitFolder);
        IntPtr repository, odb;
        fixed (byte* folder = path)
        {
            if (git.RepositoryOpen(&repository, folder) != 0) return null;
        }
        if (git.RepositoryOdb(&odb, repository) != 0)
        {
            git.RepositoryFree(repository);
            return null;
        }
        return new NativeObjectReader(gitFolder, repository, odb);
    }

    /// <summary>
    /// Reads the blob <paramref name="blobId"/> (40 hex digits) into <paramref name="buffer"/>, growing it when needed.
    /// The length read, or -1 when there is no such blob (missing, or another kind of object) or it is over <paramref name="maxBytes"/>;
    /// <paramref name="size"/> is the blob's size, also when it is too large, or -1 when there is no such blob.
    /// </summary>
    /// <exception cref="GitException">the object database cannot be read (a damaged pack, say).</exception>
    public int Read(string blobId, long maxBytes, ref byte[] buffer, out long size)
    {
        size = -1;
        if (blobId.Length != 40 || Convert.FromHexString(blobId, _oid, out _, out var written) != System.Buffers.OperationStatus.Done || written != 20) return -1;
        return Read(BlobType, maxBytes, ref buffer, out size);
    }

    /// <summary>Reads the raw tree <paramref name="treeId"/> into <paramref name="buffer"/>, growing it when needed: its length, or -1 when there is no such tree.</summary>
    /// <exception cref="GitException">the object database cannot be read.</exception>
    public int ReadTree(ObjectId treeId, ref byte[] buffer)
    {
        treeId.RawId.CopyTo(_oid, 0);
        return Read(TreeType, Array.MaxLength, ref buffer, out _);
    }

    private int Read(int type, long maxBytes, ref byte[] buffer, out long size)
    {
        ObjectDisposedException.ThrowIf(_odb == IntPtr.Zero, this);
        size = -1;
        var git = Libgit2.Bound!;
        IntPtr obj;
        int result;
        fixed (byte* oid = _oid) result = git.OdbRead(&obj, _odb, oid);
        if (result == Libgit2.NotFound) return -1;
        // An object that does not inflate (a damaged pack or loose object): in plain words, as every other Git problem is.
        if (result != 0) throw GitException.Unreadable(_gitFolder, new LibGit2SharpException($"cannot read object {Convert.ToHexStringLower(_oid)}: {Libgit2.LastError()}"));
        try
        {
            if (git.OdbObjectType(obj) != type) return -1;
            size = (long)git.OdbObjectSize(obj);
            if (size > maxBytes || size > Array.MaxLength) return -1;
            if (buffer.Length < size) buffer = new byte[Math.Max(size, Math.Min((long)buffer.Length * 2, Array.MaxLength))];
            Marshal.Copy(git.OdbObjectData(obj), buffer, 0, (int)size);
            return (int)size;
        }
        finally
        {
            git.OdbObjectFree(obj);
        }
    }

    public void Dispose()
    {
        if (_odb == IntPtr.Zero) return;
        var git = Libgit2.Bound!;
        git.OdbFree(_odb);
        git.RepositoryFree(_repository);
        _odb = _repository = IntPtr.Zero;
    }
}
