namespace DulaRegistry.Model;

/// <summary>An agency file's front matter (schema v1): <c>agencies/&lt;id&gt;.md</c>.</summary>
public sealed record Agency
{
    /// <summary>Lowercase slug; equals the file name.</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Acronym { get; init; }
    public AgencyKind? Kind { get; init; }
    /// <summary>Id of the agency's secretariat (omitted for secretariats and the Governor's Office).</summary>
    public string? Secretariat { get; init; }
    /// <summary>Present only for MOU signatories.</summary>
    public MouSignature? Mou { get; init; }
    public List<Coordinator> Coordinators { get; init; } = [];
    /// <summary>GitHub users or teams (<c>@org/team</c>) who review agreements for this agency; they drive CODEOWNERS.</summary>
    public List<string> LegalReviewers { get; init; } = [];
    public List<Person> Signatories { get; init; } = [];
    public string? Website { get; init; }
}

public enum AgencyKind
{
    Secretariat,
    Agency,
    Office,
    QuasiIndependent,
}

public sealed record MouSignature
{
    public DateOnly? Signed { get; init; }
}

public sealed record Coordinator
{
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Email { get; init; }
    public string? Github { get; init; }
}

/// <summary>A named person with a title, such as a signatory.</summary>
public sealed record Person
{
    public string? Name { get; init; }
    public string? Title { get; init; }
}

/// <summary>A person with a title and an e-mail address, such as a DULA manager.</summary>
public sealed record Contact
{
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Email { get; init; }
}
