using System.Text;
using DulaRegistry.Loading;
using DulaRegistry.Site.Rendering;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DulaRegistry.Site.ViewModels;

/// <summary>One entry of a page's table of contents: the heading's text and the id of its element.</summary>
public sealed record TocEntry(string Id, string Text)
{
    private static readonly SharedTable<(string Id, string Text), TocEntry> s_shared = new(maxCount: 10_000);

    /// <summary>
    /// The entry for a heading, one instance for every body with the same heading: agreements made from the template share
    /// their headings, and a copy of each entry and its two strings per agreement was a sixth of what a large build holds
    /// (measured at 10,000 agreements: 13.7 of 27.5 MB of strings during the writing). Bounded, like <see cref="SharedStrings"/>.
    /// </summary>
    public static TocEntry Of(string id, string text) =>
        s_shared.TryGet((id, text), out var shared) ? shared : s_shared.Keep((id, text), new TocEntry(SharedStrings.Get(id), SharedStrings.Get(text)));
}

/// <summary>The top-level sections of an agreement's text (its <c>##</c> headings), for the page's table of contents.</summary>
public static class BodyOutline
{
    public static IReadOnlyList<TocEntry> Sections(MarkdownDocument body)
    {
        var headings = body.Descendants<HeadingBlock>().ToList();
        if (headings.Count == 0) return [];
        // The highest level used is the text's own top level (usually ##), as SafeMarkdown renders it.
        var top = headings.Min(h => h.Level);
        return headings
            .Where(h => h.Level == top && !string.IsNullOrEmpty(h.TryGetAttributes()?.Id))
            .Select(h => TocEntry.Of(SafeMarkdown.IdPrefix + h.TryGetAttributes()!.Id, PlainText(h.Inline)))
            .Where(e => e.Text.Length > 0)
            .ToList();
    }

    private static string PlainText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var text = new StringBuilder(64);
        foreach (var leaf in inline.Descendants())
        {
            switch (leaf)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline: text.Append(' '); break;
                default: break;
            }
        }
        return text.ToString().Trim();
    }
}
