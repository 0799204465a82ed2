using DulaRegistry.Model;

namespace DulaRegistry.Scaffolding;

/// <summary>Which template a draft starts from.</summary>
public enum DraftTemplate
{
    /// <summary><c>templates/dula.md</c>.</summary>
    Dula,
    /// <summary><c>templates/amendment.md</c>.</summary>
    Amendment,
}

/// <summary>
/// What a new draft holds besides the template's own text. Null fields keep the template's placeholder and guidance;
/// the carried-over lists replace the template's example entries.
/// </summary>
public sealed record DraftContent
{
    public required DraftTemplate Template { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<DraftParty> Parties { get; init; }
    public required DateOnly Today { get; init; }
    public string? Purpose { get; init; }
    public AgreementFramework Framework { get; init; } = AgreementFramework.Mou;
    public string? Amends { get; init; }
    public string? Supersedes { get; init; }
    /// <summary>Data sets carried over; null: one example entry per flow from the template.</summary>
    public IReadOnlyList<DataItem>? Data { get; init; }
    /// <summary>Legal authority carried over; null: the template's example.</summary>
    public IReadOnlyList<LegalAuthority>? LegalAuthority { get; init; }

    public string TemplateFile => Template == DraftTemplate.Amendment ? "templates/amendment.md" : "templates/dula.md";
}
