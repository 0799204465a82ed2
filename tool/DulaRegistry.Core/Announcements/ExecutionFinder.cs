using System.Security.Cryptography;
using DulaRegistry.Diagnostics;
using DulaRegistry.Git;
using DulaRegistry.History;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Announcements;

/// <summary>
/// The agreements that became <c>executed</c> in the first-parent commits after a revision up to HEAD: the status history
/// (front matter parsed as the validator reads it) gives each change to <c>executed</c> and its commit; a commit counts when
/// it is not reachable from the revision, as <c>git log REF..HEAD</c> counts. Each agreement is read at that commit.
/// </summary>
public static class ExecutionFinder
{
    /// <exception cref="GitException">not a repository, or <paramref name="since"/> is unknown.</exception>
    public static IReadOnlyList<ExecutedAgreement> Since(string root, string since, long maxFileBytes)
    {
        using var repository = RegistryRepository.Open(root);
        var start = repository.ResolveCommit(since);
        var history = StatusHistory.Read(repository, maxFileBytes);
        var result = new List<ExecutedAgreement>();
        foreach (var (id, timeline) in history.Agreements.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            // The latest change to executed after the revision: the version that was signed.
            var change = timeline.StatusChanges.LastOrDefault(c => c.Status == AgreementStatus.Executed
                && !repository.IsAncestor(new GitCommit(c.Commit, c.Date, c.Subject), start));
            if (change is null) continue;
            var commit = repository.ResolveCommit(change.Commit);
            var relative = $"{RegistryLoader.AgreementsFolder}/{id}.md";
            if (repository.ReadFile(commit, relative, maxFileBytes) is not { } bytes) continue;
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var document = RegistryLoader.Parse<Agreement>(text, relative, Convert.ToHexStringLower(SHA256.HashData(bytes)), new DiagnosticBag(), keepMarkdown: false);
            if (document is null) continue;
            var inRepository = repository.RootInRepository.Length == 0 ? relative : $"{repository.RootInRepository}/{relative}";
            result.Add(new ExecutedAgreement(id, document.Model, commit, inRepository));
        }
        return result;
    }
}
