using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using DulaRegistry.Site.Components.Pages;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// A fingerprint of everything a page is rendered from, for the pages that show one agreement or one agency (all but a few
/// of a large site's pages): a SHA-256 over the component, the page's path, the site-wide values every page shows (name,
/// counts in the footer, date, base URL, publication) and the page's own view model, serialized whole. The view model
/// already holds what the page shows of other files (party names, lineage, next steps), so a change anywhere that the page
/// shows changes its fingerprint. An agency page takes its agreements' fingerprints rather than their view models again.
/// Other pages (home, indexes, graph) show the whole registry and are always rendered: they get no fingerprint.
/// </summary>
public static class PageFingerprints
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
    };

    /// <summary>Fingerprints by page path, for the pages that have one.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyList<PageSpec> pages, SiteModel site)
    {
        var globals = JsonSerializer.SerializeToUtf8Bytes(new
        {
            site.Name,
            site.RepositoryUrl,
            Base = site.Urls.Home,
            site.Today,
            site.RenewalWindowDays,
            site.Publication,
            Agreements = site.Agreements.Count,
            Agencies = site.Agencies.Count,
        }, s_json);
        var byAgreement = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var result = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        // Agreement pages first: agency pages take their agreements' fingerprints.
        Parallel.ForEach(pages.Where(p => p.Component == typeof(AgreementPage)), page =>
        {
            var agreement = (AgreementView)page.Parameters["Agreement"]!;
            var fingerprint = Hash(page, globals, JsonSerializer.SerializeToUtf8Bytes(agreement, s_json));
            byAgreement[agreement.Id] = fingerprint;
            result[page.Path] = fingerprint;
        });
        Parallel.ForEach(pages.Where(p => p.Component == typeof(AgencyPage)), page =>
        {
            var agency = (AgencyView)page.Parameters["Agency"]!;
            var own = JsonSerializer.SerializeToUtf8Bytes(agency with { AsOwner = [], AsRecipient = [] }, s_json);
            var theirs = string.Join(' ', agency.AsOwner.Select(Agreement).Append("|").Concat(agency.AsRecipient.Select(Agreement)));
            result[page.Path] = Hash(page, globals, own, System.Text.Encoding.UTF8.GetBytes(theirs));
        });
        return result;

        // An agreement listed on an agency page always has a page of its own; the fallback covers one that does not.
        string Agreement(AgreementView a) => byAgreement.TryGetValue(a.Id, out var f) ? f : Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(a, s_json)));
    }

    private static string Hash(PageSpec page, byte[] globals, params byte[][] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{page.Component.FullName}\n{page.Path}\n"));
        hash.AppendData(globals);
        foreach (var part in parts)
        {
            hash.AppendData("\n"u8);
            hash.AppendData(part);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
