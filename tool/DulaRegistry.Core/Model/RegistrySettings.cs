namespace DulaRegistry.Model;

/// <summary>Registry-wide settings from <c>registry.yml</c>; every one has a default.</summary>
public sealed record RegistrySettings
{
    public static readonly IReadOnlyList<string> DefaultSections =
    [
        "Purpose",
        "Data to be shared",
        "Permitted uses and restrictions",
        "Security safeguards",
        "Retention and destruction",
        "Incident and breach notification",
        "Term, amendment and termination",
    ];

    public string? Name { get; init; }
    public string? RepositoryUrl { get; init; }
    public string? IdPrefix { get; init; }
    public int? MaxTermYears { get; init; }
    public int? RenewalWindowDays { get; init; }
    public List<string>? RequiredSections { get; init; }
    public long? MaxFileBytes { get; init; }
    public List<string> DefaultOwners { get; init; } = [];

    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? "DULA Registry" : Name;
    public string EffectiveIdPrefix => string.IsNullOrWhiteSpace(IdPrefix) ? "DULA" : IdPrefix;
    public int EffectiveMaxTermYears => MaxTermYears ?? 5;
    public int EffectiveRenewalWindowDays => RenewalWindowDays ?? 90;
    public IReadOnlyList<string> EffectiveRequiredSections => RequiredSections ?? DefaultSections;
    public long EffectiveMaxFileBytes => MaxFileBytes ?? 1024 * 1024;
}
