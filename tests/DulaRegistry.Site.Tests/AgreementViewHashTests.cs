using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using DulaRegistry.Model;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// An agreement page is rendered again only when its view's hash changes (<see cref="AgreementViewHash"/>), and that hash is
/// written field by field: a property it leaves out would leave pages stale. These tests take a view with every property
/// set and change each property in turn, at every depth (nested records, each list's items, its length and order), and
/// require a different hash every time. A property added to a view must be set in <see cref="FullView"/> (the first test
/// fails otherwise), and then written by the hash (the second fails otherwise).
/// </summary>
public sealed class AgreementViewHashTests
{
    [Fact]
    public void The_test_view_sets_every_property_at_every_depth()
    {
        var unset = new List<string>();
        Walk(FullView(), typeof(AgreementView), nameof(AgreementView), unset);
        unset.ShouldBeEmpty("set these in FullView(), with lists of two different items, so that their changes are tested");
    }

    [Fact]
    public void Changing_any_property_at_any_depth_changes_the_hash()
    {
        var view = FullView();
        var original = AgreementViewHash.Of(view);
        var changes = Changes(view, typeof(AgreementView), nameof(AgreementView)).Where(c => c.Changed is AgreementView).ToList();
        changes.Count.ShouldBeGreaterThan(150); // every property, nested ones and list items included
        var unnoticed = changes.Where(c => AgreementViewHash.Of((AgreementView)c.Changed!) == original).Select(c => c.What).ToList();
        unnoticed.ShouldBeEmpty("these changes leave the hash as it was: write the property in AgreementViewHash");
    }

    [Fact]
    public void The_same_view_hashes_the_same_and_text_moved_between_fields_does_not()
    {
        AgreementViewHash.Of(FullView()).ShouldBe(AgreementViewHash.Of(FullView()));
        var view = FullView();
        // The boundary between two strings moves: lengths are written, so the bytes differ.
        var moved = view with { Title = view.Title + view.Url[..1], Url = view.Url[1..] };
        AgreementViewHash.Of(moved).ShouldNotBe(AgreementViewHash.Of(view));
        // An absent value differs from an empty one.
        AgreementViewHash.Of(view with { Purpose = null }).ShouldNotBe(AgreementViewHash.Of(view with { Purpose = "" }));
    }

    [Fact]
    public void A_view_larger_than_the_buffer_hashes_whole()
    {
        var view = FullView();
        var large = view with { Purpose = new string('x', 100_000) };
        var larger = view with { Purpose = new string('x', 100_000) + "y" };
        AgreementViewHash.Of(large).ShouldNotBe(AgreementViewHash.Of(larger));
        AgreementViewHash.Of(large).ShouldBe(AgreementViewHash.Of(view with { Purpose = new string('x', 100_000) }));
    }

    /// <summary>The properties a page is rendered from: those with a setter that JSON took (computed ones have none or are
    /// [JsonIgnore]d), and the body, which is [JsonIgnore]d from JSON but hashed.</summary>
    private static IEnumerable<PropertyInfo> Inputs(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is not null && (p.GetCustomAttribute<JsonIgnoreAttribute>() is null || p.PropertyType == typeof(RenderedBody)))
        .OrderBy(p => p.MetadataToken);

    private static bool IsLeaf(Type type) => type == typeof(string) || type.IsValueType;

    private static Type? ItemType(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
        ? type.GetGenericArguments()[0] : null;

    private static void Walk(object? value, Type type, string path, List<string> unset)
    {
        if (value is null)
        {
            unset.Add(path);
            return;
        }
        if (type == typeof(RenderedBody))
        {
            var body = (RenderedBody)value;
            if (body.Sections.Count < 2) unset.Add(path + ".Sections");
            return;
        }
        if (IsLeaf(type)) return;
        if (ItemType(type) is { } itemType)
        {
            var items = ((IEnumerable)value).Cast<object>().ToList();
            if (items.Count < 2) unset.Add(path + " (needs two items)");
            for (var i = 0; i < items.Count; i++) Walk(items[i], itemType, $"{path}[{i}]", unset);
            return;
        }
        foreach (var property in Inputs(type)) Walk(property.GetValue(value), property.PropertyType, $"{path}.{property.Name}", unset);
    }

    /// <summary>Every single change of <paramref name="value"/>: each property changed (and made absent), recursively.</summary>
    /// <param name="nullable">The value may be absent (a property declared nullable): absent is a change too.</param>
    private static IEnumerable<(string What, object? Changed)> Changes(object? value, Type type, string path, bool nullable = false)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (nullable) yield return (path + " = null", null);
        var leafType = underlying ?? type;
        switch (value)
        {
            case null:
                yield break;
            case string s:
                yield return (path + " + '~'", s + "~");
                yield break;
            case int n:
                yield return (path + " + 1", n + 1);
                yield break;
            case DateOnly d:
                yield return (path + " + 1 day", d.AddDays(1));
                yield break;
            case DateTimeOffset t:
                yield return (path + " + 1 tick", t.AddTicks(1));
                yield return (path + " in another offset", t.ToOffset(t.Offset + TimeSpan.FromHours(1)));
                yield break;
            case Enum e:
                var values = Enum.GetValues(leafType).Cast<object>().ToList();
                yield return (path + " another value", values[(values.IndexOf(e) + 1) % values.Count]);
                yield break;
            case RenderedBody body:
                yield return (path + " other HTML", new RenderedBody(body.Html + "<p>more</p>", body.Sections));
                foreach (var (what, sections) in Changes(body.Sections, typeof(IReadOnlyList<TocEntry>), path + ".Sections"))
                {
                    if (sections is not null) yield return (what, new RenderedBody(body.Html, (IReadOnlyList<TocEntry>)sections));
                }
                yield break;
        }
        if (ItemType(type) is { } itemType)
        {
            var items = ((IEnumerable)value).Cast<object>().ToList();
            yield return (path + " without its last item", List(itemType, items.Take(items.Count - 1)));
            yield return (path + " with its first item again", List(itemType, items.Append(items[0])));
            yield return (path + " reversed", List(itemType, Enumerable.Reverse(items)));
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var (what, item) in Changes(items[i], itemType, $"{path}[{i}]"))
                {
                    var changed = items.ToList();
                    changed[i] = item!;
                    yield return (what, List(itemType, changed));
                }
            }
            yield break;
        }
        var clone = type.GetMethod("<Clone>$") ?? throw new InvalidOperationException($"{type.Name} is not a record");
        foreach (var property in Inputs(type))
        {
            var mayBeAbsent = s_nullability.Create(property).WriteState == NullabilityState.Nullable;
            foreach (var (what, changed) in Changes(property.GetValue(value), property.PropertyType, $"{path}.{property.Name}", mayBeAbsent))
            {
                var copy = clone.Invoke(value, null)!;
                property.SetValue(copy, changed);
                yield return (what, copy);
            }
        }
    }

    private static readonly NullabilityInfoContext s_nullability = new();

    private static object List(Type itemType, IEnumerable<object> items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
        foreach (var item in items) list.Add(item);
        return list;
    }

    private static AgencyRef Agency(string id) => new(id, $"Agency {id}", id.ToUpperInvariant(), $"/agencies/{id}/");

    private static StatusView Status(string name) => new(name, $"Status {name}");

    /// <summary>A view with every property set, every list two different items long, at every depth.</summary>
    private static AgreementView FullView() => new()
    {
        Id = "DULA-2026-0001",
        Title = "Wage records for eligibility checks",
        Url = "/agreements/DULA-2026-0001/",
        Status = Status("executed"),
        StatusValue = AgreementStatus.Executed,
        Framework = new Choice("mou", "Statewide MOU"),
        Year = 2026,
        Purpose = "Check eligibility.",
        Parties =
        [
            new PartyView(Agency("dor"), new Choice("owner", "Data owner"), new Contact { Name = "Ann", Title = "Manager", Email = "ann@example.gov" },
                new Person { Name = "Bob", Title = "Commissioner" }),
            new PartyView(Agency("dph"), new Choice("recipient", "Data recipient"), new Contact { Name = "Cy", Title = "Lead", Email = "cy@example.gov" },
                new Person { Name = "Di", Title = "Secretary" }),
        ],
        Drafters = [new DrafterView("Eve", Agency("dor")), new DrafterView("Fay", Agency("dph"))],
        DataFlows =
        [
            new DataFlowView("Wages", Agency("dor"), [Agency("dph"), Agency("eohhs")], new Choice("pii", "PII"), ["name", "wage"], ["MGL 62C", "MGL 151A"],
                new Choice("monthly", "Monthly"), "SFTP"),
            new DataFlowView("Claims", Agency("dph"), [Agency("dor"), Agency("dua")], new Choice("phi", "PHI"), ["claim", "date"], ["HIPAA", "42 CFR 2"],
                new Choice("weekly", "Weekly"), "API"),
        ],
        LegalAuthority = [new LegalAuthority { Citation = "M.G.L. c. 62C, § 21", Note = "Allows" }, new LegalAuthority { Citation = "45 CFR 164", Note = "Requires" }],
        Term = new TermView(new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), 700, 3),
        Retention = "Seven years",
        ServiceRequest = "SR-1234",
        Signatures =
        [
            new SignatureView(Agency("dor"), "Bob", "Commissioner", new DateOnly(2026, 1, 2)),
            new SignatureView(Agency("dph"), "Di", "Secretary", new DateOnly(2026, 1, 3)),
        ],
        ExecutedOn = new DateOnly(2026, 1, 3),
        ExecutedCopySha256 = new string('a', 64),
        Ended = new DateOnly(2029, 1, 1),
        Supersedes = new AgreementRef("DULA-2020-0001", "Old wages", "/agreements/DULA-2020-0001/", Status("superseded")),
        SupersededBy =
        [
            new AgreementRef("DULA-2027-0001", "New wages", "/agreements/DULA-2027-0001/", Status("draft")),
            new AgreementRef("DULA-2027-0002", "Newer wages", "/agreements/DULA-2027-0002/", Status("in-review")),
        ],
        Amends = new AgreementRef("DULA-2025-0001", "Base", "/agreements/DULA-2025-0001/", Status("executed")),
        AmendedBy =
        [
            new AgreementRef("DULA-2026-0002", "Amendment 1", "/agreements/DULA-2026-0002/", Status("executed")),
            new AgreementRef("DULA-2026-0003", "Amendment 2", "/agreements/DULA-2026-0003/", Status("draft")),
        ],
        Tags = ["wages", "eligibility"],
        AgencyIds = ["dor", "dph"],
        SecretariatIds = ["anf", "eohhs"],
        Classifications = ["phi", "pii"],
        Regulations = ["HIPAA", "MGL 62C"],
        Body = new RenderedBody("<h2 id=\"scope\">Scope</h2><p>Text.</p>", [new TocEntry("scope", "Scope"), new TocEntry("terms", "Terms")]),
        SourcePath = "agreements/DULA-2026-0001.md",
        SourceUrl = "https://example.gov/blob/main/agreements/DULA-2026-0001.md",
        Timeline =
        [
            new StatusChangeView(Status("draft"), new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5)), "Drafted", "abc123", "Draft", "https://example.gov/commit/abc123"),
            new StatusChangeView(Status("executed"), new DateTimeOffset(2026, 1, 3, 9, 0, 0, TimeSpan.Zero), "Executed", "def456", "Execute", "https://example.gov/commit/def456"),
        ],
        LastChanged = new LastChangeView(new DateTimeOffset(2026, 1, 4, 9, 0, 0, TimeSpan.Zero), "fed789", "Fix typo", "https://example.gov/commit/fed789"),
        Sha256 = new string('b', 64),
        NextSteps = new NextStepsView(Status("final"), Status("in-review"),
        [
            new NextStepView(Status("final"), "a signatory", "DOR's coordinators (Ann)"),
            new NextStepView(Status("final"), "a DULA manager", "DPH's coordinators (Cy)"),
        ]),
    };
}
