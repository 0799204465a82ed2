using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using DulaRegistry.Loading;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Rendering;
using Markdig.Syntax;

namespace DulaRegistry.Site.ViewModels;

/// <summary>
/// What a page shows of a file's Markdown body: its safe HTML and its table of contents. Made while the registry loads (see
/// <see cref="ForSite"/>), so no syntax tree outlives the loading of its file. Its HTML is held as UTF-8 and decoded only when
/// its page is rendered: a body from the incremental build's cache (<see cref="Build.FileCache"/>) keeps the cache's bytes
/// (most of an incremental build's bodies are never rendered), and a body rendered now takes half the memory of a string; a
/// build's own loading puts it in the build's <see cref="SpillFile"/> instead, a temporary file, and keeps only where it is.
/// </summary>
public sealed class RenderedBody
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly SpillRef _stored;
    private readonly string? _html;

    /// <summary>A body rendered now. Its HTML is kept as UTF-8, half the memory of the string, for the whole build (a page
    /// decodes it when it is rendered); HTML that UTF-8 would not give back the same (a lone surrogate) stays a string.</summary>
    public RenderedBody(string html, IReadOnlyList<TocEntry> sections) : this(html.AsSpan(), sections, null, html) { }

    /// <summary>A body rendered now, from its HTML as a span (<paramref name="html"/>, when there is one, is that span's string),
    /// kept as UTF-8 in <paramref name="store"/> when there is one and on the heap otherwise.</summary>
    private RenderedBody(ReadOnlySpan<char> span, IReadOnlyList<TocEntry> sections, SpillFile? store, string? html = null)
    {
        Sections = sections;
        HtmlHash = HashOf(span);
        if (Build.CacheWriter.WellFormed(span))
        {
            var length = Encoding.UTF8.GetByteCount(span);
            if (store is null)
            {
                var utf8 = new byte[length];
                Encoding.UTF8.GetBytes(span, utf8);
                _utf8 = utf8;
            }
            else
            {
                var buffer = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    _stored = store.Append(buffer.AsSpan(0, Encoding.UTF8.GetBytes(span, buffer)));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
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
    public string Html => _html ?? Encoding.UTF8.GetString(_stored.Store is null ? _utf8.Span : _stored.Read());

    /// <summary>The text's own top-level sections (its <c>##</c> headings), for the page's table of contents.</summary>
    public IReadOnlyList<TocEntry> Sections { get; }

    /// <summary>The XXH3-128 of <see cref="Html"/>'s UTF-16 code units: what a page's fingerprint takes of the body.</summary>
    public UInt128 HtmlHash { get; }

    /// <summary>True when the HTML is held as UTF-8 (always, but for HTML with a lone surrogate), as the cache keeps it.</summary>
    internal bool IsUtf8 => _html is null;

    /// <summary>The HTML as UTF-8, as the cache keeps it, when it is held so (<see cref="IsUtf8"/>); read back from the store
    /// when it is there.</summary>
    internal bool TryGetUtf8(out ReadOnlyMemory<byte> utf8)
    {
        utf8 = _stored.Store is null ? _utf8 : _stored.Read();
        return _html is null;
    }

    /// <summary>No body.</summary>
    public static readonly RenderedBody Empty = new("", []);

    public static UInt128 HashOf(string html) => HashOf(html.AsSpan());

    private static UInt128 HashOf(ReadOnlySpan<char> html) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(html));

    /// <summary>Loading for the site: each body becomes a <see cref="RenderedBody"/> as soon as it is parsed.</summary>
    public static readonly LoadOptions ForSite = new(BodyView: body => Of(body));

    /// <summary>Loading for a build: each body's HTML goes to <paramref name="store"/> as soon as it is parsed.</summary>
    public static LoadOptions ForSiteStoring(SpillFile store) => new(BodyView: body => Of(body, store));

    public static RenderedBody Of(MarkdownDocument body, SpillFile? store = null) =>
        SafeMarkdown.ToHtml(body, topLevel: 3, html => new RenderedBody(html, BodyOutline.Sections(body), store));

    /// <summary>The rendered body of a loaded file: the one made while loading, or made now from a kept syntax tree.</summary>
    public static RenderedBody Of<T>(RegistryDocument<T> document) where T : class =>
        document.BodyView as RenderedBody ?? Of(document.Body);
}
