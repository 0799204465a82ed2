using System.Text;
using DulaRegistry.Site.Rendering;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DulaRegistry.Site.ViewModels;

/// <summary>One entry of a page's table of contents: the heading's text and the id of its element.</summary>
public sealed record TocEntry(string Id, string Text);

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
            .Select(h => new TocEntry(SafeMarkdown.IdPrefix + h.TryGetAttributes()!.Id, PlainText(h.Inline)))
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
