using System.Globalization;
using System.Text;
using LibGit2Sharp;

namespace DulaRegistry.Testing;

/// <summary>
/// A real Git repository in a temporary folder, written through LibGit2Sharp's object database: a fixed author, dates given
/// by each test, the branch <c>main</c>, and nothing read from the machine's Git configuration (no index, no filters, no
/// user.name). Commits on <c>main</c> also write their files to the work tree, so a build over it sees the same content.
/// </summary>
internal sealed class GitTestRepository : IDisposable
{
    public const string Main = "main";

    private readonly Repository _repository;

    /// <param name="registryFolder">The registry's folder inside the work tree ("" for the top).</param>
    public GitTestRepository(string registryFolder = "")
    {
        WorkTree = Path.Combine(Path.GetTempPath(), "dula-git-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(WorkTree);
        Repository.Init(WorkTree);
        // An explicit branch name, whatever init.defaultBranch says on this machine.
        File.WriteAllText(Path.Combine(WorkTree, ".git", "HEAD"), $"ref: refs/heads/{Main}\n");
        _repository = new Repository(WorkTree);
        RegistryFolder = registryFolder;
        RegistryRoot = registryFolder.Length == 0 ? WorkTree : Path.Combine(WorkTree, registryFolder);
        Directory.CreateDirectory(RegistryRoot);
    }

    public string WorkTree { get; }

    public string RegistryFolder { get; }

    /// <summary>The folder to give the tool: the registry root inside the work tree.</summary>
    public string RegistryRoot { get; }

    public static Signature Author(string date) =>
        new("Test Drafter", "drafter@example.org", DateTimeOffset.Parse(date, CultureInfo.InvariantCulture));

    /// <summary>
    /// Commits on <paramref name="branch"/> (created from <paramref name="from"/>, or main's tip, when new) the given files,
    /// by path relative to the registry root; null content deletes. Returns the commit id.
    /// </summary>
    public string Commit(string date, string message, IReadOnlyList<(string Path, string? Content)> files, string branch = Main, string? from = null)
    {
        var tip = _repository.Branches[branch]?.Tip ?? (from is null ? _repository.Branches[Main]?.Tip : _repository.Lookup<Commit>(from));
        return CommitTree(date, message, branch, tip, files, tip is null ? [] : [tip]);
    }

    /// <summary>Merges <paramref name="branch"/> into main with a merge commit (first parent: main) taking the branch's versions of <paramref name="paths"/>.</summary>
    public string Merge(string branch, string date, string message, params string[] paths)
    {
        var main = _repository.Branches[Main].Tip;
        var theirs = _repository.Branches[branch].Tip;
        var files = paths.Select(p => (p, (string?)Read(theirs, p))).ToList();
        return CommitTree(date, message, Main, main, files, [main, theirs]);
    }

    /// <summary>Clones this repository with <c>git clone --depth</c> (the only way to make a shallow clone); returns the clone's registry root.</summary>
    public string ShallowClone(int depth)
    {
        var clone = Path.Combine(Path.GetTempPath(), "dula-shallow-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["clone", "--quiet", "--depth", depth.ToString(CultureInfo.InvariantCulture), "--branch", Main,
            new Uri(WorkTree).AbsoluteUri, clone])
        {
            start.ArgumentList.Add(arg);
        }
        using var git = System.Diagnostics.Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, error);
        _clones.Add(clone);
        return RegistryFolder.Length == 0 ? clone : Path.Combine(clone, RegistryFolder);
    }

    /// <summary>Damages the loose object of the file at <paramref name="path"/> (relative to the work tree) on main: the second
    /// half of its compressed bytes flipped, as a failing disk might leave it.</summary>
    public void DamageBlob(string path)
    {
        var blob = _repository.Branches[Main].Tip[path].Target.Sha;
        var file = Path.Combine(WorkTree, ".git", "objects", blob[..2], blob[2..]);
        File.SetAttributes(file, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(file);
        for (var i = bytes.Length / 2; i < bytes.Length; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(file, bytes);
    }

    private readonly List<string> _clones = [];

    public void Dispose()
    {
        _repository.Dispose();
        foreach (var folder in _clones.Append(WorkTree)) Delete(folder);
    }

    public static void Delete(string folder)
    {
        try
        {
            if (!Directory.Exists(folder)) return;
            // Git makes its object files read-only.
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string InRepository(string path) => RegistryFolder.Length == 0 ? path : $"{RegistryFolder}/{path}";

    private string? Read(Commit commit, string path) =>
        commit[InRepository(path)]?.Target is Blob blob ? blob.GetContentText() : null;

    private string CommitTree(string date, string message, string branch, Commit? basis, IReadOnlyList<(string Path, string? Content)> files, IReadOnlyList<Commit> parents)
    {
        var tree = basis is null ? new TreeDefinition() : TreeDefinition.From(basis);
        foreach (var (path, content) in files)
        {
            if (content is null)
            {
                tree.Remove(InRepository(path));
            }
            else
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
                tree.Add(InRepository(path), _repository.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
            }
            if (branch == Main) WriteWorkTreeFile(path, content);
        }
        var author = Author(date);
        var commit = _repository.ObjectDatabase.CreateCommit(author, author, message + "\n", _repository.ObjectDatabase.CreateTree(tree), parents, prettifyMessage: false);
        _repository.Refs.Add($"refs/heads/{branch}", commit.Id, allowOverwrite: true);
        return commit.Sha;
    }

    private void WriteWorkTreeFile(string path, string? content)
    {
        var full = Path.Combine(RegistryRoot, path);
        if (content is null)
        {
            File.Delete(full);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
