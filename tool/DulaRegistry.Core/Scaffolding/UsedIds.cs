using DulaRegistry.Git;
using DulaRegistry.Loading;

namespace DulaRegistry.Scaffolding;

/// <summary>
/// Every agreement name already taken: the files in the work tree's <c>agreements/</c>, the ids inside them, and the files
/// on the tip of every branch the repository knows, so that two open pull requests never get the same number.
/// </summary>
public static class UsedIds
{
    /// <exception cref="ScaffoldException">the Git repository exists but cannot be read.</exception>
    public static IReadOnlyList<string> Collect(LoadedRegistry registry)
    {
        var names = new List<string>();
        var folder = Path.Combine(registry.Root, RegistryLoader.AgreementsFolder);
        if (Directory.Exists(folder)) names.AddRange(Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>());
        names.AddRange(registry.Agreements.Select(a => a.Model.Id).OfType<string>());
        try
        {
            // Outside a repository only the work tree counts.
            using var repository = RegistryRepository.TryOpen(registry.Root);
            if (repository is not null) names.AddRange(repository.FileNamesOnAllBranches(RegistryLoader.AgreementsFolder));
        }
        catch (GitException ex)
        {
            throw new ScaffoldException($"the Git repository holding the registry cannot be read, so the ids used on other branches are unknown: {ex.Message}");
        }
        return names;
    }
}
