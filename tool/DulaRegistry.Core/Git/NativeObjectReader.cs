using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace DulaRegistry.Git;

/// <summary>
/// Reads objects straight from libgit2's object database (<c>git_odb_read</c>), each inflated once. LibGit2Sharp's
/// <see cref="Blob"/> inflates a blob three times (the lookup, <see cref="Blob.Size"/>, then the content) and libgit2 does not
/// cache blobs, which made reading blobs most of the status history's cost. Uses the libgit2 library LibGit2Sharp loaded, with
/// a repository handle of its own: one reader per thread, like LibGit2Sharp's handles.
/// </summary>
internal sealed class NativeObjectReader : IDisposable
{
    private const int NotFound = -3; // GIT_ENOTFOUND
    private const int TreeType = 2; // GIT_OBJECT_TREE
    private const int BlobType = 3; // GIT_OBJECT_BLOB

    private readonly byte[] _oid = new byte[20]; // a git_oid: the 20 bytes of a SHA-1, as LibGit2Sharp passes it
    private IntPtr _repository;
    private IntPtr _odb;

    private NativeObjectReader(IntPtr repository, IntPtr odb)
    {
        _repository = repository;
        _odb = odb;
    }

    /// <summary>A reader of the repository whose Git folder is <paramref name="gitFolder"/>; null when libgit2's object database cannot be reached this way.</summary>
    public static NativeObjectReader? TryOpen(string gitFolder)
    {
        if (Libgit2.Functions is not { } git) return null;
        if (git.RepositoryOpen(out var repository, gitFolder) != 0) return null;
        if (git.RepositoryOdb(out var odb, repository) != 0)
        {
            git.RepositoryFree(repository);
            return null;
        }
        return new NativeObjectReader(repository, odb);
    }

    /// <summary>
    /// Reads the blob <paramref name="blobId"/> (40 hex digits) into <paramref name="buffer"/>, growing it when needed.
    /// The length read, or -1 when there is no such blob (missing, or another kind of object) or it is over <paramref name="maxBytes"/>;
    /// <paramref name="size"/> is the blob's size, also when it is too large, or -1 when there is no such blob.
    /// </summary>
    /// <exception cref="LibGit2SharpException">the object database cannot be read (a damaged pack, say).</exception>
    public int Read(string blobId, long maxBytes, ref byte[] buffer, out long size)
    {
        size = -1;
        if (blobId.Length != 40 || Convert.FromHexString(blobId, _oid, out _, out var written) != System.Buffers.OperationStatus.Done || written != 20) return -1;
        return Read(BlobType, maxBytes, ref buffer, out size);
    }

    /// <summary>Reads the raw tree <paramref name="treeId"/> into <paramref name="buffer"/>, growing it when needed: its length, or -1 when there is no such tree.</summary>
    /// <exception cref="LibGit2SharpException">the object database cannot be read.</exception>
    public int ReadTree(ObjectId treeId, ref byte[] buffer)
    {
        treeId.RawId.CopyTo(_oid, 0);
        return Read(TreeType, Array.MaxLength, ref buffer, out _);
    }

    private int Read(int type, long maxBytes, ref byte[] buffer, out long size)
    {
        ObjectDisposedException.ThrowIf(_odb == IntPtr.Zero, this);
        size = -1;
        var git = Libgit2.Functions!;
        var result = git.OdbRead(out var obj, _odb, _oid);
        if (result == NotFound) return -1;
        if (result != 0) throw new LibGit2SharpException($"cannot read object {Convert.ToHexStringLower(_oid)}: {Libgit2.LastError()}");
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
        var git = Libgit2.Functions!;
        git.OdbFree(_odb);
        git.RepositoryFree(_repository);
        _odb = _repository = IntPtr.Zero;
    }

    /// <summary>The few libgit2 functions used, bound once from the library LibGit2Sharp itself loads.</summary>
    private static class Libgit2
    {
        public static readonly Bindings? Functions = Bind();

        public static string LastError()
        {
            var error = Functions!.ErrorLast();
            return error == IntPtr.Zero ? "unknown error" : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(error)) ?? "unknown error";
        }

        private static Bindings? Bind()
        {
            // LibGit2Sharp's native library is named after the libgit2 commit it was built from ("git2-5853918"), which
            // LibGit2Sharp reports. Loading it resolves to the copy already in the process.
            var name = $"git2-{GlobalSettings.Version.LibGit2CommitSha}";
            if (!NativeLibrary.TryLoad(name, typeof(Repository).Assembly, null, out var library)) return null;
            try
            {
                var bindings = new Bindings(library);
                // Counted by libgit2: harmless when LibGit2Sharp has initialised it already, needed when it has not yet.
                return bindings.Init() >= 0 ? bindings : null;
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int InitFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int RepositoryOpenFn(out IntPtr repository, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int RepositoryOdbFn(out IntPtr odb, IntPtr repository);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void FreeFn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int OdbReadFn(out IntPtr obj, IntPtr odb, byte[] oid);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr PointerFn(IntPtr obj);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nuint SizeFn(IntPtr obj);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int TypeFn(IntPtr obj);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ErrorLastFn();

    private sealed class Bindings(IntPtr library)
    {
        public InitFn Init { get; } = Get<InitFn>(library, "git_libgit2_init");
        public RepositoryOpenFn RepositoryOpen { get; } = Get<RepositoryOpenFn>(library, "git_repository_open");
        public RepositoryOdbFn RepositoryOdb { get; } = Get<RepositoryOdbFn>(library, "git_repository_odb");
        public FreeFn RepositoryFree { get; } = Get<FreeFn>(library, "git_repository_free");
        public FreeFn OdbFree { get; } = Get<FreeFn>(library, "git_odb_free");
        public OdbReadFn OdbRead { get; } = Get<OdbReadFn>(library, "git_odb_read");
        public PointerFn OdbObjectData { get; } = Get<PointerFn>(library, "git_odb_object_data");
        public SizeFn OdbObjectSize { get; } = Get<SizeFn>(library, "git_odb_object_size");
        public TypeFn OdbObjectType { get; } = Get<TypeFn>(library, "git_odb_object_type");
        public FreeFn OdbObjectFree { get; } = Get<FreeFn>(library, "git_odb_object_free");
        public ErrorLastFn ErrorLast { get; } = Get<ErrorLastFn>(library, "git_error_last");

        private static T Get<T>(IntPtr library, string name) where T : Delegate =>
            Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
    }
}
