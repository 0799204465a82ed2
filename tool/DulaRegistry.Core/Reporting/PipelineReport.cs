using DulaRegistry.History;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;

namespace DulaRegistry.Reporting;

/// <summary>
/// The registry's pipeline as the Data Office and the coordinators follow it: agreements by status and by agency, executed
/// agreements expiring within the renewal window, stale drafts, legacy agreements due to migrate, and per agency what is
/// waiting on it (the <see cref="NextSteps"/> checklist items it must act on).
/// </summary>
public sealed record PipelineReport
{
    /// <summary>A draft untouched for this many days or more is stale.</summary>
    public const int StaleDays = 30;

    public required string Registry { get; init; }
    public required DateOnly Today { get; init; }
    /// <summary>The agency id the report is restricted to (agreements where it is a party), or null.</summary>
    public string? Agency { get; init; }
    /// <summary>Validation errors in the registry; the report still shows the files as they are.</summary>
    public int Errors { get; init; }
    public required int RenewalWindowDays { get; init; }
    public required int Agreements { get; init; }
    public required IReadOnlyList<StatusCountRow> ByStatus { get; init; }
    public required IReadOnlyList<AgencyPipelineRow> ByAgency { get; init; }
    public required IReadOnlyList<ExpiringRow> Expiring { get; init; }
    public required StaleDraftSection StaleDrafts { get; init; }
    public required IReadOnlyList<ExpiringRow> LegacyToMigrate { get; init; }
    public required IReadOnlyList<WaitingGroup> WaitingOnYou { get; init; }

    /// <param name="history">The agreements' Git history; <see cref="RegistryHistory.Note"/> with no entries means there is none.</param>
    /// <param name="agency">Restrict to agreements where this agency is a party.</param>
    /// <param name="errors">How many validation errors the registry has.</param>
    public static PipelineReport Build(LoadedRegistry registry, RegistryHistory history, DateOnly today, string? agency = null, int errors = 0)
    {
        var window = registry.Settings.EffectiveRenewalWindowDays;
        var agencies = registry.AgencyById;
        var agreements = registry.Agreements
            .Where(a => a.Model.Id is { Length: > 0 })
            .DistinctBy(a => a.Model.Id, StringComparer.Ordinal)
            .Where(a => agency is null || PartiesOf(a.Model).Contains(agency, StringComparer.Ordinal))
            .OrderBy(a => a.Model.Id, StringComparer.Ordinal)
            .ToList();

        var byStatus = CountByStatus(agreements);
        var byAgency = agreements.SelectMany(a => PartiesOf(a.Model).Select(p => (Agency: p, Doc: a)))
            .GroupBy(x => x.Agency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgencyPipelineRow(g.Key, NameOf(g.Key, agencies), g.Count(), CountByStatus(g.Select(x => x.Doc).ToList())))
            .ToList();

        var horizon = today.AddDaysClamped(window);
        var expiring = agreements
            .Where(a => a.Model.Status == AgreementStatus.Executed && a.Model.Term?.Expires is { } e && e <= horizon)
            .Select(a => Expiry(a, today))
            .OrderBy(r => r.Expires).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var legacy = expiring.Where(r => registry.AgreementById[r.Id].Model.Framework == AgreementFramework.Legacy).ToList();

        var waiting = new Dictionary<string, List<WaitingItem>>(StringComparer.Ordinal);
        var dataOffice = new List<WaitingItem>();
        foreach (var doc in agreements)
        {
            if (NextSteps.For(doc, agencies) is not { } steps) continue;
            foreach (var step in steps.Items)
            {
                var item = new WaitingItem(doc.Model.Id!, TitleOf(doc), step.Text);
                if (step.Who.Agencies.Count == 0) dataOffice.Add(item);
                foreach (var actor in step.Who.Agencies)
                {
                    if (!waiting.TryGetValue(actor, out var list)) waiting[actor] = list = [];
                    list.Add(item);
                }
            }
        }
        var groups = waiting.OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new WaitingGroup(w.Key, NameOf(w.Key, agencies), w.Value))
            .ToList();
        if (dataOffice.Count > 0) groups.Add(new WaitingGroup(null, "the Data Office", dataOffice));

        return new PipelineReport
        {
            Registry = registry.Settings.EffectiveName,
            Today = today,
            Agency = agency,
            Errors = errors,
            RenewalWindowDays = window,
            Agreements = agreements.Count,
            ByStatus = byStatus,
            ByAgency = byAgency,
            Expiring = expiring,
            StaleDrafts = Stale(agreements, history, today),
            LegacyToMigrate = legacy,
            WaitingOnYou = groups,
        };
    }

    private static StaleDraftSection Stale(List<RegistryDocument<Agreement>> agreements, RegistryHistory history, DateOnly today)
    {
        // An empty history with a note: not a Git work tree (or it could not be read). A shallow clone keeps its entries.
        if (history.Agreements.Count == 0 && history.Note is not null) return new StaleDraftSection(false, history.Note, []);
        var rows = new List<StaleDraftRow>();
        foreach (var doc in agreements)
        {
            if (doc.Model.Status is not (AgreementStatus.Proposed or AgreementStatus.Drafting or AgreementStatus.InReview)) continue;
            // A file never committed has no last change: it is new, not stale.
            if (history.For(doc.Stem).LastChanged is not { } last) continue;
            var changed = DateOnly.FromDateTime(last.Date.DateTime);
            var days = today.DayNumber - changed.DayNumber;
            if (days >= StaleDays) rows.Add(new StaleDraftRow(doc.Model.Id!, TitleOf(doc), Status(doc.Model.Status), changed, days));
        }
        return new StaleDraftSection(true, history.Note,
            rows.OrderByDescending(r => r.DaysUntouched).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());
    }

    private static ExpiringRow Expiry(RegistryDocument<Agreement> doc, DateOnly today)
    {
        var expires = doc.Model.Term!.Expires!.Value;
        return new ExpiringRow(doc.Model.Id!, TitleOf(doc), expires, expires.DayNumber - today.DayNumber);
    }

    private static List<StatusCountRow> CountByStatus(List<RegistryDocument<Agreement>> agreements) =>
        agreements.GroupBy(a => a.Model.Status)
            .OrderBy(g => g.Key is null ? int.MaxValue : (int)g.Key)
            .Select(g => new StatusCountRow(Status(g.Key), g.Count()))
            .ToList();

    private static List<string> PartiesOf(Agreement a) =>
        a.Parties.Select(p => p.Agency).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static string Status(AgreementStatus? status) => status is { } s ? FrontMatterBinder.EnumName(s) : "(no status)";

    private static string TitleOf(RegistryDocument<Agreement> doc) => string.IsNullOrWhiteSpace(doc.Model.Title) ? doc.Model.Id! : doc.Model.Title.Trim();

    private static string NameOf(string id, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies) =>
        agencies.TryGetValue(id, out var a) && !string.IsNullOrWhiteSpace(a.Model.Name) ? a.Model.Name.Trim() : id;
}
