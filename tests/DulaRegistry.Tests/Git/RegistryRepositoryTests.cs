using System.Text;
using DulaRegistry.Git;
using DulaRegistry.Testing;

namespace DulaRegistry.Tests.Git;

/// <summary>The Git layer on real repositories: opening, its typed errors, and the look-ups later commands use.</summary>
public sealed class RegistryRepositoryTests : IDisposable
{
    private readonly GitTestRepository _git = new("registry");

    public void Dispose() => _git.Dispose();

    [Fact]
    public void Opens_the_repository_around_a_registry_in_a_subfolder()
    {
        using var repository = RegistryRepository.Open(_git.RegistryRoot);

        repository.RootInRepository.ShouldBe("registry");
        repository.IsShallow.ShouldBeFalse();
    }

    [Fact]
    public void A_folder_outside_any_repository_is_a_typed_error_and_TryOpen_gives_null()
    {
        var outside = Path.Combine(Path.GetTempPath(), "dula-nogit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            var error = Should.Throw<GitException>(() => RegistryRepository.Open(outside));
            error.Problem.ShouldBe(GitProblem.NotARepository);
            error.Message.ShouldContain("not inside a Git repository");
            error.WhatToDo.ShouldContain("clone");
            RegistryRepository.TryOpen(outside).ShouldBeNull();
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_bare_repository_is_a_typed_error()
    {
        var bare = Path.Combine(Path.GetTempPath(), "dula-bare-" + Guid.NewGuid().ToString("N"));
        LibGit2Sharp.Repository.Init(bare, isBare: true);
        try
        {
            var error = Should.Throw<GitException>(() => RegistryRepository.Open(bare));
            error.Problem.ShouldBe(GitProblem.BareRepository);
            error.WhatToDo.ShouldContain("clone");
            Should.Throw<GitException>(() => RegistryRepository.TryOpen(bare)).Problem.ShouldBe(GitProblem.BareRepository);
        }
        finally
        {
            GitTestRepository.Delete(bare);
        }
    }

    [Fact]
    public void Revisions_resolve_to_commits_and_an_unknown_one_is_a_typed_error()
    {
        var first = _git.Commit("2026-01-05T10:00:00+00:00", "First", [("agreements/DULA-2026-0001.md", "one\n")]);
        var second = _git.Commit("2026-01-06T10:00:00-05:00", "Second\n\nWith a body.", [("agreements/DULA-2026-0001.md", "two\n")]);
        using var repository = RegistryRepository.Open(_git.RegistryRoot);

        repository.ResolveCommit("HEAD").ShouldBe(new GitCommit(second, new DateTimeOffset(2026, 1, 6, 10, 0, 0, TimeSpan.FromHours(-5)), "Second"));
        repository.ResolveCommit("main~1").Sha.ShouldBe(first);
        repository.ResolveCommit(first[..10]).Sha.ShouldBe(first);
        foreach (var unknown in (string[])["no-such-branch", "main~5", "0123456789abcdef0123456789abcdef01234567", "HEAD^{tree}", ""])
        {
            var error = Should.Throw<GitException>(() => repository.ResolveCommit(unknown), unknown);
            error.Problem.ShouldBe(GitProblem.UnknownRevision, unknown);
            error.Message.ShouldContain($"'{unknown}'");
        }
    }

    [Fact]
    public void Reads_a_file_as_it_was_at_a_commit()
    {
        _git.Commit("2026-01-05T10:00:00+00:00", "First", [("agreements/DULA-2026-0001.md", "one\n")]);
        _git.Commit("2026-01-06T10:00:00+00:00", "Second", [("agreements/DULA-2026-0001.md", "two\n")]);
        using var repository = RegistryRepository.Open(_git.RegistryRoot);
        var first = repository.ResolveCommit("HEAD~1");

        Encoding.UTF8.GetString(repository.ReadFile(first, "agreements/DULA-2026-0001.md", 1024)!).ShouldBe("one\n");
        repository.ReadFile(first, "agreements/DULA-2026-0002.md", 1024).ShouldBeNull();
        repository.ReadFile(first, "agreements", 1024).ShouldBeNull(); // a folder, not a file
        Should.Throw<GitException>(() => repository.ReadFile(first, "agreements/DULA-2026-0001.md", 2)).Problem.ShouldBe(GitProblem.FileTooLarge);
    }

    [Fact]
    public void A_damaged_object_is_a_typed_error_in_plain_words()
    {
        _git.Commit("2026-01-05T10:00:00+00:00", "First", [("agreements/DULA-2026-0001.md", "one\n")]);
        _git.DamageBlob("registry/agreements/DULA-2026-0001.md");
        using var repository = RegistryRepository.Open(_git.RegistryRoot);

        var error = Should.Throw<GitException>(() => repository.ReadFile(repository.ResolveCommit("HEAD"), "agreements/DULA-2026-0001.md", 1024));

        error.Problem.ShouldBe(GitProblem.Unreadable);
        error.Explanation.ShouldContain("git fsck");
    }

    [Fact]
    public void Lists_agreement_file_names_on_every_branch()
    {
        _git.Commit("2026-01-05T10:00:00+00:00", "Main", [("agreements/DULA-2026-0001.md", "a\n"), ("agencies/dor.md", "b\n")]);
        _git.Commit("2026-01-06T10:00:00+00:00", "A proposal", [("agreements/DULA-2026-0002.md", "c\n"), ("agreements/README.txt", "d\n")], branch: "proposal");
        _git.Commit("2026-01-07T10:00:00+00:00", "Another", [("agreements/DULA-2026-0003.md", "e\n")], branch: "another", from: "main");
        using var repository = RegistryRepository.Open(_git.RegistryRoot);

        repository.FileNamesOnAllBranches("agreements").ShouldBe(["DULA-2026-0001.md", "DULA-2026-0002.md", "DULA-2026-0003.md"]);
    }

    [Fact]
    public void A_shallow_clone_says_the_missing_history_must_be_fetched()
    {
        var first = _git.Commit("2026-01-05T10:00:00+00:00", "First", [("agreements/DULA-2026-0001.md", "one\n")]);
        _git.Commit("2026-01-06T10:00:00+00:00", "Second", [("agreements/DULA-2026-0001.md", "two\n")]);
        using var repository = RegistryRepository.Open(_git.ShallowClone(depth: 1));

        repository.IsShallow.ShouldBeTrue();
        repository.ResolveCommit("HEAD").Subject.ShouldBe("Second");
        var error = Should.Throw<GitException>(() => repository.ResolveCommit(first));
        error.Problem.ShouldBe(GitProblem.MissingHistory);
        error.WhatToDo.ShouldContain("fetch-depth: 0");
        repository.FirstParentChanges("agreements").ShouldHaveSingleItem().IsBoundary.ShouldBeTrue();
    }
}
