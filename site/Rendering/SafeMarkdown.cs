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

    /// <summary>One renderer per thread, set up once and reset for each body (as Markdig's own renderer cache does): setting up
    /// a renderer makes some thirty objects, and every file of a registry has a body.</summary>
    [ThreadStatic]
    private static SafeHtmlRenderer? t_renderer;

    /// <summary>A renderer's buffer larger than this (a huge body) is let go after use rather than kept for the next body.</summary>
    private const int KeptBufferChars = 256 * 1024;

    /// <summary>What is made of a body's HTML, from a span that is only valid during the call.</summary>
    public delegate T HtmlReader<T>(ReadOnlySpan<char> html);

    /// <summary>Renders the body and hands its clean HTML to <paramref name="read"/> straight from the renderer's buffer when the
    /// buffer is one piece and needs no cleaning (as good as always), so no string of the whole HTML is made for a caller
    /// that keeps something else (a body's UTF-8): a string per body was 27 MB of a cold build at 10,000 agreements.</summary>
    /// <param name="topLevel">The HTML heading level the body's highest heading becomes (2 to 6).</param>
    public static T ToHtml<T>(MarkdownDocument document, int topLevel, HtmlReader<T> read)
    {
        var renderer = t_renderer ??= new SafeHtmlRenderer();
        renderer.Start(HeadingLevels(document, topLevel));
        try
        {
            renderer.Render(document);
            if (renderer.TryGetSpan(out var html) && !OutputText.NeedsCleaning(html.Span)) return read(html.Span);
            // Entities such as &#x1B; decode to control characters that the page must not carry.
            return read(OutputText.Clean(renderer.Html()));
        }
        finally
        {
            if (renderer.BufferChars > KeptBufferChars) t_renderer = null;
        }
    }

    /// <param name="topLevel">The HTML heading level the body's highest heading becomes (2 to 6).</param>
    public static string ToHtml(MarkdownDocument document, int topLevel) => ToHtml(document, topLevel, static html => html.ToString());

    /// <summary>The registry's pipeline with raw HTML escaped, links made safe and headings shifted; reused for many bodies.</summary>
    private sealed class SafeHtmlRenderer : HtmlRenderer
    {
        private readonly StringWriter _text;
        private readonly ShiftedHeadingRenderer _headings = new();

        public SafeHtmlRenderer() : this(new StringWriter(System.Globalization.CultureInfo.InvariantCulture)) { }

        private SafeHtmlRenderer(StringWriter text) : base(text)
        {
            _text = text;
            RegistryMarkdown.Pipeline.Setup(this);
            ObjectRenderers.ReplaceOrAdd<HtmlBlockRenderer>(new EscapedHtmlBlockRenderer());
            ObjectRenderers.ReplaceOrAdd<HtmlInlineRenderer>(new EscapedHtmlInlineRenderer());
            ObjectRenderers.ReplaceOrAdd<HeadingRenderer>(_headings);
            LinkRewriter = url => DulaRegistry.Loading.BodyFacts.IsUnsafe(url) ? "#" : url;
        }

        public int BufferChars => _text.GetStringBuilder().Capacity;

        /// <summary>Empties the buffer and the renderer's state (a body that failed part-way leaves none behind) and sets the heading levels.</summary>
        public void Start(int[] levels)
        {
            Reset();
            _headings.Levels = levels;
        }

        public string Html()
        {
            _text.Flush();
            return _text.ToString();
        }

        /// <summary>The HTML in the buffer when the buffer is one piece (the buffer is cleared, not replaced, between bodies,
        /// so it is one piece once it has grown to the longest body).</summary>
        public bool TryGetSpan(out ReadOnlyMemory<char> html)
        {
            _text.Flush();
            html = default;
            var chunks = 0;
            foreach (var chunk in _text.GetStringBuilder().GetChunks())
            {
                if (++chunks > 1) return false;
                html = chunk;
            }
            return true;
        }
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

    private sealed class ShiftedHeadingRenderer : HtmlObjectRenderer<HeadingBlock>
    {
        /// <summary>The HTML level of each Markdown heading level (index 1 to 6) in the body being rendered.</summary>
        public int[] Levels { get; set; } = [0, 1, 2, 3, 4, 5, 6];

        protected override void Write(HtmlRenderer renderer, HeadingBlock obj)
        {
            var level = Levels[Math.Clamp(obj.Level, 1, 6)];
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
