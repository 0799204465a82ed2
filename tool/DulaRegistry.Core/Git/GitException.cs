namespace DulaRegistry.Git;

/// <summary>What went wrong with the registry's Git repository, so callers can tell cases apart without parsing messages.</summary>
public enum GitProblem
{
    /// <summary>The registry folder is not inside a Git work tree.</summary>
    NotARepository,

    /// <summary>The repository has no work tree (a bare repository, as on a server).</summary>
    BareRepository,

    /// <summary>A branch, tag or commit name that the repository does not know.</summary>
    UnknownRevision,

    /// <summary>A shallow clone that lacks a commit it was asked for.</summary>
    MissingHistory,

    /// <summary>A file at a commit that is too large to read.</summary>
    FileTooLarge,

    /// <summary>The repository exists but cannot be read (damaged, or no permission).</summary>
    Unreadable,
}

/// <summary>
/// A problem with the registry's Git repository, in plain words: <see cref="Exception.Message"/> says what is wrong and
/// <see cref="WhatToDo"/> what the person running the tool can do about it. Made only through the factories below.
/// </summary>
public sealed class GitException : Exception
{
    public GitException()
        : this(GitProblem.Unreadable, "the Git repository cannot be read", "check the repository with `git status`")
    {
    }

    public GitException(string message)
        : this(GitProblem.Unreadable, message, "check the repository with `git status`")
    {
    }

    public GitException(string message, Exception innerException)
        : this(GitProblem.Unreadable, message, "check the repository with `git status`", innerException)
    {
    }

    private GitException(GitProblem problem, string message, string whatToDo, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        WhatToDo = whatToDo;
    }

    public GitProblem Problem { get; }

    /// <summary>What to do about it, as an instruction: "run the command inside a clone of the registry".</summary>
    public string WhatToDo { get; }

    /// <summary>The message and what to do, for one line of output.</summary>
    public string Explanation => $"{Message}; {WhatToDo}";

    internal static GitException NotARepository(string folder) => new(GitProblem.NotARepository,
        $"'{folder}' is not inside a Git repository",
        "run the command inside a clone of the registry (git clone <address of the registry>)");

    internal static GitException BareRepository(string folder) => new(GitProblem.BareRepository,
        $"'{folder}' is a bare Git repository (it has no files checked out)",
        "clone it (git clone) and run the command inside the clone");

    internal static GitException UnknownRevision(string revision, Exception? inner = null) => new(GitProblem.UnknownRevision,
        $"Git does not know the revision '{revision}'",
        "check the branch, tag or commit name; for a branch of the shared repository, fetch it first (git fetch origin)", inner);

    internal static GitException MissingHistory(string revision, Exception? inner = null) => new(GitProblem.MissingHistory,
        $"Git does not know the revision '{revision}', and this clone is shallow (made with --depth), so older commits are missing",
        "fetch the whole history (in GitHub Actions give actions/checkout `fetch-depth: 0`; elsewhere run git fetch --unshallow), and check the name", inner);

    internal static GitException FileTooLarge(string path, string commit, long bytes, long limit) => new(GitProblem.FileTooLarge,
        $"'{path}' at commit {commit[..Math.Min(7, commit.Length)]} is {bytes:N0} bytes, over the limit of {limit:N0}",
        "keep attachments out of the registry and link to them");

    internal static GitException Unreadable(string folder, Exception inner) => new(GitProblem.Unreadable,
        $"the Git repository at '{folder}' cannot be read ({inner.Message})",
        "check it with `git status` and `git fsck`, and that you may read its files", inner);
}
