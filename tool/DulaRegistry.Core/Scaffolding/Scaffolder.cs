using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;

namespace DulaRegistry.Scaffolding;

/// <summary>The outcome of <see cref="Scaffolder.Create"/>: the new file, or the errors that kept it from being written.</summary>
/// <param name="Id">The new agreement's id; null when nothing was written.</param>
/// <param name="RelativePath">Such as <c>agreements/DULA-2026-0008.md</c>; null when nothing was written.</param>
/// <param name="Errors">Why the draft would not validate (nothing is written then).</param>
public sealed record ScaffoldResult(string? Id, string? RelativePath, IReadOnlyList<Diagnostic> Errors);

/// <summary>The outcome of <see cref="Scaffolder.Render"/>: a draft's id and text, not written anywhere; <paramref name="Errors"/> non-empty when it would not validate.</summary>
public sealed record ScaffoldDraft(string Id, string RelativePath, string Text, IReadOnlyList<Diagnostic> Errors);

/// <summary>
/// Makes a new draft: reads its template, allocates the next id (work tree and every branch), fills the template, checks
/// that the result validates in the registry as it is, and creates the file without ever overwriting one.
/// </summary>
public static class Scaffolder
{
    /// <exception cref="ScaffoldException">the template or the repository cannot be read, or the file cannot be written.</exception>
    public static ScaffoldResult Create(LoadedRegistry registry, DraftContent content)
    {
        var template = TemplateReader.Read(registry.Root, content.TemplateFile);
        var first = IdAllocator.Next(UsedIds.Collect(registry));
        IReadOnlyList<Diagnostic> errors = [];
        var written = DraftWriter.Write(registry.Root, registry.Settings.EffectiveIdPrefix, content.Today.Year, first, id =>
        {
            var text = AgreementScaffold.Fill(template, id, content);
            errors = DraftCheck.Errors(registry, $"{RegistryLoader.AgreementsFolder}/{id}.md", text, content.Today);
            return errors.Count > 0 ? null : text; // a draft that would not validate is not written
        });
        return written is { } w ? new ScaffoldResult(w.Id, w.RelativePath, []) : new ScaffoldResult(null, null, errors);
    }

    /// <summary>
    /// The draft <see cref="Create"/> would write, as text, for a file made elsewhere (<c>registry intake</c> commits it through
    /// the GitHub API): the same template, id allocation and check. <paramref name="alsoUsed"/> adds ids taken where this
    /// repository cannot see (the remote's branches).
    /// </summary>
    /// <exception cref="ScaffoldException">the template or the repository cannot be read.</exception>
    public static ScaffoldDraft Render(LoadedRegistry registry, DraftContent content, IEnumerable<string> alsoUsed)
    {
        var template = TemplateReader.Read(registry.Root, content.TemplateFile);
        var id = IdAllocator.Format(registry.Settings.EffectiveIdPrefix, content.Today.Year, IdAllocator.Next(UsedIds.Collect(registry).Concat(alsoUsed)));
        var relative = $"{RegistryLoader.AgreementsFolder}/{id}.md";
        var text = AgreementScaffold.Fill(template, id, content);
        return new ScaffoldDraft(id, relative, text, DraftCheck.Errors(registry, relative, text, content.Today));
    }
}
