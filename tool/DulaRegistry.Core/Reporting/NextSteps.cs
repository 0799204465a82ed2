using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;

namespace DulaRegistry.Reporting;

/// <summary>Who must act on a checklist item.</summary>
public enum ActorKind
{
    /// <summary>The agreement's drafters.</summary>
    Drafters,
    /// <summary>A party agency's Data Sharing Coordinators.</summary>
    Coordinators,
    /// <summary>A party's signatory.</summary>
    Signatory,
    /// <summary>The DULA managers of the parties.</summary>
    DulaManagers,
    /// <summary>The Data Office, which keeps the executed copies.</summary>
    DataOffice,
}

/// <summary>Who must act: the kind, the agencies they act for (what "waiting on you" groups by) and how to name them.</summary>
/// <param name="Text">"DPH's coordinators (Jane Doe)", "the DULA managers", "the Data Office".</param>
public sealed record Actor(ActorKind Kind, IReadOnlyList<string> Agencies, string Text);

/// <summary>One item of the checklist: what <paramref name="Status"/> needs (<paramref name="What"/>, plain words) and who acts.</summary>
public sealed record NextStep(AgreementStatus Status, string What, Actor Who, UnmetRequirement Requirement)
{
    /// <summary>The status as written in the front matter: <c>final</c>.</summary>
    public string StatusName => FrontMatterBinder.EnumName(Status);

    /// <summary>"`final` needs a signatory for DPH — DPH's coordinators (Jane Doe)".</summary>
    public string Text => $"`{StatusName}` needs {What} — {Who.Text}";
}

/// <summary>What happens next for an agreement before execution: the next status and the requirements it still has to meet.</summary>
/// <param name="Next">The next status.</param>
/// <param name="Gate">The status whose requirements are listed: <paramref name="Next"/>, or <c>final</c> while the next status
/// (<c>drafting</c>, <c>in-review</c>) asks nothing of the file, so drafters see early what approval will need.</param>
public sealed record NextStepList(AgreementStatus Next, AgreementStatus Gate, IReadOnlyList<NextStep> Items)
{
    public string NextName => FrontMatterBinder.EnumName(Next);
    public string GateName => FrontMatterBinder.EnumName(Gate);
}

/// <summary>
/// The "what happens next" checklist, computed from <see cref="StatusRequirements"/>, the same requirements the validator
/// enforces, and worded for the people who act on them.
/// </summary>
public static class NextSteps
{
    /// <summary>The checklist of <paramref name="agreement"/>; null when it is not on its way to execution (executed and after, withdrawn, no status).</summary>
    public static NextStepList? For(RegistryDocument<Agreement> agreement, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies)
    {
        if (agreement.Model.Status is not { } status || Lifecycle.Next(status) is not { } next) return null;
        var gate = Lifecycle.AtLeast(next, AgreementStatus.Final) ? next : AgreementStatus.Final;
        var items = StatusRequirements.Unmet(agreement, agencies, gate, positions: false) // the checklist shows no lines
            .Select(r => Describe(r, agreement.Model, agencies))
            .ToList();
        return new NextStepList(next, gate, items);
    }

    private static NextStep Describe(UnmetRequirement r, Agreement a, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies)
    {
        var party = r.Party is null ? "a party" : Short(r.Party, agencies);
        var what = r.Kind switch
        {
            RequirementKind.TermEffective => "term.effective, the date it takes effect",
            RequirementKind.TermExpires => "term.expires, the date it expires",
            RequirementKind.DulaManager => $"a DULA manager for {party}",
            RequirementKind.Signatory => $"a signatory for {party}",
            RequirementKind.SignatoryAuthority => $"a signatory for {party} with signing authority ({r.Detail} is not listed in agencies/{r.Party}.md)",
            RequirementKind.ServiceRequest => "the Data Office service request number",
            RequirementKind.SignatureNotParty => $"signature {r.Detail} removed or given a party's agency",
            RequirementKind.SignatureTwice => $"one signature from {party}, not two",
            RequirementKind.Signature or RequirementKind.SignatureDate => $"a dated signature from {party}",
            RequirementKind.SignatureName => $"the signer's name on {party}'s signature",
            RequirementKind.ExecutedCopy => "executed_copy.sha256",
            RequirementKind.ExecutedCopyFormat => "executed_copy.sha256 as 64 hexadecimal digits",
            RequirementKind.EndDate => "ended, the date it ended",
            _ => "superseded_by, the agreement that replaces it",
        };
        var who = r.Kind switch
        {
            RequirementKind.TermEffective or RequirementKind.TermExpires => Drafters(a),
            RequirementKind.DulaManager or RequirementKind.Signatory or RequirementKind.SignatoryAuthority => Coordinators(r.Party, agencies),
            RequirementKind.Signature or RequirementKind.SignatureDate or RequirementKind.SignatureName => Signatory(r.Party, a, agencies),
            RequirementKind.ExecutedCopy or RequirementKind.ExecutedCopyFormat => new Actor(ActorKind.DataOffice, [], "the Data Office"),
            _ => new Actor(ActorKind.DulaManagers, PartyAgencies(a), "the DULA managers"),
        };
        return new NextStep(r.Since, what, who, r);
    }

    // The checklist of every agreement on its way to execution is made for the site's model in every build: these build
    // their lists with plain loops, not LINQ chains (the checklist was 4% of a one-file rebuild's CPU at 10,000 agreements,
    // half of it the collector clearing memory for what it allocated).

    private static Actor Drafters(Agreement a)
    {
        var names = new List<string>(a.Drafters.Count);
        var drafterAgencies = new List<string>(a.Drafters.Count);
        foreach (var drafter in a.Drafters)
        {
            if (drafter.Name is { } name && !string.IsNullOrWhiteSpace(name)) names.Add(name);
            if (drafter.Agency is { } agency && !drafterAgencies.Contains(agency)) drafterAgencies.Add(agency);
        }
        drafterAgencies.Sort(StringComparer.Ordinal);
        return new Actor(ActorKind.Drafters, drafterAgencies.Count > 0 ? drafterAgencies : PartyAgencies(a), SharedStrings.Get("the drafters" + Names(names)));
    }

    private static Actor Coordinators(string? party, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies)
    {
        if (party is null) return new Actor(ActorKind.Coordinators, [], "the party's coordinators");
        var names = new List<string>();
        if (agencies.TryGetValue(party, out var agency))
        {
            foreach (var coordinator in agency.Model.Coordinators)
            {
                if (coordinator.Name is { } name && !string.IsNullOrWhiteSpace(name)) names.Add(name);
            }
        }
        return new Actor(ActorKind.Coordinators, [party], SharedStrings.Get($"{Short(party, agencies)}'s coordinators{Names(names)}"));
    }

    private static Actor Signatory(string? party, Agreement a, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies)
    {
        if (party is null) return new Actor(ActorKind.Signatory, [], "the party's signatory");
        var name = a.Parties.FirstOrDefault(p => p.Agency == party)?.Signatory?.Name;
        return new Actor(ActorKind.Signatory, [party], SharedStrings.Get($"{Short(party, agencies)}'s signatory{Names(string.IsNullOrWhiteSpace(name) ? [] : [name])}"));
    }

    private static List<string> PartyAgencies(Agreement a)
    {
        var agencies = new List<string>(a.Parties.Count);
        foreach (var party in a.Parties)
        {
            if (party.Agency is { } agency && !agencies.Contains(agency)) agencies.Add(agency);
        }
        agencies.Sort(StringComparer.Ordinal);
        return agencies;
    }

    private static string Names(List<string> names)
    {
        if (names.Count == 0) return "";
        for (var i = 0; i < names.Count; i++) names[i] = names[i].Trim();
        return $" ({string.Join(", ", names)})";
    }

    /// <summary>The agency's acronym, else its id in capitals: "DPH".</summary>
    public static string Short(string id, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies) =>
        agencies.TryGetValue(id, out var agency) && !string.IsNullOrWhiteSpace(agency.Model.Acronym) ? agency.Model.Acronym.Trim() : id.ToUpperInvariant();
}
