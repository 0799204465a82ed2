using System.Diagnostics.CodeAnalysis;
using DulaRegistry.IO;

namespace DulaRegistry.Loading;

/// <summary>
/// What loading one file made of it: the bound front matter and the body's facts and view. Not its YAML: should a rule ask where
/// a value is, the loader reads the file again (and uses it only if its bytes are still the ones loaded).
/// </summary>
public sealed record ParsedFile<T>(T Model, BodyFacts Facts, object? View, int BodyLine) where T : class;

/// <summary>
/// What earlier loadings made of files, by the SHA-256 of each file's bytes (an incremental build's cache): a file whose bytes
/// were loaded before is neither decoded, nor read as YAML, nor bound, nor parsed as Markdown again. All of that depends on
/// nothing but the bytes (and the tool that made it, which whoever keeps the cache must check), so a hit gives exactly what
/// loading would. Only files that loaded without any diagnostic are added, so a hit never needs to report one.
/// </summary>
public interface IParsedFileCache
{
    /// <summary>What an earlier load of a file with these bytes made of it, or false.</summary>
    bool TryGet<T>(string sha256, [NotNullWhen(true)] out ParsedFile<T>? file) where T : class;

    /// <summary>Keeps what loading a file with these bytes made of it. Called from several threads at once.</summary>
    void Add<T>(string sha256, ParsedFile<T> file) where T : class;

    /// <summary>
    /// The SHA-256 of the bytes of the file at <paramref name="relative"/> (such as <c>agreements/X.md</c>) when an earlier
    /// load saw it with this very stamp, and the stamp can be trusted (<see cref="FileStamp.SettledBefore"/>): the file need
    /// not be read to know its bytes. Null when it must be read.
    /// </summary>
    string? Sha256Of(string relative, FileStamp stamp) => null;

    /// <summary>Notes that the file at <paramref name="relative"/> had <paramref name="stamp"/> (taken before its bytes were read)
    /// when it loaded, without a diagnostic, with the bytes whose hash is <paramref name="sha256"/>; <paramref name="read"/> is
    /// false when its bytes were not read (<see cref="Sha256Of"/> knew them). Called from several threads at once.</summary>
    void Stamped(string relative, FileStamp stamp, string sha256, bool read)
    {
    }
}
