using System.Security.Cryptography;
using DulaRegistry.Git;
using DulaRegistry.History;
using DulaRegistry.Loading;

namespace DulaRegistry.Publishing;

/// <summary>An agreement file as a commit holds it: its id (the file name), its status as the loader reads it, path and SHA-256.</summary>
public sealed record SnapshotAgreement(string Id, string Status, string Path, string Sha256);

/// <summary>An agency file as a commit holds it.</summary>
public sealed record SnapshotAgency(string Id, string Path, string Sha256);

/// <summary>
/// Every agreement and agency file at one commit, read through the Git layer (never the work tree), so a manifest describes
/// that commit exactly whatever is checked out or edited on disk.
/// </summary>
public sealed record RegistrySnapshot(GitCommit Commit, IReadOnlyList<SnapshotAgreement> Agreements, IReadOnlyList<SnapshotAgency> Agencies)
{
    public static RegistrySnapshot Read(RegistryRepository repository, GitCommit commit, long maxFileBytes)
    {
        var agreements = new List<SnapshotAgreement>();
        foreach (var name in repository.FileNamesAt(commit, RegistryLoader.AgreementsFolder))
        {
            var path = $"{RegistryLoader.AgreementsFolder}/{name}";
            var bytes = Read(repository, commit, path, maxFileBytes);
            var status = StatusReader.Read(bytes, path) is { } s ? FrontMatterBinder.EnumName(s) : "unknown";
            agreements.Add(new SnapshotAgreement(name[..^".md".Length], status, path, Hash(bytes)));
        }
        var agencies = new List<SnapshotAgency>();
        foreach (var name in repository.FileNamesAt(commit, RegistryLoader.AgenciesFolder))
        {
            var path = $"{RegistryLoader.AgenciesFolder}/{name}";
            agencies.Add(new SnapshotAgency(name[..^".md".Length], path, Hash(Read(repository, commit, path, maxFileBytes))));
        }
        return new RegistrySnapshot(commit, agreements, agencies);
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Read(RegistryRepository repository, GitCommit commit, string path, long maxFileBytes)
    {
        try
        {
            return repository.ReadFile(commit, path, maxFileBytes)
                ?? throw new PublishException($"{path} is listed at commit {commit.ShortSha} but cannot be read from it");
        }
        catch (GitException ex)
        {
            throw new PublishException($"{path} at commit {commit.ShortSha}: {ex.Explanation}");
        }
    }
}
