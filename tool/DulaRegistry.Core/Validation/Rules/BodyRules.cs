using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DulaRegistry.Validation.Rules;

/// <summary>The Markdown body: required <c>##</c> sections, no raw HTML, no script or data links.</summary>
public sealed class BodyRules : IRule
{
    public void Check(RuleContext context)
    {
        var required = context.Settings.EffectiveRequiredSections;
        Parallel.ForEach(context.Registry.Agreements, agreement =>
        {
            var sections = agreement.Sections;
            foreach (var title in required)
            {
                if (!sections.Any(s => s.Matches(title)))
                {
                    context.Report(agreement.Path, DiagnosticCodes.MissingSection, agreement.BodyLine, 1,
                        $"the body has no `## {title}` section; add it (see `templates/dula.md`)");
                }
            }
            CheckMarkup(context, agreement);
        });
        foreach (var agency in context.Registry.Agencies)
        {
            CheckMarkup(context, agency);
        }
    }

    private static void CheckMarkup<T>(RuleContext context, RegistryDocument<T> document) where T : class
    {
        foreach (var node in document.Body.Descendants())
        {
            switch (node)
            {
                case HtmlBlock block:
                    context.Report(document.Path, DiagnosticCodes.RawHtml, document.FileLine(block.Line), ColumnAt(document.BodyText, block.Span.Start, block.Column),
                        "raw HTML is not allowed in the body; write Markdown instead (headings with `##`, lists with `-`, links with `[text](https://...)`)");
                    break;
                case HtmlInline inline:
                    context.Report(document.Path, DiagnosticCodes.RawHtml, document.FileLine(inline.Line), inline.Column + 1,
                        $"raw HTML `{Shorten(inline.Tag)}` is not allowed in the body; write Markdown instead");
                    break;
                case LinkInline link when IsUnsafe(link.Url):
                    ReportLink(context, document, link.Line, link.Column, link.Url!);
                    break;
                case AutolinkInline autolink when IsUnsafe(autolink.Url):
                    ReportLink(context, document, autolink.Line, autolink.Column, autolink.Url);
                    break;
                case LinkReferenceDefinition definition when IsUnsafe(definition.Url):
                    ReportLink(context, document, definition.Line, definition.Column, definition.Url!);
                    break;
            }
        }
    }

    private static void ReportLink<T>(RuleContext context, RegistryDocument<T> document, int line, int column, string url) where T : class =>
        context.Report(document.Path, DiagnosticCodes.UnsafeLink, document.FileLine(line), column + 1,
            $"the link `{Shorten(url)}` uses a scheme that can run code or hide content; link only to `https:`, `http:` or `mailto:` addresses");

    /// <summary>The 1-based column of <paramref name="offset"/> in <paramref name="text"/> (Markdig leaves an indented HTML block's
    /// <c>Column</c> at 0, but its span starts at the <c>&lt;</c>).</summary>
    private static int ColumnAt(string text, int offset, int fallback) =>
        offset >= 0 && offset <= text.Length ? offset - (offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1) + 1 : fallback + 1;

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

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
