using System.Text.Json.Serialization;
using DulaRegistry.Model;

namespace DulaRegistry.Site.ViewModels;

// A page's fingerprint is its view model serialized (Build/PageFingerprints.cs; an agreement's view is hashed field by field
// instead, Build/AgreementViewHash.cs, which must write every property: its tests fail otherwise). A property computed from
// the others adds nothing to it but the cost of computing and writing it again: such properties are [JsonIgnore]d.

/// <summary>A link to an agency. <see cref="Url"/> is null when the id names no agency file.</summary>
public sealed record AgencyRef(string Id, string Name, string? Acronym, string? Url)
{
    /// <summary>"Department of Revenue (DOR)"; "MassHealth" alone when the acronym is the name.</summary>
    [JsonIgnore]
    public string Display => Labels.AgencyDisplay(Name, Acronym);

    /// <summary>The acronym, or the id upper-cased: a short label.</summary>
    [JsonIgnore]
    public string Short => string.IsNullOrEmpty(Acronym) ? Id.ToUpperInvariant() : Acronym;
}

/// <summary>A link to an agreement. <see cref="Url"/> is null when the id names no agreement file.</summary>
public sealed record AgreementRef(string Id, string? Title, string? Url, StatusView? Status);

/// <summary>A status with its YAML name (for CSS and filters) and its label for people.</summary>
public sealed record StatusView(string Name, string Label)
{
    public static StatusView Of(AgreementStatus? status) => status is { } s
        ? s_views.TryGetValue(s, out var view) ? view : Make(s)
        : Unknown;

    private static readonly StatusView Unknown = new("unknown", "Unknown");

    // One view per status, shared: every agreement, reference and timeline entry shows one.
    private static readonly Dictionary<AgreementStatus, StatusView> s_views = Enum.GetValues<AgreementStatus>().ToDictionary(s => s, Make);

    private static StatusView Make(AgreementStatus s) => new(FrontMatterName(s), Labels.Status(s));

    /// <summary>A status by its YAML name, as Git history records it (which may predate today's values).</summary>
    public static StatusView OfName(string name)
    {
        foreach (var status in Enum.GetValues<AgreementStatus>())
        {
            if (FrontMatterName(status) == name) return Of(status);
        }
        return new("unknown", name);
    }

    private static string FrontMatterName(AgreementStatus s) => DulaRegistry.Loading.FrontMatterBinder.EnumName(s);
}

/// <summary>
/// One entry of an agreement's status timeline: the commit that set the status, and <paramref name="Sentence"/>, the change
/// in plain words ("Moved to In review on 15 April 2026").
/// </summary>
public sealed record StatusChangeView(StatusView Status, DateTimeOffset Date, string Sentence, string Commit, string Subject, string? CommitUrl)
{
    [JsonIgnore]
    public string ShortCommit => Commit[..Math.Min(7, Commit.Length)];
}

/// <summary>The last commit that changed an agreement's file, whatever it changed.</summary>
public sealed record LastChangeView(DateTimeOffset Date, string Commit, string Subject, string? CommitUrl)
{
    [JsonIgnore]
    public string ShortCommit => Commit[..Math.Min(7, Commit.Length)];
}

/// <summary>One checklist item: <c>`final` needs {What} — {Who}</c>.</summary>
public sealed record NextStepView(StatusView Status, string What, string Who);

/// <summary>The "what happens next" checklist of an agreement before execution.</summary>
public sealed record NextStepsView(StatusView Next, StatusView Gate, IReadOnlyList<NextStepView> Items);

/// <summary>A value with its YAML name and a label for people (classification, framework, frequency, role).</summary>
public sealed record Choice(string Name, string Label);

public sealed record PartyView(AgencyRef Agency, Choice Role, Contact? DulaManager, Person? Signatory);

public sealed record DrafterView(string Name, AgencyRef? Agency);

public sealed record DataFlowView(
    string Name,
    AgencyRef? From,
    IReadOnlyList<AgencyRef> To,
    Choice? Classification,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> Regulations,
    Choice? Frequency,
    string? Transfer);

public sealed record SignatureView(AgencyRef? Agency, string? Name, string? Title, DateOnly? Date);

/// <summary>
/// An agreement's term relative to the build's <c>--today</c>: <paramref name="DaysLeft"/> until it expires (negative once
/// expired), <paramref name="DaysToStart"/> until it takes effect (null unless that is still to come).
/// </summary>
public sealed record TermView(DateOnly? Effective, DateOnly? Expires, int? DaysLeft, int? DaysToStart = null)
{
    /// <summary>The term from the build's date: "starts in 12 days", "30 days left", "expires today", "expired 1 day ago".</summary>
    [JsonIgnore]
    public string DaysLeftText => Labels.TermFromToday(DaysLeft, DaysToStart);

    /// <summary>True once the term has ended (for a muted style).</summary>
    [JsonIgnore]
    public bool IsPast => DaysToStart is not > 0 && DaysLeft < 0;

    /// <summary>The term seen from <paramref name="today"/>.</summary>
    public static TermView On(DateOnly? effective, DateOnly? expires, DateOnly today) => new(
        effective, expires,
        expires is { } e ? e.DayNumber - today.DayNumber : null,
        effective is { } s && s > today ? s.DayNumber - today.DayNumber : null);
}

/// <summary>Everything an agreement page and the exports show of one agreement; built once from the loaded record.</summary>
public sealed record AgreementView
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public required StatusView Status { get; init; }
    public AgreementStatus? StatusValue { get; init; }
    public required Choice Framework { get; init; }
    public int? Year { get; init; }
    public string? Purpose { get; init; }
    public required IReadOnlyList<PartyView> Parties { get; init; }
    public required IReadOnlyList<DrafterView> Drafters { get; init; }
    public required IReadOnlyList<DataFlowView> DataFlows { get; init; }
    public required IReadOnlyList<LegalAuthority> LegalAuthority { get; init; }
    public required TermView Term { get; init; }
    public string? Retention { get; init; }
    public string? ServiceRequest { get; init; }
    public required IReadOnlyList<SignatureView> Signatures { get; init; }
    /// <summary>The latest signature date: when the agreement was fully executed.</summary>
    public DateOnly? ExecutedOn { get; init; }
    public string? ExecutedCopySha256 { get; init; }
    public DateOnly? Ended { get; init; }
    public AgreementRef? Supersedes { get; init; }
    /// <summary>Its own <c>superseded_by</c> and every agreement whose <c>supersedes</c> names it.</summary>
    public IReadOnlyList<AgreementRef> SupersededBy { get; init; } = [];
    public AgreementRef? Amends { get; init; }
    public IReadOnlyList<AgreementRef> AmendedBy { get; init; } = [];
    public required IReadOnlyList<string> Tags { get; init; }
    /// <summary>Agency ids of every party, sorted.</summary>
    public required IReadOnlyList<string> AgencyIds { get; init; }
    public required IReadOnlyList<string> SecretariatIds { get; init; }
    public required IReadOnlyList<string> Classifications { get; init; }
    public required IReadOnlyList<string> Regulations { get; init; }
    /// <summary>The body rendered by <see cref="Rendering.SafeMarkdown"/>: raw HTML escaped, unsafe links neutralised. Its HTML is
    /// decoded when the page is rendered; the page's fingerprint takes its <see cref="RenderedBody.HtmlHash"/>.</summary>
    [JsonIgnore]
    public RenderedBody Body { get; init; } = RenderedBody.Empty;
    [JsonIgnore]
    public string BodyHtml => Body.Html;
    /// <summary>The text's own top-level sections (its <c>##</c> headings), for the page's table of contents.</summary>
    public IReadOnlyList<TocEntry> BodySections => Body.Sections;
    public required string SourcePath { get; init; }
    public string? SourceUrl { get; init; }
    /// <summary>Status changes from Git, oldest first; empty when the site is built without history.</summary>
    public IReadOnlyList<StatusChangeView> Timeline { get; init; } = [];
    /// <summary>The last commit that changed the file; null when the site is built without history.</summary>
    public LastChangeView? LastChanged { get; init; }
    public required string Sha256 { get; init; }
    /// <summary>What the next status needs and who acts; null from execution on (and for withdrawn agreements).</summary>
    public NextStepsView? NextSteps { get; init; }

    [JsonIgnore]
    public IEnumerable<PartyView> Owners => Parties.Where(p => p.Role.Name is "owner" or "both");
    [JsonIgnore]
    public IEnumerable<PartyView> Recipients => Parties.Where(p => p.Role.Name is "recipient" or "both");
    [JsonIgnore]
    public AgreementRef Ref => new(Id, Title, Url, Status);
}

public sealed record AgencyView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Acronym { get; init; }
    public required string Url { get; init; }
    public required Choice Kind { get; init; }
    public AgencyRef? Secretariat { get; init; }
    public DateOnly? MouSigned { get; init; }
    public required IReadOnlyList<Coordinator> Coordinators { get; init; }
    public required IReadOnlyList<string> LegalReviewers { get; init; }
    public required IReadOnlyList<Person> Signatories { get; init; }
    /// <summary>The agency's website, or null when absent or unsafe.</summary>
    public string? Website { get; init; }
    public required string BodyHtml { get; init; }
    public required string SourcePath { get; init; }
    public string? SourceUrl { get; init; }
    public IReadOnlyList<AgreementView> AsOwner { get; init; } = [];
    public IReadOnlyList<AgreementView> AsRecipient { get; init; } = [];
    public IReadOnlyList<AgencyRef> Members { get; init; } = [];

    [JsonIgnore]
    public AgencyRef Ref => new(Id, Name, Acronym, Url);
    [JsonIgnore]
    public string Short => string.IsNullOrEmpty(Acronym) ? Id.ToUpperInvariant() : Acronym;
    [JsonIgnore]
    public string Display => Labels.AgencyDisplay(Name, Acronym);
}

/// <summary>A secretariat (or, for <see cref="Secretariat"/> null, the agencies outside any) and its agencies.</summary>
public sealed record SecretariatGroup(string Key, string Heading, AgencyView? Secretariat, IReadOnlyList<AgencyView> Agencies);

/// <summary>One from→to pair of the executed data flows, with the agreements that carry it.</summary>
public sealed record FlowEdge(AgencyRef From, AgencyRef To, IReadOnlyList<AgreementRef> Agreements)
{
    public int Count => Agreements.Count;
}

public sealed record StatusCount(StatusView Status, int Count);

public sealed record FilterOptions(
    IReadOnlyList<Choice> Statuses,
    IReadOnlyList<Choice> Agencies,
    IReadOnlyList<Choice> Secretariats,
    IReadOnlyList<Choice> Classifications,
    IReadOnlyList<Choice> Regulations,
    IReadOnlyList<Choice> Frameworks,
    IReadOnlyList<Choice> Years);

/// <summary>
/// One page of an agreements listing (all agreements, or one year's, by id): <paramref name="Agreements"/> are its rows,
/// the <paramref name="First"/>-th (from 0) to the next <see cref="SiteModel.PageSize"/> of <paramref name="Total"/>.
/// <paramref name="PageUrls"/> holds the URL of every page of the listing, page 1 first.
/// </summary>
public sealed record AgreementListing(string Path, string Url, int? Year, IReadOnlyList<AgreementView> Agreements,
    int Page, int First, int Total, IReadOnlyList<string> PageUrls)
{
    [JsonIgnore]
    public int PageCount => PageUrls.Count;
    [JsonIgnore]
    public bool Paginated => PageUrls.Count > 1;
}
