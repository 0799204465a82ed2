using DulaRegistry.Markdown;
using DulaRegistry.Validation.Rules;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DulaRegistry.Site.Rendering;

/// <summary>
/// Renders a parsed body with the registry's one Markdig pipeline, safely: raw HTML is written as
/// escaped text, <c>javascript:</c>/<c>data:</c>/<c>vbscript:</c> URLs become <c>#</c>, and headings are
/// shifted under the page's own headings (their ids prefixed so they never collide with the page's).
/// Only this class's output is ever injected into a page unencoded.
/// </summary>
public static class SafeMarkdown
{
    /// <summary>Prefix of heading ids from a body: <c>## Purpose</c> gets <c>id="text-purpose"</c>.</summary>
    public const string IdPrefix = "text-";

    /// <param name="topLevel">The HTML heading level the body's highest heading becomes (2 to 6).</param>
    public static string ToHtml(MarkdownDocument document, int topLevel)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        RegistryMarkdown.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlBlockRenderer>(new EscapedHtmlBlockRenderer());
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlInlineRenderer>(new EscapedHtmlInlineRenderer());
        renderer.ObjectRenderers.ReplaceOrAdd<HeadingRenderer>(new ShiftedHeadingRenderer(HeadingLevels(document, topLevel)));
        renderer.LinkRewriter = url => DulaRegistry.Loading.BodyFacts.IsUnsafe(url) ? "#" : url;
        renderer.Render(document);
        writer.Flush();
        // Entities such as &#x1B; decode to control characters that the page must not carry.
        return OutputText.Clean(writer.ToString());
    }

    /// <summary>Maps each heading level used in the body, in order, to consecutive levels from <paramref name="topLevel"/>, so headings never skip a level.</summary>
    private static int[] HeadingLevels(MarkdownDocument document, int topLevel)
    {
        var used = document.Descendants<HeadingBlock>().Select(h => Math.Clamp(h.Level, 1, 6)).Distinct().Order().ToList();
        var map = new int[7];
        for (var level = 1; level <= 6; level++)
        {
            var rank = used.Count(u => u < level);
            map[level] = Math.Min(6, topLevel + rank);
        }
        return map;
    }

    private sealed class EscapedHtmlBlockRenderer : HtmlObjectRenderer<HtmlBlock>
    {
        protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
        {
            renderer.EnsureLine();
            renderer.Write("<pre class=\"raw-html\"><code>");
            var lines = obj.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0) renderer.WriteLine();
                renderer.WriteEscape(lines.Lines[i].Slice.ToString());
            }
            renderer.WriteLine("</code></pre>");
        }
    }

    private sealed class EscapedHtmlInlineRenderer : HtmlObjectRenderer<HtmlInline>
    {
        protected override void Write(HtmlRenderer renderer, HtmlInline obj) => renderer.WriteEscape(obj.Tag);
    }

    private sealed class ShiftedHeadingRenderer(int[] levels) : HtmlObjectRenderer<HeadingBlock>
    {
        protected override void Write(HtmlRenderer renderer, HeadingBlock obj)
        {
            var level = levels[Math.Clamp(obj.Level, 1, 6)];
            var tag = "h" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);
            renderer.Write('<').Write(tag);
            var id = obj.TryGetAttributes()?.Id;
            if (!string.IsNullOrEmpty(id)) renderer.Write(" id=\"").WriteEscape(IdPrefix + id).Write('"');
            renderer.Write('>');
            renderer.WriteLeafInline(obj);
            renderer.Write("</").Write(tag).WriteLine(">");
        }
    }
}
