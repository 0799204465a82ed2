using System.Text;
using DulaRegistry.Git;
using DulaRegistry.Testing;
using LibGit2Sharp;

namespace DulaRegistry.Tests.Git;

/// <summary>
/// The first-parent walk compares raw folder trees itself (<see cref="FolderTree"/>); these tests hold it to libgit2's own tree
/// diff, as LibGit2Sharp gives it, on random histories with every kind of entry a folder can hold.
/// </summary>
public sealed class FolderTreeTests : IDisposable
{
    private readonly GitTestRepository _git = new("registry");

    public void Dispose() => _git.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_commit_changes_what_libgit2s_tree_diff_says_it_changes(bool native)
    {
        // Names that sort differently by bytes, by culture and by Git's folder rule; files, executables, links, folders.
        string[] names = ["a.md", "a-b.md", "a.md.md", "B.md", "b.md", "é.md", "z.md", "notes.txt", "x.md", "x", "a.mdx", "DULA-2026-0001.md"];
        var random = new Random(42);
        var commits = new List<string>();
        using (var repository = new Repository(_git.WorkTree))
        {
            var tree = new TreeDefinition();
            Commit? parent = null;
            for (var c = 0; c < 60; c++)
            {
                // First the same content as a file, an executable, a link and a file again: only the mode changes.
                if (c < 4) tree.Add("registry/agreements/a.md", Blob(repository, "same"), c switch { 1 => Mode.ExecutableFile, 2 => Mode.SymbolicLink, _ => Mode.NonExecutableFile });
                for (var n = c < 4 ? 0 : random.Next(1, 5); n > 0; n--)
                {
                    var path = "registry/agreements/" + names[random.Next(names.Length)];
                    tree.Remove(path);
                    switch (random.Next(7))
                    {
                        case 0:
                            break; // deleted (or never there)
                        case 1:
                            tree.Add(path, Blob(repository, $"link target {random.Next(3)}"), Mode.SymbolicLink);
                            break;
                        case 2:
                            tree.Add(path + "/inner.md", Blob(repository, $"inner {random.Next(3)}"), Mode.NonExecutableFile); // a folder
                            break;
                        case 3:
                            tree.Add(path, Blob(repository, $"content {random.Next(3)}"), Mode.ExecutableFile);
                            break;
                        default:
                            tree.Add(path, Blob(repository, $"content {random.Next(3)}"), Mode.NonExecutableFile);
                            break;
                    }
                }
                if (random.Next(10) == 0) tree.Add("registry/other.md", Blob(repository, $"{c}"), Mode.NonExecutableFile); // outside the folder
                var author = GitTestRepository.Author($"2026-01-{1 + (c % 28):00}T10:00:00+00:00");
                parent = repository.ObjectDatabase.CreateCommit(author, author, $"commit {c}\n", repository.ObjectDatabase.CreateTree(tree), parent is null ? [] : [parent], prettifyMessage: false);
                commits.Add(parent.Sha);
            }
            repository.Refs.Add("refs/heads/main", parent!.Id, allowOverwrite: true);
        }

        var expected = ExpectedChanges(commits);
        expected.Count.ShouldBeGreaterThan(30); // most commits changed the folder
        expected.Values.Sum(c => c.Count(x => x.Value is null)).ShouldBeGreaterThan(10); // deletions, links and folders seen
        expected[commits[1]].ShouldBe(new Dictionary<string, string?> { ["a.md"] = expected[commits[0]]["a.md"] }); // only the mode changed
        using var registry = RegistryRepository.Open(_git.RegistryRoot);
        if (!native) registry.ReadWithoutNativeReader();
        var actual = registry.FirstParentChanges("agreements").ToList();

        actual.Select(c => c.Commit.Sha).ShouldBe(expected.Keys);
        foreach (var commit in actual)
        {
            // libgit2 may list a file that became a link twice (deleted, then added); what each name ends up as is what counts.
            commit.Changes.Select(c => c.Name).ShouldBe(commit.Changes.Select(c => c.Name).Order(StringComparer.Ordinal), "in byte order");
            commit.Changes.ToDictionary(c => c.Name, c => c.BlobId).ShouldBe(expected[commit.Commit.Sha], commit.Commit.Subject);
        }
    }

    [Fact]
    public void A_tree_written_out_of_order_is_still_compared_name_by_name_and_a_damaged_one_is_refused()
    {
        var (one, two) = (Enumerable.Repeat((byte)1, 20).ToArray(), Enumerable.Repeat((byte)2, 20).ToArray());
        byte[] Raw(params (string Mode, string Name, byte[] Id)[] entries) =>
            [.. entries.SelectMany(e => Encoding.UTF8.GetBytes($"{e.Mode} {e.Name}\0").Concat(e.Id))];
        var sorted = Raw(("100644", "a.md", one), ("100644", "b.md", one), ("40000", "c.md", one), ("100644", "d.txt", one));
        var unsorted = Raw(("100644", "b.md", one), ("100644", "a.md", two));

        var before = FolderTree.Parse(sorted, sorted.Length);
        FolderTree.Changes(FolderTree.Empty, before).ShouldBe([new("a.md", Convert.ToHexStringLower(one)), new("b.md", Convert.ToHexStringLower(one))]);
        FolderTree.Changes(before, FolderTree.Parse(unsorted, unsorted.Length)).ShouldBe([new FolderFileChange("a.md", Convert.ToHexStringLower(two))]);
        foreach (var damaged in (byte[][])[[.. sorted[..^1]], Encoding.ASCII.GetBytes("100644a.md"), Raw(("10x644", "a.md", one))])
        {
            Should.Throw<FormatException>(() => FolderTree.Parse(damaged, damaged.Length));
        }
    }

    /// <summary>What the walk gave before it compared trees itself: libgit2's tree diff through LibGit2Sharp.</summary>
    private Dictionary<string, Dictionary<string, string?>> ExpectedChanges(List<string> commits)
    {
        using var repository = new Repository(_git.WorkTree);
        var options = new CompareOptions { Similarity = SimilarityOptions.None, IncludeUnmodified = false };
        var result = new Dictionary<string, Dictionary<string, string?>>();
        Tree? previous = null;
        foreach (var sha in commits)
        {
            var tree = repository.Lookup<Commit>(sha)["registry/agreements"]?.Target as Tree;
            var changes = new Dictionary<string, string?>();
            using (var diff = repository.Diff.Compare<TreeChanges>(previous, tree, options))
            {
                foreach (var change in diff)
                {
                    if (!change.Path.EndsWith(".md", StringComparison.Ordinal) || change.Path.Contains('/', StringComparison.Ordinal)) continue;
                    var present = change.Status != ChangeKind.Deleted && change.Mode is Mode.NonExecutableFile or Mode.ExecutableFile;
                    if (!changes.TryGetValue(change.Path, out var seen) || seen is null) changes[change.Path] = present ? change.Oid.Sha : null;
                }
            }
            if (tree?.Id != previous?.Id && changes.Count > 0) result[sha] = changes;
            previous = tree;
        }
        return result;
    }

    private static Blob Blob(Repository repository, string content) =>
        repository.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(content)));
}
