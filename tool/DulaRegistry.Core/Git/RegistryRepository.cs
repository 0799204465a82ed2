using LibGit2Sharp;

namespace DulaRegistry.Git;

/// <summary>
/// The Git repository that holds a registry: the only place the tool touches a repository. Everything goes through
/// LibGit2Sharp in-process (no <c>git</c> child process, so no dependence on the machine's Git or its configuration).
/// Paths given to and returned by this class are relative to the registry root, with forward slashes, even when the
/// registry lives in a subfolder of the repository. Not thread-safe (LibGit2Sharp's repository is not): use it from one
/// thread at a time.
/// </summary>
public sealed class RegistryRepository : IDisposable
{
    private readonly Repository _repository;
    private readonly HashSet<string> _shallowCommits;
    private BlobReader? _blobs;

    private RegistryRepository(Repository repository, string rootInRepository)
    {
        _repository = repository;
        RootInRepository = rootInRepository;
        _shallowCommits = ReadShallowCommits(repository);
    }

    /// <summary>The registry root relative to the top of the work tree ("" when they are the same), with forward slashes.</summary>
    public string RootInRepository { get; }

    /// <summary>True for a clone made with <c>--depth</c>: commits older than its boundary are missing.</summary>
    public bool IsShallow => _repository.Info.IsShallow;

    /// <summary>
    /// What the first-parent history seen from here depends on: the commit checked out, where the registry sits in the work
    /// tree, and the commits a shallow clone was cut at. Equal keys give equal <see cref="FirstParentChanges"/>, so a reader of
    /// that history may keep its result under this key (the site build does, between builds).
    /// </summary>
    public string HistoryKey => string.Join(' ', [_repository.Head.Tip?.Sha ?? "unborn", "root:" + RootInRepository, .. _shallowCommits.Order(StringComparer.Ordinal)]);

    /// <summary>Opens the repository whose work tree contains <paramref name="registryRoot"/>, searching upwards as Git does.</summary>
    /// <exception cref="GitException">not a repository, a bare repository, or one that cannot be read.</exception>
    public static RegistryRepository Open(string registryRoot)
    {
        var root = Path.GetFullPath(registryRoot);
        if (!Directory.Exists(root)) throw GitException.NotARepository(root);
        string? gitFolder;
        try
        {
            gitFolder = Libgit2.Discover(root);
        }
        catch (LibGit2SharpException ex)
        {
            throw GitException.Unreadable(root, ex);
        }
        if (gitFolder is null) throw GitException.NotARepository(root);

        Repository repository;
        try
        {
            repository = new Repository(gitFolder);
        }
        catch (RepositoryNotFoundException)
        {
            throw GitException.NotARepository(root);
        }
        catch (LibGit2SharpException ex)
        {
            throw GitException.Unreadable(root, ex);
        }
        try
        {
            if (repository.Info.IsBare || repository.Info.WorkingDirectory is not { } workTree) throw GitException.BareRepository(root);
            var relative = Path.GetRelativePath(workTree, root);
            // Inside .git itself, or reached through a link from outside the work tree: not a checked-out registry.
            if (relative == ".") relative = "";
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
                || relative.Split(Path.DirectorySeparatorChar).Contains(".git"))
            {
                throw GitException.NotARepository(root);
            }
            return new RegistryRepository(repository, relative.Replace(Path.DirectorySeparatorChar, '/'));
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="Open"/>, but null when the folder is simply not in a repository.</summary>
    public static RegistryRepository? TryOpen(string registryRoot)
    {
        try
        {
            return Open(registryRoot);
        }
        catch (GitException ex) when (ex.Problem == GitProblem.NotARepository)
        {
            return null;
        }
    }

    /// <summary>The commit a branch, tag, commit id or expression such as <c>HEAD~1</c> or <c>origin/main</c> names.</summary>
    /// <exception cref="GitException">unknown revision, or one a shallow clone lacks.</exception>
    public GitCommit ResolveCommit(string revision) => ToGitCommit(LookupCommit(revision));

    /// <summary>
    /// A file's bytes at a commit, or null when the file does not exist there (or is not a regular file).
    /// <paramref name="path"/> is relative to the registry root: <c>agreements/DULA-2026-0001.md</c>.
    /// </summary>
    /// <exception cref="GitException">the commit is unknown, the file is over <paramref name="maxBytes"/>, or an object on the
    /// way to it cannot be read (a damaged repository).</exception>
    public byte[]? ReadFile(GitCommit commit, string path, long maxBytes)
    {
        var entry = Readable(() => LookupCommit(commit.Sha)[InRepository(path)]);
        if (entry is null || entry.TargetType != TreeEntryTargetType.Blob || !IsRegularFile(entry.Mode)) return null;
        // The entry's target is named without reading it; the blob is read (and inflated) once, here.
        var bytes = Blobs.Read(entry.Target.Sha, maxBytes, out var size);
        if (bytes is null && size > maxBytes) throw GitException.FileTooLarge(path, commit.Sha, size, maxBytes);
        // Named by the tree but not in the object database: a damaged repository or a partial clone, not a missing file.
        return bytes ?? throw GitException.Unreadable(_repository.Info.WorkingDirectory,
            new NotFoundException($"the content of '{path}' at commit {commit.ShortSha}, object {entry.Target.Sha}, is missing"));
    }

    /// <summary>The content of a blob named by a <see cref="FolderFileChange"/>; null when it is missing or over <paramref name="maxBytes"/>.</summary>
    public byte[]? ReadBlob(string blobId, long maxBytes) => Blobs.Read(blobId, maxBytes);

    /// <summary>Reads a blob into <paramref name="buffer"/>, as <see cref="BlobReader.Read(string, long, ref byte[])"/> does: the
    /// number of bytes read, or -1 when it is missing or over <paramref name="maxBytes"/>.</summary>
    /// <exception cref="GitException">the blob cannot be read (a damaged repository).</exception>
    public int ReadBlob(string blobId, long maxBytes, ref byte[] buffer) => Blobs.Read(blobId, maxBytes, ref buffer);

    /// <summary>What <paramref name="read"/> reads through LibGit2Sharp (a commit's trees); an object that cannot be read (it
    /// does not inflate) is a <see cref="GitException"/> in plain words rather than libgit2's exception, as the blob reader's are.</summary>
    private T Readable<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (LibGit2SharpException ex)
        {
            throw GitException.Unreadable(_repository.Info.WorkingDirectory, ex);
        }
    }

    /// <summary>A reader of blobs with a repository handle of its own, for use on another thread than this repository's.</summary>
    public BlobReader OpenBlobReader() => new(_repository.Info.Path);

    /// <summary>Where this repository's packs store their objects, to read many blobs in storage order (<see cref="PackOrder"/>).</summary>
    public PackOrder ReadPackOrder() => PackOrder.Read(ObjectsFolder(_repository.Info.Path));

    /// <summary>The object folder of the repository whose Git folder is <paramref name="gitFolder"/>: a linked work tree's own
    /// folder names the main one in <c>commondir</c>, and the objects are there.</summary>
    private static string ObjectsFolder(string gitFolder)
    {
        if (DulaRegistry.IO.RegularFile.Read(Path.Combine(gitFolder, "commondir"), 4096) is { Status: DulaRegistry.IO.ReadStatus.Ok, Bytes: { } bytes }
            && System.Text.Encoding.UTF8.GetString(bytes).Trim() is { Length: > 0 } common)
        {
            return Path.Combine(Path.GetFullPath(Path.Combine(gitFolder, common)), "objects");
        }
        return Path.Combine(gitFolder, "objects");
    }

    /// <summary>This repository's own blob reader, for use on its thread.</summary>
    private BlobReader Blobs => _blobs ??= OpenBlobReader();

    /// <summary>For tests: read this repository's own blobs and trees through LibGit2Sharp, as when libgit2's object database cannot be reached.</summary>
    internal void ReadWithoutNativeReader()
    {
        _blobs?.Dispose();
        _blobs = new BlobReader(_repository.Info.Path, allowNative: false);
    }

    /// <summary>
    /// The names of the <c>*.md</c> files directly in <paramref name="folder"/> (relative to the registry root) on the tip of
    /// every branch, local and remote-tracking, sorted: what an id allocator must not reuse.
    /// </summary>
    public IReadOnlyList<string> FileNamesOnAllBranches(string folder)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var inRepository = InRepository(folder);
        foreach (var branch in _repository.Branches)
        {
            if (branch.Tip?[inRepository] is not { TargetType: TreeEntryTargetType.Tree } entry) continue;
            foreach (var file in (Tree)entry.Target)
            {
                if (file.TargetType == TreeEntryTargetType.Blob && file.Name.EndsWith(".md", StringComparison.Ordinal)) names.Add(file.Name);
            }
        }
        return [.. names];
    }

    /// <summary>
    /// The names of the regular <c>*.md</c> files directly in <paramref name="folder"/> (relative to the registry root) at
    /// <paramref name="commit"/>, sorted; nothing when the folder does not exist there.
    /// </summary>
    public IReadOnlyList<string> FileNamesAt(GitCommit commit, string folder)
    {
        if (LookupCommit(commit.Sha)[InRepository(folder)] is not { TargetType: TreeEntryTargetType.Tree } entry) return [];
        return [.. ((Tree)entry.Target)
            .Where(f => f.TargetType == TreeEntryTargetType.Blob && IsRegularFile(f.Mode) && f.Name.EndsWith(".md", StringComparison.Ordinal))
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every commit on the first-parent chain of HEAD that changed <paramref name="folder"/> (relative to the registry root),
    /// oldest first, with the files directly in the folder that it added, changed or deleted. Nothing when HEAD has no commit.
    /// </summary>
    /// <remarks>
    /// First parents only: the registry changes through pull requests merged into main, so main's first-parent chain is its
    /// record of what was merged when, and it is linear. A merge commit is compared with its first parent, so it shows what the
    /// pull request changed, dated when it was merged; the branch's own intermediate commits are not the registry's history.
    /// A commit whose folder tree has the same id as its parent's changed nothing there and costs only that comparison.
    /// Renames are not detected: a new path is a new file, as the registry's rules treat it.
    /// </remarks>
    public IEnumerable<FolderCommit> FirstParentChanges(string folder)
    {
        var folderPath = InRepository(folder);
        var chain = new List<Commit>();
        var boundaryCut = false;
        for (var commit = _repository.Head.Tip; commit is not null;)
        {
            chain.Add(commit);
            if (_shallowCommits.Contains(commit.Sha)) break;
            try
            {
                commit = commit.Parents.FirstOrDefault();
            }
            catch (NotFoundException)
            {
                boundaryCut = true; // a parent that should be there is not: treat it like a shallow boundary
                break;
            }
        }
        var oldest = chain.Count - 1;
        var boundary = oldest >= 0 && (boundaryCut || _shallowCommits.Contains(chain[oldest].Sha));

        // Each folder tree is read once, raw, and compared with the one before (FolderTree): two buffers, one per tree in use.
        ObjectId? previousId = null;
        var previous = FolderTree.Empty;
        var (previousBuffer, buffer) = (Array.Empty<byte>(), Array.Empty<byte>());
        for (var i = oldest; i >= 0; i--)
        {
            var commit = chain[i];
            var treeId = Readable(() => commit[folderPath] is { TargetType: TreeEntryTargetType.Tree } entry ? entry.Target.Id : null);
            if (treeId == previousId) continue;
            var tree = treeId is null ? FolderTree.Empty : Blobs.ReadFolderTree(treeId, ref buffer);
            var changes = FolderTree.Changes(previous, tree);
            (previous, previousId, previousBuffer, buffer) = (tree, treeId, buffer, previousBuffer);
            if (changes.Count > 0) yield return new FolderCommit(ToGitCommit(commit), boundary && i == oldest, changes);
        }
    }

    /// <summary>
    /// True when <paramref name="ancestor"/> is <paramref name="commit"/> or reachable from it: a commit of HEAD's first-parent
    /// chain is "after" a revision exactly when it is not reachable from it (as <c>git log REF..HEAD</c> counts).
    /// </summary>
    /// <exception cref="GitException">either commit is unknown.</exception>
    public bool IsAncestor(GitCommit ancestor, GitCommit commit)
    {
        if (ancestor.Sha == commit.Sha) return true;
        var a = LookupCommit(ancestor.Sha);
        var c = LookupCommit(commit.Sha);
        try
        {
            return _repository.ObjectDatabase.FindMergeBase(a, c)?.Sha == a.Sha;
        }
        catch (LibGit2SharpException ex)
        {
            throw IsShallow ? GitException.MissingHistory(commit.Sha, ex) : GitException.UnknownRevision(commit.Sha, ex);
        }
    }

    public void Dispose()
    {
        _blobs?.Dispose();
        _repository.Dispose();
    }

    private Commit LookupCommit(string revision)
    {
        Commit? commit;
        try
        {
            // Peel, so an annotated tag names its commit; a tree or a blob is not a revision.
            commit = _repository.Lookup(revision)?.Peel<Commit>();
        }
        catch (LibGit2SharpException ex)
        {
            throw IsShallow ? GitException.MissingHistory(revision, ex) : GitException.UnknownRevision(revision, ex);
        }
        catch (ArgumentException ex)
        {
            throw GitException.UnknownRevision(revision, ex); // an empty or malformed name
        }
        return commit ?? throw (IsShallow ? GitException.MissingHistory(revision) : GitException.UnknownRevision(revision));
    }

    private string InRepository(string path)
    {
        path = path.Replace('\\', '/').Trim('/');
        return RootInRepository.Length == 0 ? path : path.Length == 0 ? RootInRepository : $"{RootInRepository}/{path}";
    }

    private static bool IsRegularFile(Mode mode) => mode is Mode.NonExecutableFile or Mode.ExecutableFile;

    private static GitCommit ToGitCommit(Commit commit) => new(commit.Sha, commit.Committer.When, commit.MessageShort);

    /// <summary>The commits a shallow clone was cut at (Git lists them in <c>.git/shallow</c>); their parents are missing.</summary>
    private static HashSet<string> ReadShallowCommits(Repository repository)
    {
        var file = Path.Combine(repository.Info.Path, "shallow");
        if (!repository.Info.IsShallow || !File.Exists(file)) return [];
        return [.. File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0)];
    }
}
