using System.Runtime.InteropServices;
using System.Text;
using LibGit2Sharp;

namespace DulaRegistry.Git;

/// <summary>
/// The few libgit2 functions called directly rather than through LibGit2Sharp, bound once from the library LibGit2Sharp itself
/// loads, as unmanaged function pointers: no marshalling stubs, so they work alike in the JIT and the Native AOT builds.
/// <see cref="NativeObjectReader"/> reads objects with them; <see cref="Discover"/> finds a repository, because LibGit2Sharp's
/// <c>Repository.Discover</c> returns its path through a class-typed <c>git_buf</c>, which Native AOT never copies back (it
/// found no repository there).
/// </summary>
internal static unsafe class Libgit2
{
    public const int NotFound = -3; // GIT_ENOTFOUND

    /// <summary><c>GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION</c>, in <c>git_libgit2_opt_t</c>.</summary>
    private const int StrictHashVerification = 22;

    /// <summary>The bound functions; null when the library or one of its entry points cannot be found.</summary>
    public static readonly Functions? Bound = Bind();

    /// <summary>A <c>git_buf</c>: libgit2 allocates <see cref="Ptr"/>, <c>git_buf_dispose</c> frees it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Buffer
    {
        public IntPtr Ptr;
        public nuint Reserved;
        public nuint Size;
    }

    /// <summary>
    /// The Git folder of the repository that contains <paramref name="startPath"/>, searching upwards as Git does and not across
    /// file systems (<c>git_repository_discover</c>, as LibGit2Sharp calls it); null when there is none.
    /// </summary>
    /// <exception cref="LibGit2SharpException">libgit2 failed for another reason.</exception>
    public static string? Discover(string startPath)
    {
        // Without the bindings (a LibGit2Sharp whose native library is named differently), LibGit2Sharp's own Discover,
        // which works everywhere but in the Native AOT build.
        if (Bound is not { } git) return Repository.Discover(startPath);
        var buffer = default(Buffer);
        var path = Utf8(startPath);
        int result;
        fixed (byte* start = path) result = git.RepositoryDiscover(&buffer, start, 0, null);
        try
        {
            if (result == NotFound) return null;
            if (result != 0) throw new LibGit2SharpException($"cannot look for a repository at {startPath}: {LastError()}");
            return Marshal.PtrToStringUTF8(buffer.Ptr, (int)buffer.Size);
        }
        finally
        {
            git.BufferDispose(&buffer);
        }
    }

    /// <summary>libgit2's message for the last error on this thread.</summary>
    public static string LastError()
    {
        var error = Bound is { } git ? git.ErrorLast() : IntPtr.Zero;
        return error == IntPtr.Zero ? "unknown error" : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(error)) ?? "unknown error";
    }

    /// <summary>A string as libgit2 takes it: UTF-8, NUL-terminated.</summary>
    public static byte[] Utf8(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    private static Functions? Bind()
    {
        // LibGit2Sharp's native library is named after the libgit2 commit it was built from ("git2-5853918"), which
        // LibGit2Sharp reports. Loading it resolves to the copy already in the process.
        var name = $"git2-{GlobalSettings.Version.LibGit2CommitSha}";
        if (!NativeLibrary.TryLoad(name, typeof(Repository).Assembly, null, out var library)) return null;
        try
        {
            var functions = new Functions(library);
            // Counted by libgit2: harmless when LibGit2Sharp has initialised it already, needed when it has not yet.
            if (functions.Init() < 0) return null;
            // libgit2 hashes every object it reads again to check it is the object asked for, which Git itself does only in
            // `git fsck`: a damaged object still fails to inflate (zlib checks its own checksum). Reading 45,000 blobs, the
            // status history spent a fifth of its time there (at 10,000 agreements: 0.94-0.98 s with it, 0.75-0.79 s without).
            _ = functions.Options(StrictHashVerification, 0);
            return functions;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The entry points, each looked up once.</summary>
    public sealed class Functions(IntPtr library)
    {
        public readonly delegate* unmanaged[Cdecl]<int> Init = (delegate* unmanaged[Cdecl]<int>)Export(library, "git_libgit2_init");
        // git_libgit2_opts(int option, ...): called with one int after the option, passed as a fixed argument is (as
        // LibGit2Sharp declares it).
        public readonly delegate* unmanaged[Cdecl]<int, int, int> Options = (delegate* unmanaged[Cdecl]<int, int, int>)Export(library, "git_libgit2_opts");
        public readonly delegate* unmanaged[Cdecl]<Buffer*, byte*, int, byte*, int> RepositoryDiscover =
            (delegate* unmanaged[Cdecl]<Buffer*, byte*, int, byte*, int>)Export(library, "git_repository_discover");
        public readonly delegate* unmanaged[Cdecl]<Buffer*, void> BufferDispose = (delegate* unmanaged[Cdecl]<Buffer*, void>)Export(library, "git_buf_dispose");
        public readonly delegate* unmanaged[Cdecl]<IntPtr*, byte*, int> RepositoryOpen = (delegate* unmanaged[Cdecl]<IntPtr*, byte*, int>)Export(library, "git_repository_open");
        public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr, int> RepositoryOdb = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr, int>)Export(library, "git_repository_odb");
        public readonly delegate* unmanaged[Cdecl]<IntPtr, void> RepositoryFree = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export(library, "git_repository_free");
        public readonly delegate* unmanaged[Cdecl]<IntPtr, void> OdbFree = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export(library, "git_odb_free");
        public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr, byte*, int> OdbRead = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr, byte*, int>)Export(library, "git_odb_read");
        public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> OdbObjectData = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)Export(library, "git_odb_object_data");
        public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint> OdbObjectSize = (delegate* unmanaged[Cdecl]<IntPtr, nuint>)Export(library, "git_odb_object_size");
        public readonly delegate* unmanaged[Cdecl]<IntPtr, int> OdbObjectType = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(library, "git_odb_object_type");
        public readonly delegate* unmanaged[Cdecl]<IntPtr, void> OdbObjectFree = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export(library, "git_odb_object_free");
        public readonly delegate* unmanaged[Cdecl]<IntPtr> ErrorLast = (delegate* unmanaged[Cdecl]<IntPtr>)Export(library, "git_error_last");

        private static IntPtr Export(IntPtr library, string name) => NativeLibrary.GetExport(library, name);
    }
}
