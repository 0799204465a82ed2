using System.Text.Json;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// The prebuilt search index's own promises, which site.js relies on: the terms of every chunk in code-unit order, starting
/// with the manifest's first term for that chunk; every posting list ascending with each document once; words weighted, the
/// identifier and filter terms not. The browser tests search through it; these read its files.
/// </summary>
public sealed class SearchIndexFormatTests
{

    private static SiteModel Site() => FixtureSiteModel.Create();

    /// <summary>Every term of the index with its ordinals and (for words) weights, in file order.</summary>
    private static List<(string Term, int[] Ordinals, int[]? Weights)> Terms(IReadOnlyList<(string Path, byte[] Bytes)> files, out List<string> firsts)
    {
        var manifest = JsonDocument.Parse(files.Single(f => f.Path == SiteUrls.SearchManifestPath).Bytes).RootElement;
        firsts = [.. manifest.GetProperty("chunks").EnumerateArray().Select(c => c.GetString()!)];
        var terms = new List<(string, int[], int[]?)>();
        for (var n = 0; n < firsts.Count; n++)
        {
            var chunk = JsonDocument.Parse(files.Single(f => f.Path == SiteUrls.SearchTermsPath(n)).Bytes).RootElement;
            var first = true;
            foreach (var term in chunk.EnumerateObject())
            {
                if (first) term.Name.ShouldBe(firsts[n], "a chunk starts with the manifest's first term for it");
                first = false;
                var parts = term.Value.EnumerateArray().ToList();
                var ordinal = 0;
                var ordinals = parts[0].EnumerateArray().Select(d => ordinal += d.GetInt32()).ToArray();
                terms.Add((term.Name, ordinals, parts.Count > 1 ? [.. parts[1].EnumerateArray().Select(w => w.GetInt32())] : null));
            }
        }
        return terms;
    }

    [Fact]
    public void Files_come_in_one_order_and_the_same_bytes_whether_the_document_chunks_are_made_beside_the_terms_or_after_them()
    {
        // A full build makes the document chunks on other cores while the terms are written; an incremental one, after them.
        var site = Site();
        var beside = new List<(string Path, byte[] Bytes)>();
        var after = new List<(string Path, byte[] Bytes)>();
        SearchIndex.Build(site, null, (path, bytes) => beside.Add((path, bytes!)), _ => { }, null, null);
        SearchIndex.Build(site, null, (path, bytes) => after.Add((path, bytes!)), _ => { }, null, (_, _) => false);
        beside.Select(f => f.Path).ShouldBe(after.Select(f => f.Path));
        beside.Select(f => f.Path).Last().ShouldBe(SiteUrls.SearchManifestPath);
        beside.Count(f => f.Path.StartsWith(SiteUrls.SearchDocsPath(0)[..^"0.json".Length], StringComparison.Ordinal)).ShouldBeGreaterThan(0);
        for (var i = 0; i < beside.Count; i++) beside[i].Bytes.ShouldBe(after[i].Bytes, beside[i].Path);
    }

    [Fact]
    public void An_index_stopped_by_a_file_it_cannot_write_reports_that_failure_not_the_stopping_of_the_chunks_made_beside_it()
    {
        var site = Site();
        var error = Should.Throw<IOException>(() => SearchIndex.Build(site, null,
            (path, _) => throw new IOException($"no room for {path}"), _ => { }, null, null));
        error.Message.ShouldBe($"no room for {SiteUrls.SearchTermsPath(0)}");
    }

    [Fact]
    public void Terms_are_in_code_unit_order_and_each_posting_list_names_a_document_once_in_order()
    {
        var site = Site();
        var terms = Terms(SearchIndex.Write(site), out var firsts);
        firsts.Count.ShouldBeGreaterThan(0);
        terms.Select(t => t.Term).ShouldBe(terms.Select(t => t.Term).Order(StringComparer.Ordinal), "terms sorted as JavaScript compares strings");
        terms.Select(t => t.Term).Distinct(StringComparer.Ordinal).Count().ShouldBe(terms.Count);
        foreach (var (term, ordinals, weights) in terms)
        {
            ordinals.ShouldNotBeEmpty(term);
            ordinals.Zip(ordinals.Skip(1)).ShouldAllBe(pair => pair.First < pair.Second, $"{term}: ascending, each document once");
            ordinals.ShouldAllBe(o => o >= 0 && o < site.Agreements.Count);
            if (term[0] is '=' or '#') weights.ShouldBeNull(term);
            else weights!.Length.ShouldBe(ordinals.Length, term);
            weights?.ShouldAllBe(w => w >= 1);
        }
        // Each agreement is found by its own identifier, at its ordinal (its place in id order).
        var byTerm = terms.ToDictionary(t => t.Term, t => t.Ordinals, StringComparer.Ordinal);
        for (var i = 0; i < site.Agreements.Count; i++) byTerm["=" + SearchTokens.ExactKey(site.Agreements[i].Id)].ShouldContain(i);
    }

    [Fact]
    public void Two_identifiers_of_one_agreement_with_the_same_key_give_one_posting()
    {
        var site = Site();
        var first = site.Agreements[0];
        // "DULA-2026-0001." is another identifier than the id itself (it is not the same ignoring case), with the same key.
        var twice = first with { ServiceRequest = first.Id + "." };
        var changed = site with { Agreements = [twice, .. site.Agreements.Skip(1)] };
        var terms = Terms(SearchIndex.Write(changed), out _);
        terms.Single(t => t.Term == "=" + SearchTokens.ExactKey(first.Id)).Ordinals.Count(o => o == 0).ShouldBe(1);
        terms.ShouldAllBe(t => t.Ordinals.Zip(t.Ordinals.Skip(1)).All(pair => pair.First < pair.Second));
    }
}
