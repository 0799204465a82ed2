using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;

namespace DulaRegistry.Validation.Rules;

/// <summary>The Markdown body: required <c>##</c> sections, no raw HTML, no script or data links.</summary>
public sealed class BodyRules : IRule
{
    public void Check(RuleContext context)
    {
        var required = context.Settings.EffectiveRequiredSections.Select(t => (Title: t, Key: BodySection.Normalize(t))).ToList();
        var requiredKeys = required.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var agreement in context.Registry.Agreements)
        {
            var sections = agreement.Facts.Sections;
            // Headings that are not required ones may be misspellings of them; each is used for one at most. (Listed only
            // when a section is missing: most agreements have them all.)
            List<BodySection>? others = null;
            foreach (var (title, key) in required)
            {
                if (HasSection(sections, key)) continue;
                others ??= sections.Where(s => !requiredKeys.Contains(s.Key)).ToList();
                if (others.FirstOrDefault(s => BodySection.IsMisspelling(s.Key, key)) is { } near)
                {
                    // One error at the heading itself, not a missing section at the top of the body.
                    others.Remove(near);
                    context.Report(BodyDiagnostics.MisspelledSection(agreement.Path, near.Line, near.Title, title));
                    continue;
                }
                context.Report(BodyDiagnostics.MissingSection(agreement.Path, agreement.BodyLine, title));
            }
            CheckMarkup(context, agreement);
        }
        foreach (var agency in context.Registry.Agencies)
        {
            CheckMarkup(context, agency);
        }
    }

    private static bool HasSection(IReadOnlyList<BodySection> sections, string key)
    {
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i].Key == key) return true;
        }
        return false;
    }

    private static void CheckMarkup<T>(RuleContext context, RegistryDocument<T> document) where T : class
    {
        foreach (var found in document.Facts.Markup)
        {
            var at = new SourcePosition(found.Line, found.Column);
            context.Report(found.Kind switch
            {
                BodyMarkupKind.HtmlBlock => BodyDiagnostics.HtmlBlock(document.Path, at),
                BodyMarkupKind.HtmlInline => BodyDiagnostics.HtmlInline(document.Path, at, found.Text),
                _ => BodyDiagnostics.UnsafeLink(document.Path, at, found.Text),
            });
        }
    }
}
