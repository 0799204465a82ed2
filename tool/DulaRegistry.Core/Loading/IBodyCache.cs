using System.Diagnostics.CodeAnalysis;

namespace DulaRegistry.Loading;

/// <summary>
/// What earlier loadings made of a file's Markdown body (its <see cref="BodyFacts"/> and <see cref="LoadOptions.BodyView"/>),
/// by the SHA-256 of the file's bytes: a file whose bytes were loaded before is not parsed as Markdown again. The facts and
/// the view depend on nothing but those bytes (and the tool that made them, which whoever keeps the cache must check), so a
/// hit gives exactly what parsing would. Only files that loaded without a body diagnostic are added.
/// </summary>
public interface IBodyCache
{
    /// <summary>The facts and view of an earlier load of a file with these bytes, or false.</summary>
    bool TryGet(string sha256, [NotNullWhen(true)] out BodyFacts? facts, out object? view);

    /// <summary>Keeps what loading a file with these bytes made of its body. Called from several threads at once.</summary>
    void Add(string sha256, BodyFacts facts, object? view);
}
