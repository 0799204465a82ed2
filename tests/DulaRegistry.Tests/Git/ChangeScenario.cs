using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Testing;
using DulaRegistry.Validation.Changes;

namespace DulaRegistry.Tests;

/// <summary>
/// A real Git repository whose <c>main</c> holds the fixture agencies and the given agreements (the base of a pull request);
/// the test then edits the work tree and checks only the change rules against <c>main</c>.
/// </summary>
internal sealed class ChangeScenario : IDisposable
{
    public ChangeScenario(params (string Path, string Content)[] agreements)
        : this("", agreements)
    {
    }

    public ChangeScenario(string registryFolder, params (string Path, string Content)[] agreements)
    {
        Git = new GitTestRepository(registryFolder);
        Git.Commit("2026-01-05T10:00:00Z", "Agencies and agreements",
        [
            ("agencies/anf.md", Fixtures.Anf), ("agencies/dor.md", Fixtures.Dor), ("agencies/dta.md", Fixtures.Dta),
            .. agreements.Select(a => (a.Path, (string?)a.Content)),
        ]);
    }

    /// <summary>One agreement, <see cref="Fixtures.AgreementPath"/>, at the base.</summary>
    public static ChangeScenario With(string agreement) => new((Fixtures.AgreementPath, agreement));

    public GitTestRepository Git { get; }

    public string Root => Git.RegistryRoot;

    public ChangeScenario Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public ChangeScenario Delete(string path)
    {
        File.Delete(Path.Combine(Root, path));
        return this;
    }

    /// <summary>The change rules' findings for the work tree against <paramref name="revision"/>.</summary>
    public IReadOnlyList<Diagnostic> Check(string revision = GitTestRepository.Main)
    {
        var registry = RegistryLoader.Load(Root, new DiagnosticBag());
        var bag = new DiagnosticBag();
        ChangeValidator.Validate(registry, revision, bag);
        return bag.Sorted();
    }

    public void Dispose() => Git.Dispose();
}
