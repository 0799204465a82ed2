using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;

namespace DulaRegistry.Scaffolding;

/// <summary>
/// What each scaffolding command puts in its draft, and when it refuses: <c>new</c>, <c>amend</c>, <c>renew</c> and
/// <c>migrate</c>. Every refusal is a <see cref="ScaffoldException"/> that says what to do instead.
/// </summary>
public static class DraftPlans
{
    /// <summary>A new agreement between <paramref name="owners"/> and <paramref name="recipients"/> (agency ids, already resolved).</summary>
    public static DraftContent New(LoadedRegistry registry, string title, IReadOnlyList<string> owners, IReadOnlyList<string> recipients, string? purpose, DateOnly today)
    {
        RequireText("--title", title);
        var parties = DraftParty.From(owners, recipients);
        if (parties.Count < 2)
        {
            throw new ScaffoldException($"`{parties[0].Agency}` is the only agency named; an agreement shares data between at least two agencies, so name another with --owner or --recipient");
        }
        RequireMouSignatories(registry, parties, "a new agreement is made under the data sharing MOU, so every party must have signed it first");
        if (purpose is not null) RequireText("--purpose", purpose);
        return new DraftContent { Template = DraftTemplate.Dula, Title = title.Trim(), Parties = parties, Purpose = purpose?.Trim(), Today = today };
    }

    /// <summary>An amendment of an executed agreement: the amendment template, the same parties, <c>amends:</c> set.</summary>
    public static DraftContent Amend(LoadedRegistry registry, string id, DateOnly today)
    {
        var target = Target(registry, id);
        if (target.Status != AgreementStatus.Executed)
        {
            throw new ScaffoldException($"{id} is {Status(target)}, not executed; only an executed agreement is amended. "
                + (!Lifecycle.WasExecuted(target.Status)
                    ? $"Change agreements/{id}.md itself in a pull request instead"
                    : $"To replace it, use `registry renew {id}`"));
        }
        var parties = DraftParty.Of(target);
        RequireMouSignatories(registry, parties, "an amendment is made under the data sharing MOU, so every party must have signed it first");
        var number = registry.Agreements.Count(a => a.Model.Amends == id) + 1;
        return new DraftContent
        {
            Template = DraftTemplate.Amendment,
            Title = $"{target.Title}, amendment {number}",
            Parties = parties,
            Amends = id,
            Today = today,
        };
    }

    /// <summary>A renewal: a new agreement that supersedes <paramref name="id"/>, with its title, parties, purpose, data and legal authority.</summary>
    public static DraftContent Renew(LoadedRegistry registry, string id, DateOnly today)
    {
        var target = Target(registry, id);
        if (!Lifecycle.WasExecuted(target.Status) || target.Status is AgreementStatus.Withdrawn)
        {
            throw new ScaffoldException($"{id} is {Status(target)}; only an agreement that was executed is renewed. Change agreements/{id}.md itself in a pull request instead");
        }
        if (target.Framework == AgreementFramework.Legacy)
        {
            throw new ScaffoldException($"{id} is a legacy agreement; at renewal it moves into the framework: run `registry migrate {id}`");
        }
        var parties = DraftParty.Of(target);
        RequireMouSignatories(registry, parties, "a renewal is made under the data sharing MOU, so every party must have signed it first");
        return new DraftContent
        {
            Template = DraftTemplate.Dula,
            Title = target.Title ?? id,
            Parties = parties,
            Purpose = target.Purpose,
            Data = target.Data,
            LegalAuthority = target.LegalAuthority,
            Supersedes = id,
            Today = today,
        };
    }

    /// <summary>A legacy agreement brought into the framework: a new <c>mou</c> draft that supersedes it, with its parties and data.</summary>
    public static DraftContent Migrate(LoadedRegistry registry, string id, DateOnly today)
    {
        var target = Target(registry, id);
        if (target.Framework != AgreementFramework.Legacy)
        {
            throw new ScaffoldException($"{id} is not a legacy agreement (its framework is `{(target.Framework is { } f ? YamlText.Enum(f) : "missing")}`); "
                + $"only `framework: legacy` agreements are migrated. To renew it, use `registry renew {id}`");
        }
        var parties = DraftParty.Of(target);
        RequireMouSignatories(registry, parties, "a legacy agreement moves into the framework only when every party has signed the data sharing MOU");
        return new DraftContent
        {
            Template = DraftTemplate.Dula,
            Title = target.Title ?? id,
            Parties = parties,
            Data = target.Data,
            Supersedes = id,
            Framework = AgreementFramework.Mou,
            Today = today,
        };
    }

    private static Agreement Target(LoadedRegistry registry, string id)
    {
        if (registry.AgreementById.TryGetValue(id, out var document)) return document.Model;
        var near = Loading.FrontMatterBinder.Suggest(id, registry.AgreementById.Keys);
        throw new ScaffoldException($"there is no agreement {id} (no agreements/{id}.md that loads)"
            + (near is null ? "; give the id of an agreement in agreements/, such as DULA-2026-0001" : $"; did you mean {near}?"));
    }

    private static void RequireMouSignatories(LoadedRegistry registry, IReadOnlyList<DraftParty> parties, string why)
    {
        foreach (var party in parties)
        {
            if (!registry.AgencyById.TryGetValue(party.Agency, out var agency))
            {
                throw new ScaffoldException($"party `{party.Agency}` is not a known agency (no agencies/{party.Agency}.md); add the agency file first");
            }
            if (agency.Model.Mou?.Signed is null)
            {
                throw new ScaffoldException($"`{party.Agency}` ({agency.Model.Name}) has not signed the data sharing MOU (no `mou.signed` in agencies/{party.Agency}.md); {why}");
            }
        }
    }

    private static void RequireText(string option, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ScaffoldException($"{option} is empty; give it some text");
        if (value.Any(char.IsControl)) throw new ScaffoldException($"{option} holds a line break or control character; give it one line of plain text");
    }

    private static string Status(Agreement agreement) => agreement.Status is { } s ? $"`{YamlText.Enum(s)}`" : "without a status";
}
