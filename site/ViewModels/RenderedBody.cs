using DulaRegistry.Loading;
using DulaRegistry.Site.Rendering;
using Markdig.Syntax;

namespace DulaRegistry.Site.ViewModels;

/// <summary>What a page shows of a file's Markdown body: its safe HTML and its table of contents. Made while the registry
/// loads (see <see cref="ForSite"/>), so no syntax tree outlives the loading of its file.</summary>
public sealed record RenderedBody(string Html, IReadOnlyList<TocEntry> Sections)
{
    /// <summary>Loading for the site: each body becomes a <see cref="RenderedBody"/> as soon as it is parsed.</summary>
    public static readonly LoadOptions ForSite = new(BodyView: body => Of(body));

    public static RenderedBody Of(MarkdownDocument body) => new(SafeMarkdown.ToHtml(body, topLevel: 3), BodyOutline.Sections(body));

    /// <summary>The rendered body of a loaded file: the one made while loading, or made now from a kept syntax tree.</summary>
    public static RenderedBody Of<T>(RegistryDocument<T> document) where T : class =>
        document.BodyView as RenderedBody ?? Of(document.Body);
}
