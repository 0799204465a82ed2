using DulaRegistry.Diagnostics;
using DulaRegistry.Git;
using DulaRegistry.Loading;

namespace DulaRegistry.Validation.Changes;

/// <summary>Checks a loaded work tree against a base revision of the Git repository that holds it (<c>validate --base REF</c>).</summary>
public static class ChangeValidator
{
    /// <exception cref="GitException">not a repository, a bare one, an unknown revision, or one a shallow clone lacks.</exception>
    public static BaseSnapshot Validate(LoadedRegistry registry, string baseRevision, IDiagnosticSink sink)
    {
        using var repository = RegistryRepository.Open(registry.Root);
        var snapshot = BaseSnapshot.Read(repository, baseRevision);
        ChangeRules.Check(snapshot, registry, sink);
        return snapshot;
    }
}
