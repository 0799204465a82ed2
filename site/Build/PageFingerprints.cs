using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DulaRegistry.Site.Components.Pages;
using DulaRegistry.Site.Graph;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// A fingerprint of everything a page is rendered from, for the pages that show one agreement or one agency and for the
/// pages of the agreements listings (all but a few of a large site's pages): a 128-bit XXH3 hash over the component, the
/// page's path, the site-wide values every page shows (name, counts in the footer, date, base URL, publication) and the
/// page's own view model, whole: an agreement's view by its own hash, written field by field (<see cref="AgreementViewHash"/>),
/// the others serialized as JSON. The view model already holds what the page shows of other files (party names, lineage,
/// next steps), so a change anywhere that the page shows changes its fingerprint. An agency page and a listing page
/// take their agreements' fingerprints rather than their view models again; a listing page also takes the year links and
/// the filters' choices it shows. The graph page takes its drawing (the SVG enters as its hash) and what its table shows of
/// each flow: the two agencies, the count and the agreements it names, not their titles or statuses (retitling an agreement
/// leaves the 1.4 MB page of a 10,000-agreement site as it is). The others (home, agencies index) show the whole registry and
/// are always rendered: they get no fingerprint. The hash tells one build's inputs from the next build's, it is no signature: a fast
/// non-cryptographic hash is enough (SHA-256 was half of this step).
/// </summary>
public static class PageFingerprints
{
    /// <summary>Fingerprints by page path, for the pages that have one.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyList<PageSpec> pages, SiteModel site)
    {
        var globals = JsonSerializer.SerializeToUtf8Bytes(new SiteGlobals(site.Name, site.RepositoryUrl, site.Urls.Home, site.Today,
            site.RenewalWindowDays, site.Publication, site.Agreements.Count, site.Agencies.Count), FingerprintJson.Default.SiteGlobals);
        // Each page's fingerprint into its own slot (no shared table to contend for), gathered into one table at the end. Held as
        // numbers: the pages that list agreements take their fingerprints as 16 bytes each, with no string made for them.
        var fingerprints = new UInt128?[pages.Count];
        int[] Indexes(Type component) => [.. Enumerable.Range(0, pages.Count).Where(i => pages[i].Component == component)];

        // Agreement pages first: agency and listing pages take their agreements' fingerprints.
        var agreementPages = Indexes(typeof(AgreementPage));
        Parallel.ForEach(agreementPages, i =>
        {
            // The view enters as its own hash, written field by field (the body's HTML by its hash): far faster than its JSON.
            var view = AgreementViewHash.Of((AgreementView)pages[i].Parameter("Agreement")!);
            fingerprints[i] = Fingerprint(pages[i], globals, MemoryMarshal.AsBytes(new ReadOnlySpan<UInt128>(in view)), []);
        });
        var byAgreement = new Dictionary<string, UInt128>(agreementPages.Length, StringComparer.Ordinal);
        foreach (var i in agreementPages) byAgreement[((AgreementView)pages[i].Parameter("Agreement")!).Id] = fingerprints[i]!.Value;

        Parallel.ForEach(Indexes(typeof(AgencyPage)), i =>
        {
            var agency = (AgencyView)pages[i].Parameter("Agency")!;
            // How many it owns, then the fingerprints of those it owns and of those it receives.
            var theirs = Agreements(agency.AsOwner.Count, agency.AsOwner.Concat(agency.AsRecipient));
            fingerprints[i] = Fingerprint(pages[i], globals, agency with { AsOwner = [], AsRecipient = [] }, FingerprintJson.Default.AgencyView,
                theirs);
        });
        // A listing page shows the year links and the filters (the same on every listing page) and its rows.
        var years = site.YearListings.Select(y => new YearLink(y.Year, y.Url, y.Total)).ToList();
        Parallel.ForEach(Indexes(typeof(AgreementsIndexPage)), i =>
        {
            var listing = (AgreementListing)pages[i].Parameter("Listing")!;
            fingerprints[i] = Fingerprint(pages[i], globals, new ListingInputs(listing with { Agreements = [] }, years, site.Filters),
                FingerprintJson.Default.ListingInputs, Agreements(listing.Agreements.Count, listing.Agreements));
        });
        foreach (var i in Indexes(typeof(GraphPage)))
        {
            var graph = (FlowGraphView)pages[i].Parameter("Graph")!;
            var flows = site.Flows.Select(f => new FlowRow(f.From, f.To, f.Count,
                [.. f.Agreements.Take(GraphPage.ListedPerFlow).Select(a => new AgreementLink(a.Id, a.Url))])).ToList();
            fingerprints[i] = Fingerprint(pages[i], globals, new GraphInputs(graph with { Svg = "" }, flows), FingerprintJson.Default.GraphInputs,
                MemoryMarshal.AsBytes(graph.Svg.AsSpan()));
        }
        var result = new Dictionary<string, string>(pages.Count, StringComparer.Ordinal);
        Span<byte> digest = stackalloc byte[16];
        for (var i = 0; i < pages.Count; i++)
        {
            if (fingerprints[i] is not { } fingerprint) continue;
            BinaryPrimitives.WriteUInt128BigEndian(digest, fingerprint);
            result[pages[i].Path] = Convert.ToHexStringLower(digest);
        }
        return result;

        // A count, then the agreements' fingerprints, 16 bytes each, into this thread's buffer (valid until its next use). An
        // agreement listed on a page always has a page of its own; the fallback covers one that does not.
        ReadOnlySpan<byte> Agreements(int count, IEnumerable<AgreementView> agreements)
        {
            var buffer = t_agreements ??= new ArrayBufferWriter<byte>(16 * 1024);
            buffer.ResetWrittenCount();
            BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), count);
            buffer.Advance(4);
            foreach (var a in agreements)
            {
                var fingerprint = byAgreement.TryGetValue(a.Id, out var f) ? f : AgreementViewHash.Of(a);
                BinaryPrimitives.WriteUInt128LittleEndian(buffer.GetSpan(16), fingerprint);
                buffer.Advance(16);
            }
            return buffer.WrittenSpan;
        }
    }

    /// <summary>Each thread's buffer for the fingerprints of the agreements a page lists.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_agreements;

    /// <summary>One hash per thread, reset after each use.</summary>
    [ThreadStatic]
    private static XxHash128? t_hash;

    /// <summary>One JSON writer per thread over <see cref="t_sink"/>, reset for each page.</summary>
    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    /// <summary>Where each thread's JSON writer writes: straight into <see cref="t_hash"/>.</summary>
    [ThreadStatic]
    private static HashingBufferWriter? t_sink;

    /// <summary>The hash of the page's component and path, the site-wide values, the page's JSON and <paramref name="more"/>.</summary>
    private static UInt128 Fingerprint<T>(PageSpec page, byte[] globals, T value, JsonTypeInfo<T> type, ReadOnlySpan<byte> more)
    {
        var hash = Start(page, globals);
        var sink = t_sink ??= new HashingBufferWriter(hash);
        // The JSON is hashed as it is written, a piece at a time: never held whole (the graph page's is megabytes).
        var json = t_json ??= new Utf8JsonWriter(sink);
        json.Reset(sink);
        JsonSerializer.Serialize(json, value, type);
        json.Flush();
        return Finish(hash, more);
    }

    /// <summary>The hash of the page's component and path, the site-wide values, <paramref name="value"/> (a view's own hash)
    /// and <paramref name="more"/>.</summary>
    private static UInt128 Fingerprint(PageSpec page, byte[] globals, ReadOnlySpan<byte> value, ReadOnlySpan<byte> more)
    {
        var hash = Start(page, globals);
        hash.Append(value);
        return Finish(hash, more);
    }

    /// <summary>This thread's hash, begun with the page's component and path and the site-wide values.</summary>
    private static XxHash128 Start(PageSpec page, byte[] globals)
    {
        var hash = t_hash ??= new XxHash128();
        // The component's name and the page's path, each followed by a line break, as UTF-8 (no string made for them).
        AppendLine(hash, page.Component.FullName);
        AppendLine(hash, page.Path);
        hash.Append(globals);
        hash.Append("\n"u8);
        return hash;
    }

    /// <summary>Ends the page's value, appends <paramref name="more"/>, and gives the hash (reset for the next page).</summary>
    private static UInt128 Finish(XxHash128 hash, ReadOnlySpan<byte> more)
    {
        hash.Append("\n"u8);
        hash.Append(more);
        var fingerprint = hash.GetCurrentHashAsUInt128();
        hash.Reset();
        return fingerprint;
    }

    /// <summary>Appends <paramref name="text"/> and a line break, as UTF-8, through the stack when it is short (as a path is).</summary>
    private static void AppendLine(XxHash128 hash, string? text)
    {
        Span<byte> utf8 = stackalloc byte[512];
        var line = (text ?? "").AsSpan();
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(line.Length) < utf8.Length - 1
            ? System.Text.Encoding.UTF8.GetBytes(line, utf8) : -1;
        if (length < 0)
        {
            hash.Append(System.Text.Encoding.UTF8.GetBytes(line.ToString()));
            hash.Append("\n"u8);
            return;
        }
        utf8[length] = (byte)'\n';
        hash.Append(utf8[..(length + 1)]);
    }
}

/// <summary>The site-wide values every page shows.</summary>
internal sealed record SiteGlobals(string Name, string? RepositoryUrl, string Base, DateOnly Today, int RenewalWindowDays,
    PublicationView? Publication, int Agreements, int Agencies);

/// <summary>A link of the listings' year navigation: what a listing page shows of each year's listing.</summary>
internal sealed record YearLink(int? Year, string Url, int Total);

/// <summary>What a listing page shows besides its rows (which enter its fingerprint as their agreements' fingerprints).</summary>
internal sealed record ListingInputs(AgreementListing Listing, IReadOnlyList<YearLink> Years, FilterOptions Filters);

/// <summary>What the graph page shows: the graph (its SVG enters the fingerprint as its hash) and each flow's row of the table.</summary>
internal sealed record GraphInputs(FlowGraphView Graph, IReadOnlyList<FlowRow> Flows);

/// <summary>A row of the graph page's table: the flow's agencies, how many agreements carry it and those the row names.</summary>
internal sealed record FlowRow(AgencyRef From, AgencyRef To, int Count, IReadOnlyList<AgreementLink> Named);

/// <summary>An agreement as the graph page's table names it: its id, linked to its page.</summary>
internal sealed record AgreementLink(string Id, string? Url);

/// <summary>
/// Serialization made at compile time for the fingerprinted view models, with the default options, so that the serializer
/// takes the generated code that writes each property directly (no converter and no reflection per value). A converter in
/// the options (such as for enums as names) sends every value through the converters instead. Measured at 10,000
/// agreements, one title changed: this step took 130–134 ms with converters and fingerprints as text, 101–111 ms without
/// converters and with fingerprints as numbers. Enums are numbers here: the cache serves only the same build of the tool
/// (<see cref="BuildCache.KeyFor"/>), so a renamed member cannot leave a page behind.
/// </summary>
[JsonSourceGenerationOptions]
[JsonSerializable(typeof(AgencyView))]
[JsonSerializable(typeof(SiteGlobals))]
[JsonSerializable(typeof(ListingInputs))]
[JsonSerializable(typeof(GraphInputs))]
internal sealed partial class FingerprintJson : JsonSerializerContext;
