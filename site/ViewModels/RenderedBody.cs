using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using DulaRegistry.Loading;
using DulaRegistry.Site.Rendering;
using Markdig.Syntax;

namespace DulaRegistry.Site.ViewModels;

/// <summary>
/// What a page shows of a file's Markdown body: its safe HTML and its table of contents. Made while the registry loads (see
/// <see cref="ForSite"/>), so no syntax tree outlives the loading of its file. Its HTML is held as UTF-8 and decoded only when
/// its page is rendered: a body from the incremental build's cache (<see cref="Build.FileCache"/>) keeps the cache's bytes
/// (most of an incremental build's bodies are never rendered), and a body rendered now takes half the memory of a string.
/// </summary>
public sealed class RenderedBody
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly string? _html;

    /// <summary>A body rendered now. Its HTML is kept as UTF-8, half the memory of the string, for the whole build (a page
    /// decodes it when it is rendered); HTML that UTF-8 would not give back the same (a lone surrogate) stays a string.</summary>
    public RenderedBody(string html, IReadOnlyList<TocEntry> sections) : this(html.AsSpan(), sections, html) { }

    /// <summary>A body rendered now, from its HTML as a span (<paramref name="html"/>, when there is one, is that span's string).</summary>
    private RenderedBody(ReadOnlySpan<char> span, IReadOnlyList<TocEntry> sections, string? html = null)
    {
        Sections = sections;
        HtmlHash = HashOf(span);
        if (Build.CacheWriter.WellFormed(span))
        {
            var utf8 = new byte[Encoding.UTF8.GetByteCount(span)];
            Encoding.UTF8.GetBytes(span, utf8);
            _utf8 = utf8;
        }
        else
        {
            _html = html ?? span.ToString();
        }
    }

    /// <summary>A body from the cache: its HTML as UTF-8 and the <see cref="HtmlHash"/> it was written with.</summary>
    internal RenderedBody(ReadOnlyMemory<byte> utf8Html, UInt128 htmlHash, IReadOnlyList<TocEntry> sections)
    {
        _utf8 = utf8Html;
        Sections = sections;
        HtmlHash = htmlHash;
    }

    /// <summary>The safe HTML (raw HTML escaped, unsafe links neutralised by <see cref="SafeMarkdown"/>), decoded each time it is
    /// asked for (once, when its page is rendered): a decoded copy kept would double what the body holds.</summary>
    public string Html => _html ?? Encoding.UTF8.GetString(_utf8.Span);

    /// <summary>The text's own top-level sections (its <c>##</c> headings), for the page's table of contents.</summary>
    public IReadOnlyList<TocEntry> Sections { get; }

    /// <summary>The XXH3-128 of <see cref="Html"/>'s UTF-16 code units: what a page's fingerprint takes of the body.</summary>
    public UInt128 HtmlHash { get; }

    /// <summary>The HTML as UTF-8, as the cache keeps it, when it is held so (always, but for HTML with a lone surrogate).</summary>
    internal bool TryGetUtf8(out ReadOnlyMemory<byte> utf8)
    {
        utf8 = _utf8;
        return _html is null;
    }

    /// <summary>No body.</summary>
    public static readonly RenderedBody Empty = new("", []);

    public static UInt128 HashOf(string html) => HashOf(html.AsSpan());

    private static UInt128 HashOf(ReadOnlySpan<char> html) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(html));

    /// <summary>Loading for the site: each body becomes a <see cref="RenderedBody"/> as soon as it is parsed.</summary>
    public static readonly LoadOptions ForSite = new(BodyView: body => Of(body));

    public static RenderedBody Of(MarkdownDocument body) =>
        SafeMarkdown.ToHtml(body, topLevel: 3, html => new RenderedBody(html, BodyOutline.Sections(body)));

    /// <summary>The rendered body of a loaded file: the one made while loading, or made now from a kept syntax tree.</summary>
    public static RenderedBody Of<T>(RegistryDocument<T> document) where T : class =>
        document.BodyView as RenderedBody ?? Of(document.Body);
}
