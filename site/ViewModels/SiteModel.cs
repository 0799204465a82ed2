using System.Collections.Frozen;
using System.Globalization;
using DulaRegistry.History;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Validation;
using DulaRegistry.Validation.Rules;

namespace DulaRegistry.Site.ViewModels;

/// <summary>Everything the pages and exports show, built once from the loaded registry. Pages never see the loaded records.</summary>
public sealed record SiteModel
{
    /// <summary>
    /// Rows per page of an agreements listing. A registry of at most this many agreements has one index page (with a year
    /// filter); a larger one has the index of all agreements and one listing per year, each in pages of this many.
    /// </summary>
    public const int PageSize = 200;

    public required string Name { get; init; }
    public string? RepositoryUrl { get; init; }
    public required SiteUrls Urls { get; init; }
    public required DateOnly Today { get; init; }
    public required int RenewalWindowDays { get; init; }
    /// <summary>Sorted by id.</summary>
    public required IReadOnlyList<AgreementView> Agreements { get; init; }
    /// <summary>Sorted by name.</summary>
    public required IReadOnlyList<AgencyView> Agencies { get; init; }
    public required FrozenDictionary<string, AgreementView> AgreementById { get; init; }
    public required FrozenDictionary<string, AgencyView> AgencyById { get; init; }
    public required IReadOnlyList<StatusCount> StatusCounts { get; init; }
    /// <summary>Executed agreements that expire within the renewal window of <see cref="Today"/> (or have expired but are still marked executed), soonest first.</summary>
    public required IReadOnlyList<AgreementView> Expiring { get; init; }
    /// <summary>Executed agreements, latest signature first.</summary>
    public required IReadOnlyList<AgreementView> Executed { get; init; }
    public required IReadOnlyList<SecretariatGroup> SecretariatGroups { get; init; }
    /// <summary>Executed data flows, de-duplicated by from→to, sorted by from then to.</summary>
    public required IReadOnlyList<FlowEdge> Flows { get; init; }
    public required FilterOptions Filters { get; init; }
    /// <summary>The first page of the agreements index (agreements/index.html).</summary>
    public required AgreementListing Index { get; init; }
    /// <summary>For large registries, the first page of each year's listing (newest first); empty otherwise.</summary>
    public required IReadOnlyList<AgreementListing> YearListings { get; init; }
    /// <summary>Every listing page but <see cref="Index"/>: the index's further pages, then each year's pages.</summary>
    public required IReadOnlyList<AgreementListing> ListingPages { get; init; }

    /// <summary>The signed publication (registry publish): key fingerprint, log and proofs; null on a plain build.</summary>
    public PublicationView? Publication { get; init; }

    public IEnumerable<AgreementView> RecentlyExecuted => Executed.Take(10);

    /// <param name="cancellationToken">Checked between agreements' views (at 100,000 agreements this takes seconds, and a
    /// signalled build has two to stop in).</param>
    public static SiteModel Create(LoadedRegistry registry, SiteUrls urls, DateOnly today,
        History.RegistryHistory? history = null, CancellationToken cancellationToken = default)
    {
        var settings = registry.Settings;
        var repositoryUrl = settings.RepositoryUrl is { Length: > 0 } r && !DulaRegistry.Loading.BodyFacts.IsUnsafe(r) ? r : null;
        string? Source(string path) => repositoryUrl is null ? null : repositoryUrl.TrimEnd('/') + "/blob/main/" + path;
        // Thousands of status changes name the same few commits: each commit's link is made once.
        var commitUrls = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        string? CommitUrl(string sha) => repositoryUrl is null ? null : commitUrls.GetOrAdd(sha, static (sha, url) => url.TrimEnd('/') + "/commit/" + sha, repositoryUrl);
        var changeViews = new System.Collections.Concurrent.ConcurrentDictionary<(StatusChange, bool), StatusChangeView>();
        // The checklists name the same few people and roles on thousands of agreements ("DPH's coordinators (Jane Doe)"): each
        // text is kept once (at 100,000 agreements, 25 MB of copies).
        var phrases = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        string Phrase(string text) => phrases.GetOrAdd(text, text);
        IReadOnlyList<StatusChangeView> Timeline(string stem) => history is null ? [] : Timelines.Of(history.For(stem), CommitUrl, changeViews);
        LastChangeView? LastChanged(string stem) => history?.For(stem).LastChanged is { } last
            ? new LastChangeView(last.Date, last.Commit, last.Subject, CommitUrl(last.Commit))
            : null;

        // Agencies first (without their agreements), so agreements can refer to them.
        var agencyDocs = registry.Agencies
            .Where(a => a.Model.Id is { Length: > 0 })
            .DistinctBy(a => a.Model.Id, StringComparer.Ordinal)
            .ToList();
        var agencyRefs = agencyDocs.ToDictionary(
            a => a.Model.Id!,
            a => new AgencyRef(a.Model.Id!, a.Model.Name ?? a.Model.Id!, a.Model.Acronym, urls.Agency(a.Model.Id!)),
            StringComparer.Ordinal);
        AgencyRef Agency(string? id) => id is null ? new("", "—", null, null)
            : agencyRefs.TryGetValue(id, out var a) ? a : new(id, id, null, null);
        string? SecretariatOf(string id) => registry.AgencyById.TryGetValue(id, out var a)
            ? a.Model.Kind == AgencyKind.Secretariat ? a.Model.Id : a.Model.Secretariat
            : null;

        var agreementDocs = registry.Agreements
            .Where(a => a.Model.Id is { Length: > 0 })
            .DistinctBy(a => a.Model.Id, StringComparer.Ordinal)
            .OrderBy(a => a.Model.Id, StringComparer.Ordinal)
            .ToList();
        var byId = agreementDocs.ToDictionary(a => a.Model.Id!, StringComparer.Ordinal);
        AgreementRef Ref(string id) => byId.TryGetValue(id, out var doc)
            ? new(id, doc.Model.Title, urls.Agreement(id), StatusView.Of(doc.Model.Status))
            : new(id, null, null, null);

        // Lineage, both directions.
        var supersededBy = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var amendedBy = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        static void Add(Dictionary<string, SortedSet<string>> index, string key, string value)
        {
            if (!index.TryGetValue(key, out var set)) index[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(value);
        }
        foreach (var doc in agreementDocs)
        {
            var a = doc.Model;
            if (a.Supersedes is { Length: > 0 } s) Add(supersededBy, s, a.Id!);
            if (a.SupersededBy is { Length: > 0 } sb) Add(supersededBy, a.Id!, sb);
            if (a.Amends is { Length: > 0 } am) Add(amendedBy, am, a.Id!);
        }

        // Views are independent of each other: made on every core, each into its own slot, so in order.
        AgreementView ViewOf(RegistryDocument<Agreement> doc)
        {
            var a = doc.Model;
            var id = a.Id!;
            var parties = a.Parties.Select(p => new PartyView(Agency(p.Agency), Labels.Of(p.Role), p.DulaManager, p.Signatory)).ToList();
            var agencyIds = new List<string>(a.Parties.Count);
            foreach (var party in a.Parties)
            {
                if (party.Agency is { } agencyId) agencyIds.Add(agencyId);
            }
            SortDistinct(agencyIds);
            var secretariatIds = new List<string>(agencyIds.Count);
            foreach (var agencyId in agencyIds)
            {
                if (SecretariatOf(agencyId) is { } secretariat) secretariatIds.Add(secretariat);
            }
            SortDistinct(secretariatIds);
            var classifications = new List<DataClassification>(a.Data.Count);
            var regulations = new List<string>();
            foreach (var item in a.Data)
            {
                if (item.Classification is { } classification) classifications.Add(classification);
                regulations.AddRange(item.Regulations);
            }
            SortDistinct(classifications, Comparer<DataClassification>.Default);
            SortDistinct(regulations);
            var flows = a.Data.Select(d => new DataFlowView(
                d.Name ?? "",
                d.From is null ? null : Agency(d.From),
                d.To.Select(Agency).ToList(),
                d.Classification is null ? null : Labels.Of(d.Classification),
                d.Elements,
                d.Regulations,
                d.Frequency is null ? null : Labels.Of(d.Frequency),
                d.Transfer)).ToList();
            var expires = a.Term?.Expires;
            var body = RenderedBody.Of(doc);
            return new AgreementView
            {
                Id = id,
                Title = string.IsNullOrWhiteSpace(a.Title) ? id : a.Title,
                Url = urls.Agreement(id),
                Status = StatusView.Of(a.Status),
                StatusValue = a.Status,
                Framework = Labels.Of(a.Framework),
                Year = YearOf(id),
                Purpose = a.Purpose,
                Parties = parties,
                Drafters = a.Drafters.Select(d => new DrafterView(d.Name ?? "", d.Agency is null ? null : Agency(d.Agency))).ToList(),
                DataFlows = flows,
                LegalAuthority = a.LegalAuthority,
                Term = TermView.On(a.Term?.Effective, expires, today),
                Retention = a.Retention,
                ServiceRequest = a.ServiceRequest,
                Signatures = a.Signatures.Select(s => new SignatureView(s.Agency is null ? null : Agency(s.Agency), s.Name, s.Title, s.Date)).ToList(),
                ExecutedOn = a.Signatures.Select(s => s.Date).Max(),
                ExecutedCopySha256 = a.ExecutedCopy?.Sha256,
                Ended = a.Ended,
                Supersedes = a.Supersedes is { Length: > 0 } sup ? Ref(sup) : null,
                SupersededBy = supersededBy.TryGetValue(id, out var sbs) ? sbs.Select(Ref).ToList() : [],
                Amends = a.Amends is { Length: > 0 } amends ? Ref(amends) : null,
                AmendedBy = amendedBy.TryGetValue(id, out var abs) ? abs.Select(Ref).ToList() : [],
                Tags = a.Tags,
                AgencyIds = agencyIds,
                SecretariatIds = secretariatIds,
                Classifications = classifications.ConvertAll(c => DulaRegistry.Loading.FrontMatterBinder.EnumName(c)),
                Regulations = regulations,
                Body = body,
                SourcePath = doc.Path,
                SourceUrl = Source(doc.Path),
                Timeline = Timeline(doc.Stem),
                LastChanged = LastChanged(doc.Stem),
                Sha256 = doc.Sha256,
                NextSteps = NextStepsOf(doc, registry, Phrase),
            };
        }
        var views = new AgreementView[agreementDocs.Count];
        Parallel.For(0, views.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => views[i] = ViewOf(agreementDocs[i]));
        var agreements = views.ToList();
        var agreementById = agreements.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);

        // Agencies with their agreements.
        var membersOf = agencyDocs
            .Where(a => a.Model.Secretariat is { Length: > 0 })
            .GroupBy(a => a.Model.Secretariat!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => agencyRefs[a.Model.Id!]).OrderBy(a => a.Name, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        // Each agency's agreements as an owner and as a recipient, in one pass over the agreements (not one pass per agency, nor
        // a lookup of each agreement's parties per agency), in id order.
        var ownerIn = new Dictionary<string, List<AgreementView>>(StringComparer.Ordinal);
        var recipientIn = new Dictionary<string, List<AgreementView>>(StringComparer.Ordinal);
        static bool Plays(List<Party> parties, string agencyId, bool owner)
        {
            foreach (var p in parties)
            {
                if (p.Agency == agencyId && (owner ? Lifecycle.IsOwner(p.Role) : Lifecycle.IsRecipient(p.Role))) return true;
            }
            return false;
        }
        static void AddTo(Dictionary<string, List<AgreementView>> index, string agencyId, AgreementView a)
        {
            if (!index.TryGetValue(agencyId, out var list)) index[agencyId] = list = [];
            list.Add(a);
        }
        for (var i = 0; i < agreements.Count; i++)
        {
            var a = agreements[i];
            var parties = agreementDocs[i].Model.Parties; // views[i] was made from agreementDocs[i]
            foreach (var agencyId in a.AgencyIds)
            {
                if (Plays(parties, agencyId, owner: true)) AddTo(ownerIn, agencyId, a);
                if (Plays(parties, agencyId, owner: false)) AddTo(recipientIn, agencyId, a);
            }
        }
        var agencies = agencyDocs.Select(doc =>
        {
            var m = doc.Model;
            var id = m.Id!;
            return new AgencyView
            {
                Id = id,
                Name = m.Name ?? id,
                Acronym = m.Acronym,
                Url = urls.Agency(id),
                Kind = Labels.Of(m.Kind),
                Secretariat = m.Secretariat is { Length: > 0 } sec ? Agency(sec) : null,
                MouSigned = m.Mou?.Signed,
                Coordinators = m.Coordinators,
                LegalReviewers = m.LegalReviewers,
                Signatories = m.Signatories,
                Website = m.Website is { Length: > 0 } w && !DulaRegistry.Loading.BodyFacts.IsUnsafe(w) ? w : null,
                BodyHtml = RenderedBody.Of(doc).Html,
                SourcePath = doc.Path,
                SourceUrl = Source(doc.Path),
                AsOwner = ownerIn.TryGetValue(id, out var owns) ? owns : [],
                AsRecipient = recipientIn.TryGetValue(id, out var receives) ? receives : [],
                Members = membersOf.TryGetValue(id, out var members) ? members : [],
            };
        }).OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var agencyById = agencies.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);

        var statusCounts = Enum.GetValues<AgreementStatus>()
            .Select(s => new StatusCount(StatusView.Of(s), agreements.Count(a => a.StatusValue == s)))
            .ToList();
        var executed = agreements.Where(a => a.StatusValue == AgreementStatus.Executed).ToList();
        var horizon = today.AddDaysClamped(settings.EffectiveRenewalWindowDays);
        var expiring = executed.Where(a => a.Term.Expires is { } e && e <= horizon)
            .OrderBy(a => a.Term.Expires).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var recent = executed.OrderByDescending(a => a.ExecutedOn).ThenByDescending(a => a.Id, StringComparer.Ordinal).ToList();

        return new SiteModel
        {
            Name = settings.EffectiveName,
            RepositoryUrl = repositoryUrl,
            Urls = urls,
            Today = today,
            RenewalWindowDays = settings.EffectiveRenewalWindowDays,
            Agreements = agreements,
            Agencies = agencies,
            AgreementById = agreementById,
            AgencyById = agencyById,
            StatusCounts = statusCounts,
            Expiring = expiring,
            Executed = recent,
            SecretariatGroups = GroupBySecretariat(agencies),
            Flows = FlowsOf(agreements),
            Filters = FiltersOf(agreements, agencyById),
            Index = IndexOf(agreements, urls, out var years, out var more),
            YearListings = years,
            ListingPages = more,
        };
    }

    private static NextStepsView? NextStepsOf(RegistryDocument<Agreement> doc, LoadedRegistry registry, Func<string, string> phrase) =>
        DulaRegistry.Reporting.NextSteps.For(doc, registry.AgencyById) is { } steps
            ? new NextStepsView(StatusView.Of(steps.Next), StatusView.Of(steps.Gate),
                steps.Items.Select(i => new NextStepView(StatusView.Of(i.Status), phrase(i.What), phrase(i.Who.Text))).ToList())
            : null;

    /// <summary>
    /// Sorts <paramref name="values"/> in place and drops repeats: the distinct values in order, in the list they were
    /// gathered in. Every agreement's view has four such lists; made with Distinct and Order they were most of what building
    /// the site model allocated.
    /// </summary>
    private static void SortDistinct<T>(List<T> values, IComparer<T> comparer)
    {
        values.Sort(comparer);
        var kept = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (kept == 0 || comparer.Compare(values[kept - 1], values[i]) != 0) values[kept++] = values[i];
        }
        values.RemoveRange(kept, values.Count - kept);
    }

    private static void SortDistinct(List<string> values) => SortDistinct(values, StringComparer.Ordinal);

    private static int? YearOf(string id)
    {
        // The second-last of three or more parts separated by '-' (DULA-2026-0001), read in place: no array, no strings.
        var last = id.LastIndexOf('-');
        if (last <= 0) return null;
        var before = id.AsSpan(0, last);
        var start = before.LastIndexOf('-') + 1;
        return start > 0 && int.TryParse(before[start..], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;
    }

    private static AgreementListing IndexOf(List<AgreementView> agreements, SiteUrls urls,
        out IReadOnlyList<AgreementListing> years, out IReadOnlyList<AgreementListing> more)
    {
        var index = Paginate(agreements, null, urls);
        if (agreements.Count <= PageSize)
        {
            years = [];
            more = [];
            return index[0];
        }
        var yearPages = agreements
            .Where(a => a.Year is not null)
            .GroupBy(a => a.Year!.Value)
            .OrderByDescending(g => g.Key)
            .Select(g => Paginate(g.ToList(), g.Key, urls))
            .ToList();
        years = yearPages.Select(pages => pages[0]).ToList();
        more = [.. index.Skip(1), .. yearPages.SelectMany(pages => pages)];
        return index[0];
    }

    /// <summary>A listing cut into pages of <see cref="PageSize"/> rows (one page, maybe empty, at least).</summary>
    private static List<AgreementListing> Paginate(List<AgreementView> agreements, int? year, SiteUrls urls)
    {
        var count = Math.Max(1, (agreements.Count + PageSize - 1) / PageSize);
        var pageUrls = Enumerable.Range(1, count).Select(page => urls.AgreementsListing(year, page)).ToList();
        return Enumerable.Range(1, count).Select(page =>
        {
            var first = (page - 1) * PageSize;
            return new AgreementListing(SiteUrls.AgreementsListingPath(year, page), pageUrls[page - 1], year,
                agreements.GetRange(Math.Min(first, agreements.Count), Math.Min(PageSize, Math.Max(0, agreements.Count - first))),
                page, first, agreements.Count, pageUrls);
        }).ToList();
    }

    private static List<SecretariatGroup> GroupBySecretariat(List<AgencyView> agencies)
    {
        var secretariats = agencies.Where(a => a.Kind.Name == "secretariat").ToList();
        var groups = secretariats.Select(s => new SecretariatGroup(
            s.Id, s.Display, s,
            agencies.Where(a => a.Secretariat?.Id == s.Id).ToList())).ToList();
        var known = secretariats.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var others = agencies.Where(a => a.Kind.Name != "secretariat" && (a.Secretariat is null || !known.Contains(a.Secretariat.Id))).ToList();
        if (others.Count > 0) groups.Add(new SecretariatGroup("independent", "Outside a secretariat", null, others));
        return groups;
    }

    private static List<FlowEdge> FlowsOf(List<AgreementView> agreements)
    {
        var edges = new SortedDictionary<(string From, string To), (AgencyRef From, AgencyRef To, SortedSet<string> Ids)>();
        var refs = new Dictionary<string, AgreementRef>(StringComparer.Ordinal);
        foreach (var a in agreements.Where(a => a.StatusValue == AgreementStatus.Executed))
        {
            refs[a.Id] = a.Ref;
            foreach (var flow in a.DataFlows)
            {
                if (flow.From is null) continue;
                foreach (var to in flow.To)
                {
                    var key = (flow.From.Id, to.Id);
                    if (!edges.TryGetValue(key, out var edge)) edges[key] = edge = (flow.From, to, new SortedSet<string>(StringComparer.Ordinal));
                    edge.Ids.Add(a.Id);
                }
            }
        }
        return edges.Values.Select(e => new FlowEdge(e.From, e.To, e.Ids.Select(id => refs[id]).ToList())).ToList();
    }

    private static FilterOptions FiltersOf(List<AgreementView> agreements, FrozenDictionary<string, AgencyView> agencyById)
    {
        Choice AgencyChoice(string id) => agencyById.TryGetValue(id, out var a) ? new Choice(id, a.Display) : new Choice(id, id);
        var statuses = Enum.GetValues<AgreementStatus>().Select(s => Labels.Of(s))
            .Where(c => agreements.Any(a => a.Status.Name == c.Name)).ToList();
        var agencyChoices = agreements.SelectMany(a => a.AgencyIds).Distinct(StringComparer.Ordinal)
            .Select(AgencyChoice).OrderBy(c => c.Label, StringComparer.Ordinal).ToList();
        var secretariats = agreements.SelectMany(a => a.SecretariatIds).Distinct(StringComparer.Ordinal)
            .Select(AgencyChoice).OrderBy(c => c.Label, StringComparer.Ordinal).ToList();
        var classifications = Enum.GetValues<DataClassification>().Select(c => Labels.Of(c))
            .Where(c => agreements.Any(a => a.Classifications.Contains(c.Name))).ToList();
        var regulations = agreements.SelectMany(a => a.Regulations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(r => new Choice(r, Labels.Regulation(r))).ToList();
        var frameworks = Enum.GetValues<AgreementFramework>().Select(f => Labels.Of(f))
            .Where(c => agreements.Any(a => a.Framework.Name == c.Name)).ToList();
        var years = agreements.Select(a => a.Year).OfType<int>().Distinct().OrderDescending()
            .Select(y => y.ToString(CultureInfo.InvariantCulture)).Select(y => new Choice(y, y)).ToList();
        return new FilterOptions(statuses, agencyChoices, secretariats, classifications, regulations, frameworks, years);
    }
}
