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
            // Headings that are not required ones may be misspellings of them; each is used for one at most.
            var others = sections.Where(s => !requiredKeys.Contains(s.Key)).ToList();
            foreach (var (title, key) in required)
            {
                if (sections.Any(s => s.Key == key)) continue;
                if (others.FirstOrDefault(s => BodySection.IsMisspelling(s.Key, key)) is { } near)
                {
                    // One error at the heading itself, not a missing section at the top of the body.
                    others.Remove(near);
                    context.Report(agreement.Path, DiagnosticCodes.MissingSection, near.Line, 1,
                        $"the heading `## {near.Title}` is not one of the required sections; did you mean `## {title}`?");
                    continue;
                }
                context.Report(agreement.Path, DiagnosticCodes.MissingSection, agreement.BodyLine, 1,
                    $"the body has no `## {title}` section; add it (see `templates/dula.md`)");
            }
            CheckMarkup(context, agreement);
        }
        foreach (var agency in context.Registry.Agencies)
        {
            CheckMarkup(context, agency);
        }
    }

    private static void CheckMarkup<T>(RuleContext context, RegistryDocument<T> document) where T : class
    {
        foreach (var found in document.Facts.Markup)
        {
            var (code, message) = found.Kind switch
            {
                BodyMarkupKind.HtmlBlock => (DiagnosticCodes.RawHtml,
                    "raw HTML is not allowed in the body; write Markdown instead (headings with `##`, lists with `-`, links with `[text](https://...)`)"),
                BodyMarkupKind.HtmlInline => (DiagnosticCodes.RawHtml, $"raw HTML `{Shorten(found.Text)}` is not allowed in the body; write Markdown instead"),
                _ => (DiagnosticCodes.UnsafeLink,
                    $"the link `{Shorten(found.Text)}` uses a scheme that can run code or hide content; link only to `https:`, `http:` or `mailto:` addresses"),
            };
            context.Report(document.Path, code, found.Line, found.Column, message);
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
