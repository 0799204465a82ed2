using System.ComponentModel;

namespace DulaRegistry.Model;

/// <summary>An agency file's front matter (schema v1): <c>agencies/&lt;id&gt;.md</c>.</summary>
public sealed record Agency
{
    [Description("Lowercase slug; equals the file name.")]
    public string? Id { get; init; }
    [Description("The agency's full public name.")]
    public string? Name { get; init; }
    [Description("The agency's usual acronym.")]
    public string? Acronym { get; init; }
    [Description("secretariat, agency, office or quasi-independent.")]
    public AgencyKind? Kind { get; init; }
    [Description("Id of the agency's secretariat (omit for secretariats and the Governor's Office).")]
    public string? Secretariat { get; init; }
    [Description("Present only for signatories of the data sharing MOU.")]
    public MouSignature? Mou { get; init; }
    [Description("The agency's Data Sharing Coordinators.")]
    public List<Coordinator> Coordinators { get; init; } = [];
    [Description("GitHub users (@name) or teams (@org/team) who review agreements for this agency; they drive CODEOWNERS.")]
    public List<string> LegalReviewers { get; init; } = [];
    [Description("People with signing authority for the agency.")]
    public List<Person> Signatories { get; init; } = [];
    [Description("The agency's public web page.")]
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
    [Description("The date the agency signed the MOU (YYYY-MM-DD).")]
    public DateOnly? Signed { get; init; }
}

public sealed record Coordinator
{
    [Description("Full name.")]
    public string? Name { get; init; }
    [Description("Job title.")]
    public string? Title { get; init; }
    [Description("E-mail address.")]
    public string? Email { get; init; }
    [Description("GitHub user name.")]
    public string? Github { get; init; }
}

/// <summary>A named person with a title, such as a signatory.</summary>
public sealed record Person
{
    [Description("Full name.")]
    public string? Name { get; init; }
    [Description("Job title.")]
    public string? Title { get; init; }
}

/// <summary>A person with a title and an e-mail address, such as a DULA manager.</summary>
public sealed record Contact
{
    [Description("Full name.")]
    public string? Name { get; init; }
    [Description("Job title.")]
    public string? Title { get; init; }
    [Description("E-mail address.")]
    public string? Email { get; init; }
}
