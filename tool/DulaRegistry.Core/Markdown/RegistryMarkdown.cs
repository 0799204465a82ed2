using Markdig;

namespace DulaRegistry.Markdown;

/// <summary>
/// The one Markdig pipeline of the registry, built once and shared (it is thread-safe). Raw HTML is
/// still parsed, so that the validator can point at it; the site's renderer never emits it.
/// </summary>
public static class RegistryMarkdown
{
    public static readonly MarkdownPipeline Pipeline = Common()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    /// <summary>The same pipeline without heading ids, for a body read only for its facts (validate): the ids are anchors of the
    /// rendered page, and making them was a sixth of what parsing a body allocated. The facts are the same with either.</summary>
    public static readonly MarkdownPipeline FactsPipeline = Common().Build();

    private static MarkdownPipelineBuilder Common() => new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks();
}
