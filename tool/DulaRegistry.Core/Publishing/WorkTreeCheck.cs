using DulaRegistry.Git;
using DulaRegistry.Loading;

namespace DulaRegistry.Publishing;

/// <summary>
/// The site is built from the files on disk and the manifest from HEAD: publishing refuses when they differ, so the signed
/// manifest never describes something other than what the site shows.
/// </summary>
internal static class WorkTreeCheck
{
    public static void ThrowIfDifferent(RegistryRepository repository, GitCommit head, string root, long maxFileBytes)
    {
        var different = new List<string>();
        foreach (var folder in (string[])[RegistryLoader.AgreementsFolder, RegistryLoader.AgenciesFolder])
        {
            var onDisk = Directory.Exists(Path.Combine(root, folder))
                ? Directory.EnumerateFiles(Path.Combine(root, folder), "*.md").Select(Path.GetFileName).OfType<string>()
                : [];
            foreach (var name in onDisk.Union(repository.FileNamesAt(head, folder)).Order(StringComparer.Ordinal))
            {
                if (!Same(repository, head, root, $"{folder}/{name}", maxFileBytes)) different.Add($"{folder}/{name}");
            }
        }
        if (!Same(repository, head, root, RegistryLoader.SettingsFile, RegistryLoader.MaxSettingsBytes)) different.Add(RegistryLoader.SettingsFile);
        if (different.Count == 0) return;
        var shown = string.Join(", ", different.Take(5)) + (different.Count > 5 ? $" and {different.Count - 5} more" : "");
        throw new PublishException(
            $"the work tree differs from the commit it would publish ({head.ShortSha}): {shown}; commit or discard these changes, then publish (the manifest describes a commit, and the site must show the same)");
    }

    private static bool Same(RegistryRepository repository, GitCommit head, string root, string path, long maxBytes)
    {
        var full = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
        byte[]? committed;
        try
        {
            committed = repository.ReadFile(head, path, maxBytes);
        }
        catch (GitException)
        {
            return false; // over the size limit: the validator reports it
        }
        if (!File.Exists(full)) return committed is null;
        return committed is not null && new FileInfo(full).Length == committed.LongLength && File.ReadAllBytes(full).AsSpan().SequenceEqual(committed);
    }
}
