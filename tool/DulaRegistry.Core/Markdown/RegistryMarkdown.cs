using Markdig;

namespace DulaRegistry.Markdown;

/// <summary>
/// The one Markdig pipeline of the registry, built once and shared (it is thread-safe). Raw HTML is
/// still parsed, so that the validator can point at it; the site's renderer never emits it.
/// </summary>
public static class RegistryMarkdown
{
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();
}
