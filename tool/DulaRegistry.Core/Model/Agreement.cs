using System.ComponentModel;

namespace DulaRegistry.Model;

/// <summary>An agreement file's front matter (schema v1): <c>agreements/&lt;id&gt;.md</c>.</summary>
public sealed record Agreement
{
    [Description("The agreement id, <prefix>-<year>-<4 or more digits>; equals the file name.")]
    public string? Id { get; init; }
    [Description("A short, plain-language name for the data sharing project.")]
    public string? Title { get; init; }
    [Description("Where the agreement is in its lifecycle.")]
    public AgreementStatus? Status { get; init; }
    [Description("mou: made under the statewide data sharing MOU; legacy: signed before it, must move to the MOU at renewal.")]
    public AgreementFramework? Framework { get; init; }
    [Description("Every agency taking part, with its role.")]
    public List<Party> Parties { get; init; } = [];
    [Description("The staff who drafted the agreement.")]
    public List<Drafter> Drafters { get; init; } = [];
    [Description("One or two sentences: why the data are needed and how they will be used.")]
    public string? Purpose { get; init; }
    [Description("One entry per data set that moves between agencies.")]
    public List<DataItem> Data { get; init; } = [];
    [Description("The laws or regulations that allow the sharing; required for pii and protected data.")]
    public List<LegalAuthority> LegalAuthority { get; init; } = [];
    [Description("When the agreement takes effect and expires (YYYY-MM-DD).")]
    public Term? Term { get; init; }
    [Description("How long the recipient keeps the data and how it is destroyed; required for pii and protected data.")]
    public string? Retention { get; init; }
    [Description("The Data Office service request number; required from submitted on.")]
    public string? ServiceRequest { get; init; }
    [Description("One dated signature per party; required from executed on.")]
    public List<Signature> Signatures { get; init; } = [];
    [Description("The signed PDF; required from executed on.")]
    public ExecutedCopy? ExecutedCopy { get; init; }
    [Description("The id of the agreement this one renews or replaces.")]
    public string? Supersedes { get; init; }
    [Description("The date a terminated or superseded agreement ended.")]
    public DateOnly? Ended { get; init; }
    [Description("The id of the agreement that replaced this one; required when superseded.")]
    public string? SupersededBy { get; init; }
    [Description("The id of the agreement this file amends.")]
    public string? Amends { get; init; }
    [Description("A few lowercase words to help people find the agreement.")]
    public List<string> Tags { get; init; } = [];
}

public enum AgreementStatus
{
    Proposed,
    Drafting,
    InReview,
    Final,
    Submitted,
    Executed,
    Expired,
    Terminated,
    Superseded,
    Withdrawn,
}

public enum AgreementFramework
{
    /// <summary>Made under the statewide data sharing MOU.</summary>
    Mou,
    /// <summary>Signed before the framework; must move to it at renewal.</summary>
    Legacy,
}

public sealed record Party
{
    [Description("An agency id: the file name in agencies/ without .md.")]
    public string? Agency { get; init; }
    [Description("owner provides data, recipient receives it, both does each.")]
    public PartyRole? Role { get; init; }
    [Description("Who ensures compliance after execution; required from final on.")]
    public Contact? DulaManager { get; init; }
    [Description("Who signs for the agency; must be listed under the agency's signatories. Required from final on.")]
    public Person? Signatory { get; init; }
}

public enum PartyRole
{
    Owner,
    Recipient,
    Both,
}

public sealed record Drafter
{
    [Description("Full name of the drafter.")]
    public string? Name { get; init; }
    [Description("An agency id: the file name in agencies/ without .md.")]
    public string? Agency { get; init; }
}

public sealed record DataItem
{
    [Description("A short name for the data set.")]
    public string? Name { get; init; }
    [Description("The party (owner or both) that provides this data.")]
    public string? From { get; init; }
    [Description("The parties (recipient or both) that receive this data.")]
    public List<string> To { get; init; } = [];
    [Description("pii identifies people; protected is restricted by law; deidentified; public.")]
    public DataClassification? Classification { get; init; }
    [Description("The specific fields shared.")]
    public List<string> Elements { get; init; } = [];
    [Description("Laws with special handling rules, such as hipaa, ferpa, 42-cfr-part-2, irs-pub-1075, cjis.")]
    public List<string> Regulations { get; init; } = [];
    [Description("How often the data move.")]
    public DataFrequency? Frequency { get; init; }
    [Description("How the data move, such as sftp or api.")]
    public string? Transfer { get; init; }
}

public enum DataClassification
{
    Pii,
    Protected,
    Deidentified,
    Public,
}

public enum DataFrequency
{
    OneTime,
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Annually,
    OnRequest,
}

public sealed record LegalAuthority
{
    [Description("The citation, such as \"M.G.L. c. 62C, § 21\".")]
    public string? Citation { get; init; }
    [Description("What the law allows or requires.")]
    public string? Note { get; init; }
}

public sealed record Term
{
    [Description("The first day of the term (YYYY-MM-DD).")]
    public DateOnly? Effective { get; init; }
    [Description("The last day of the term (YYYY-MM-DD).")]
    public DateOnly? Expires { get; init; }
}

public sealed record Signature
{
    [Description("An agency id: the file name in agencies/ without .md.")]
    public string? Agency { get; init; }
    [Description("Full name of the person who signed.")]
    public string? Name { get; init; }
    [Description("A short, plain-language name for the data sharing project.")]
    public string? Title { get; init; }
    [Description("The date of signature (YYYY-MM-DD).")]
    public DateOnly? Date { get; init; }
}

public sealed record ExecutedCopy
{
    [Description("SHA-256 of the signed PDF: 64 hexadecimal digits.")]
    public string? Sha256 { get; init; }
}
