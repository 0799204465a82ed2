namespace DulaRegistry.Model;

/// <summary>An agreement file's front matter (schema v1): <c>agreements/&lt;id&gt;.md</c>.</summary>
public sealed record Agreement
{
    /// <summary><c>&lt;prefix&gt;-&lt;year&gt;-&lt;4 or more digits&gt;</c>; equals the file name.</summary>
    public string? Id { get; init; }
    public string? Title { get; init; }
    public AgreementStatus? Status { get; init; }
    public AgreementFramework? Framework { get; init; }
    public List<Party> Parties { get; init; } = [];
    public List<Drafter> Drafters { get; init; } = [];
    public string? Purpose { get; init; }
    public List<DataItem> Data { get; init; } = [];
    public List<LegalAuthority> LegalAuthority { get; init; } = [];
    public Term? Term { get; init; }
    public string? Retention { get; init; }
    /// <summary>The Data Office service request; required from <c>submitted</c> on.</summary>
    public string? ServiceRequest { get; init; }
    public List<Signature> Signatures { get; init; } = [];
    public ExecutedCopy? ExecutedCopy { get; init; }
    public string? Supersedes { get; init; }
    /// <summary>The date a terminated or superseded agreement ended.</summary>
    public DateOnly? Ended { get; init; }
    public string? SupersededBy { get; init; }
    public string? Amends { get; init; }
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
    public string? Agency { get; init; }
    public PartyRole? Role { get; init; }
    public Contact? DulaManager { get; init; }
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
    public string? Name { get; init; }
    public string? Agency { get; init; }
}

public sealed record DataItem
{
    public string? Name { get; init; }
    public string? From { get; init; }
    public List<string> To { get; init; } = [];
    public DataClassification? Classification { get; init; }
    public List<string> Elements { get; init; } = [];
    public List<string> Regulations { get; init; } = [];
    public DataFrequency? Frequency { get; init; }
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
    public string? Citation { get; init; }
    public string? Note { get; init; }
}

public sealed record Term
{
    public DateOnly? Effective { get; init; }
    public DateOnly? Expires { get; init; }
}

public sealed record Signature
{
    public string? Agency { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public DateOnly? Date { get; init; }
}

public sealed record ExecutedCopy
{
    /// <summary>SHA-256 of the signed PDF, 64 hex digits.</summary>
    public string? Sha256 { get; init; }
}
