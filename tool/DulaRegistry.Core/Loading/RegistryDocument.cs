using DulaRegistry.Model;
using Markdig.Syntax;

namespace DulaRegistry.Loading;

/// <summary>One parsed registry file: typed front matter, its source map, what the rules need of its body and,
/// when loaded for rendering, the parsed Markdown body itself.</summary>
/// <param name="Path">Relative to the registry root, with forward slashes.</param>
/// <param name="Stem">The file name without <c>.md</c>: the id the file must declare.</param>
/// <param name="Markdown">The body's syntax tree; null unless the registry was loaded with <see cref="LoadOptions.KeepMarkdown"/>.</param>
/// <param name="BodyLine">The 1-based file line on which the Markdown body starts.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file's bytes.</param>
public sealed record RegistryDocument<T>(
    string Path,
    string Stem,
    T Model,
    SourceMap Map,
    BodyFacts Facts,
    MarkdownDocument? Markdown,
    int BodyLine,
    string Sha256) where T : class
{
    /// <summary>The body's syntax tree, for rendering.</summary>
    /// <exception cref="InvalidOperationException">The registry was loaded without <see cref="LoadOptions.KeepMarkdown"/>.</exception>
    public MarkdownDocument Body => Markdown ?? throw new InvalidOperationException($"{Path} was loaded without LoadOptions.KeepMarkdown");


    /// <summary>What <see cref="LoadOptions.BodyView"/> made of the body (for the site: its HTML and outline); null without one.</summary>
    public object? BodyView { get; init; }

    /// <summary>The 1-based file line of a Markdig (0-based, body-relative) line.</summary>
    public int FileLine(int markdigLine) => BodyLine + markdigLine;
}

/// <summary>How to load a registry.</summary>
/// <param name="KeepMarkdown">Keep each body's Markdown syntax tree. Validation alone does not need it, and a large
/// registry loads faster without: the trees are most of the memory a loaded registry holds.</param>
/// <param name="BodyView">Makes what the caller keeps of each parsed body (the site: its HTML and table of contents), on
/// the loading thread, right after the body is parsed: the body is parsed once and its tree dropped at once, so memory does
/// not grow with a tree per file. Kept in <see cref="RegistryDocument{T}.BodyView"/>.</param>
/// <param name="Cache">What earlier loadings made of files (an incremental build's cache): a file with the same bytes is not
/// decoded, read as YAML, bound or parsed as Markdown again. Not used with <paramref name="KeepMarkdown"/>, which needs the trees.</param>
public sealed record LoadOptions(bool KeepMarkdown = false, Func<MarkdownDocument, object>? BodyView = null, IParsedFileCache? Cache = null)
{
    /// <summary>Stops the loading between files (Ctrl-C), with an <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    public static readonly LoadOptions Default = new();
    public static readonly LoadOptions ForRendering = new(KeepMarkdown: true);
}

/// <summary>Everything loaded from one registry root. Files that could not be parsed are absent here and reported as diagnostics.</summary>
public sealed record LoadedRegistry(
    string Root,
    RegistrySettings Settings,
    IReadOnlyList<RegistryDocument<Agency>> Agencies,
    IReadOnlyList<RegistryDocument<Agreement>> Agreements)
{
    /// <summary>How many entries of <c>agencies/</c> were looked at: each one loaded or was reported.</summary>
    public int AgencyFiles { get; init; }

    /// <summary>How many entries of <c>agreements/</c> were looked at: each one loaded or was reported.</summary>
    public int AgreementFiles { get; init; }

    private Dictionary<string, RegistryDocument<Agency>>? _agencyById;
    private Dictionary<string, RegistryDocument<Agreement>>? _agreementById;

    /// <summary>Agencies by id (the first file wins where ids collide; that collision is itself a diagnostic).</summary>
    /// <remarks>Made when first asked, safely from several threads (the rules run side by side).</remarks>
    public IReadOnlyDictionary<string, RegistryDocument<Agency>> AgencyById =>
        Volatile.Read(ref _agencyById) ?? LazyInitializer.EnsureInitialized(ref _agencyById, () => Index(Agencies, a => a.Model.Id));

    public IReadOnlyDictionary<string, RegistryDocument<Agreement>> AgreementById =>
        Volatile.Read(ref _agreementById) ?? LazyInitializer.EnsureInitialized(ref _agreementById, () => Index(Agreements, a => a.Model.Id));

    private static Dictionary<string, RegistryDocument<TModel>> Index<TModel>(
        IEnumerable<RegistryDocument<TModel>> documents, Func<RegistryDocument<TModel>, string?> id) where TModel : class
    {
        var index = new Dictionary<string, RegistryDocument<TModel>>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (id(document) is { Length: > 0 } key) index.TryAdd(key, document);
        }
        return index;
    }
}
