using System.Text;
using LibGit2Sharp;

namespace DulaRegistry.Benchmarks;

/// <summary>
/// Commits a generated registry over a number of commits on <c>main</c>, through LibGit2Sharp's object database (no index,
/// no work-tree scan, nothing from the machine's Git configuration): agreements appear over the first half of the history
/// and each moves along its lifecycle, one status per step, spread evenly until the last commit, which holds exactly the
/// files <see cref="RegistryGenerator.Write"/> left in the work tree.
/// </summary>
public static class HistoryGenerator
{
    public static void Commit(string root, int agreements, int commits)
    {
        if (commits < 1) throw new ArgumentOutOfRangeException(nameof(commits), "at least one commit");
        Repository.Init(root);
        File.WriteAllText(Path.Combine(root, ".git", "HEAD"), "ref: refs/heads/main\n");
        using var repository = new Repository(root);
        var specs = RegistryGenerator.Specs(RegistryGenerator.AgencyIds(), agreements).ToList();
        var stage = new int[specs.Count];
        Array.Fill(stage, -1);

        var tree = new TreeDefinition();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith(".git/", StringComparison.Ordinal) || relative.StartsWith("agreements/", StringComparison.Ordinal)) continue;
            Add(repository, tree, relative, File.ReadAllText(file));
        }

        Commit? parent = null;
        var start = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        for (var k = 0; k < commits; k++)
        {
            var changed = 0;
            for (var i = 0; i < specs.Count; i++)
            {
                var spec = specs[i];
                var path = spec.Path;
                var first = i % Math.Max(1, commits / 2); // the commit it appears in
                if (k < first) continue;
                var target = k == commits - 1 ? path.Count - 1 : Math.Min(path.Count - 1, (k - first) * path.Count / (commits - first));
                if (target == stage[i]) continue;
                stage[i] = target;
                Add(repository, tree, $"agreements/{spec.Id}.md", spec.Text(path[target]));
                changed++;
            }
            var when = new Signature("Benchmark", "benchmark@example.org", start.AddDays(7 * k));
            parent = repository.ObjectDatabase.CreateCommit(when, when, $"Step {k + 1}: {changed:N0} agreements change\n",
                repository.ObjectDatabase.CreateTree(tree), parent is null ? [] : [parent], prettifyMessage: false);
        }
        repository.Refs.Add("refs/heads/main", parent!.Id, allowOverwrite: true);
    }

    private static void Add(Repository repository, TreeDefinition tree, string path, string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        tree.Add(path, repository.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
    }
}
