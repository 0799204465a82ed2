using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DulaRegistry.Loading;

public enum BodyMarkupKind
{
    HtmlBlock,
    HtmlInline,
    UnsafeLink,
}

/// <summary>Raw HTML or an unsafe link found in a body, at its 1-based file line and column.</summary>
public sealed record BodyMarkup(BodyMarkupKind Kind, int Line, int Column, string Text);

/// <summary>
/// What the rules need to know about a Markdown body, collected once while the file is loaded (in parallel),
/// so the syntax tree itself need only be kept when a page will be rendered from it.
/// </summary>
public sealed record BodyFacts(IReadOnlyList<BodySection> Sections, IReadOnlyList<BodyMarkup> Markup)
{
    /// <summary>Lines of the whole file (front matter and body) that may be left over from a template.</summary>
    public IReadOnlyList<LeftoverCandidate> Leftovers { get; init; } = [];

    public static BodyFacts Collect(MarkdownDocument body, string bodyText, int bodyLine)
    {
        List<BodyMarkup>? markup = null;
        void Add(BodyMarkupKind kind, int line, int column, string text) => (markup ??= []).Add(new(kind, bodyLine + line, column, text));

        foreach (var node in body.Descendants())
        {
            switch (node)
            {
                case HtmlBlock block:
                    Add(BodyMarkupKind.HtmlBlock, block.Line, ColumnAt(bodyText, block.Span.Start, block.Column), "");
                    break;
                case HtmlInline inline:
                    Add(BodyMarkupKind.HtmlInline, inline.Line, inline.Column + 1, inline.Tag);
                    break;
                case LinkInline link when IsUnsafe(link.Url):
                    Add(BodyMarkupKind.UnsafeLink, link.Line, link.Column + 1, link.Url!);
                    break;
                case AutolinkInline autolink when IsUnsafe(autolink.Url):
                    Add(BodyMarkupKind.UnsafeLink, autolink.Line, autolink.Column + 1, autolink.Url);
                    break;
                case LinkReferenceDefinition definition when IsUnsafe(definition.Url):
                    Add(BodyMarkupKind.UnsafeLink, definition.Line, definition.Column + 1, definition.Url!);
                    break;
            }
        }
        return new BodyFacts(BodySection.Find(body, bodyLine), markup ?? (IReadOnlyList<BodyMarkup>)[]);
    }

    /// <summary>The 1-based column of <paramref name="offset"/> in <paramref name="text"/> (Markdig leaves an indented HTML block's
    /// <c>Column</c> at 0, but its span starts at the <c>&lt;</c>).</summary>
    private static int ColumnAt(string text, int offset, int fallback) =>
        offset >= 0 && offset <= text.Length ? offset - (offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1) + 1 : fallback + 1;

    /// <summary>True for <c>javascript:</c>, <c>vbscript:</c> and <c>data:</c> URLs, however they are spaced or cased.</summary>
    public static bool IsUnsafe(string? url)
    {
        if (string.IsNullOrEmpty(url)) return false;
        // Markdig leaves character references undecoded in reference definitions (`[r]: java&#9;script:...`); browsers decode them.
        if (url.Contains('&', StringComparison.Ordinal)) url = System.Net.WebUtility.HtmlDecode(url);
        Span<char> scheme = stackalloc char[12];
        var n = 0;
        foreach (var c in url)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) continue; // browsers ignore these inside a scheme
            if (c == ':') break;
            if (n == scheme.Length) return false;
            scheme[n++] = char.ToLowerInvariant(c);
        }
        var s = scheme[..n];
        return s.SequenceEqual("javascript") || s.SequenceEqual("vbscript") || s.SequenceEqual("data");
    }
}
