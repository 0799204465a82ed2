using DulaRegistry.Model;
using Markdig.Syntax;

namespace DulaRegistry.Loading;

/// <summary>One parsed registry file: typed front matter, its source map and the parsed Markdown body.</summary>
/// <param name="Path">Relative to the registry root, with forward slashes.</param>
/// <param name="Stem">The file name without <c>.md</c>: the id the file must declare.</param>
/// <param name="BodyLine">The 1-based file line on which the Markdown body starts.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the file's bytes.</param>
public sealed record RegistryDocument<T>(
    string Path,
    string Stem,
    T Model,
    SourceMap Map,
    MarkdownDocument Body,
    string BodyText,
    int BodyLine,
    string Sha256) where T : class
{
    private IReadOnlyList<BodySection>? _sections;

    /// <summary>The body's <c>##</c> sections, found once.</summary>
    public IReadOnlyList<BodySection> Sections => _sections ??= BodySection.Find(Body, BodyLine);

    /// <summary>The 1-based file line of a Markdig (0-based, body-relative) line.</summary>
    public int FileLine(int markdigLine) => BodyLine + markdigLine;
}

/// <summary>Everything loaded from one registry root. Files that could not be parsed are absent here and reported as diagnostics.</summary>
public sealed record LoadedRegistry(
    string Root,
    RegistrySettings Settings,
    IReadOnlyList<RegistryDocument<Agency>> Agencies,
    IReadOnlyList<RegistryDocument<Agreement>> Agreements)
{
    private Dictionary<string, RegistryDocument<Agency>>? _agencyById;
    private Dictionary<string, RegistryDocument<Agreement>>? _agreementById;

    /// <summary>Agencies by id (the first file wins where ids collide; that collision is itself a diagnostic).</summary>
    public IReadOnlyDictionary<string, RegistryDocument<Agency>> AgencyById =>
        _agencyById ??= Index(Agencies, a => a.Model.Id);

    public IReadOnlyDictionary<string, RegistryDocument<Agreement>> AgreementById =>
        _agreementById ??= Index(Agreements, a => a.Model.Id);

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
