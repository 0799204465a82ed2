using System.Security.Cryptography;
using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Git;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Changes;

/// <summary>
/// One agreement file as it was at the base revision. <paramref name="Document"/> and <paramref name="Body"/> are null when
/// the file did not parse there (too large, not UTF-8, broken front matter): it still counts as existing, for the rules on
/// deletion and renaming, but its content cannot be compared.
/// </summary>
public sealed record BaseAgreement(string Path, string Sha256, RegistryDocument<Agreement>? Document, string? Body);

/// <summary>
/// The agreements of the registry at a base revision (the target branch of a pull request), read through
/// <see cref="RegistryRepository"/> and parsed with the same loader as the work tree. Problems in the base files are not
/// reported: they are not the change's doing, and the base was validated when it was merged.
/// </summary>
public sealed class BaseSnapshot
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private BaseSnapshot(string revision, GitCommit commit, IReadOnlyDictionary<string, BaseAgreement> agreements)
    {
        Revision = revision;
        Commit = commit;
        Agreements = agreements;
    }

    /// <summary>The revision as the user named it (<c>origin/main</c>), for messages.</summary>
    public string Revision { get; }

    public GitCommit Commit { get; }

    /// <summary>The agreement files at the base, by path relative to the registry root (<c>agreements/DULA-2026-0001.md</c>).</summary>
    public IReadOnlyDictionary<string, BaseAgreement> Agreements { get; }

    /// <summary>Reads every <c>agreements/*.md</c> file at <paramref name="revision"/>.</summary>
    /// <exception cref="GitException">the revision is unknown, or missing from a shallow clone.</exception>
    public static BaseSnapshot Read(RegistryRepository repository, string revision)
    {
        var commit = repository.ResolveCommit(revision);
        var agreements = new Dictionary<string, BaseAgreement>(StringComparer.Ordinal);
        foreach (var name in repository.FileNamesAt(commit, RegistryLoader.AgreementsFolder))
        {
            var path = $"{RegistryLoader.AgreementsFolder}/{name}";
            agreements[path] = ReadAgreement(repository, commit, path);
        }
        return new BaseSnapshot(revision, commit, agreements);
    }

    private static BaseAgreement ReadAgreement(RegistryRepository repository, GitCommit commit, string path)
    {
        byte[]? bytes;
        try
        {
            bytes = repository.ReadFile(commit, path, RegistryLoader.MaxFileBytesCeiling);
        }
        catch (GitException ex) when (ex.Problem == GitProblem.FileTooLarge)
        {
            return new BaseAgreement(path, "", null, null);
        }
        if (bytes is null) return new BaseAgreement(path, "", null, null);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string text;
        try
        {
            text = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new BaseAgreement(path, sha, null, null);
        }
        var document = RegistryLoader.Parse<Agreement>(text, path, sha, DiscardSink.Instance, keepMarkdown: false);
        return new BaseAgreement(path, sha, document, document is null ? null : AgreementContent.Body(text, document.BodyLine));
    }
}
