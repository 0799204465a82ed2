using DulaRegistry.Site.Build;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// The search index's words kept between builds (<see cref="SearchWordCache"/>): an index built with them is the same bytes
/// as one built without; a document whose searched text changed is split again; the file written after a change serves the
/// next build whole; and a damaged file or another build's is not used.
/// </summary>
public sealed class SearchWordCacheTests
{
    private const string Key = "test key";

    private static SiteModel Site() => FixtureSiteModel.Create();

    private static void ShouldBeSameFiles(IReadOnlyList<(string Path, byte[] Bytes)> actual, IReadOnlyList<(string Path, byte[] Bytes)> expected)
    {
        actual.Select(f => f.Path).ShouldBe(expected.Select(f => f.Path));
        for (var i = 0; i < actual.Count; i++) actual[i].Bytes.SequenceEqual(expected[i].Bytes).ShouldBeTrue(actual[i].Path);
    }

    private static SiteModel Retitled(SiteModel site, int n, string title) =>
        site with { Agreements = [.. site.Agreements.Select((a, i) => i == n ? a with { Title = title } : a)] };

    [Fact]
    public void Kept_words_give_the_same_index_and_every_document_takes_them()
    {
        var site = Site();
        var (firstFiles, first) = SearchIndex.Collect(site, null);
        first.Reused.ShouldBe(0);
        var kept = SearchWordCache.Parse(SearchWordCache.Encode(first, null, Key).ShouldNotBeNull(), Key).ShouldNotBeNull();
        kept.Count.ShouldBe(first.Hashes.Distinct().Count());

        var (againFiles, again) = SearchIndex.Collect(site, kept);
        again.Reused.ShouldBe(site.Agreements.Count);
        ShouldBeSameFiles(againFiles, firstFiles);
        SearchWordCache.Encode(again, kept, Key).ShouldBeNull("the same words are kept already: nothing to write");
    }

    [Fact]
    public void A_changed_document_is_split_again_and_the_next_file_serves_the_next_build_whole()
    {
        var site = Site();
        var kept = SearchWordCache.Parse(SearchWordCache.Encode(SearchIndex.Collect(site, null).Index, null, Key)!, Key)!;
        var changed = Retitled(site, 1, "Quixotic zebra exchange");

        var (rebuiltFiles, rebuilt) = SearchIndex.Collect(changed, kept);
        rebuilt.Reused.ShouldBe(site.Agreements.Count - 1);
        rebuilt.Kept[1].ShouldBeFalse();
        ShouldBeSameFiles(rebuiltFiles, SearchIndex.Write(changed));
        rebuiltFiles.ShouldContain(f => System.Text.Encoding.UTF8.GetString(f.Bytes).Contains("\"quixotic\"", StringComparison.Ordinal));

        // Written with the old entries as they were and the new words after the old ones; read back, it serves every document.
        var next = SearchWordCache.Parse(SearchWordCache.Encode(rebuilt, kept, Key).ShouldNotBeNull(), Key).ShouldNotBeNull();
        next.Words.Take(kept.Words.Count()).ShouldBe(kept.Words);
        next.Added.ShouldBeGreaterThan(0);
        var (thirdFiles, third) = SearchIndex.Collect(changed, next);
        third.Reused.ShouldBe(site.Agreements.Count);
        ShouldBeSameFiles(thirdFiles, rebuiltFiles);
    }

    [Fact]
    public void Once_many_words_were_added_the_file_is_written_afresh_with_only_the_words_in_use()
    {
        var site = Site();
        var kept = SearchWordCache.Parse(SearchWordCache.Encode(SearchIndex.Collect(site, null).Index, null, Key)!, Key)!;
        // More new words than a tenth of the list: every agreement retitled with words of its own.
        var changed = site with
        {
            Agreements = [.. site.Agreements.Select((a, i) => a with { Title = string.Join(' ', Enumerable.Range(0, 40).Select(w => $"fresh{i}x{w}")) })],
        };
        var rebuilt = SearchIndex.Collect(changed, kept).Index;
        var next = SearchWordCache.Parse(SearchWordCache.Encode(rebuilt, kept, Key)!, Key)!;
        next.Added.ShouldBe(0);
        next.Words.ShouldNotContain(kept.Words.Except(rebuilt.Words.SelectMany(w => w.All.ToArray().Select(p => rebuilt.Table[p.Word]))).First());
        SearchIndex.Collect(changed, next).Index.Reused.ShouldBe(site.Agreements.Count);
    }

    [Fact]
    public void A_word_UTF8_cannot_carry_leaves_its_document_out_and_the_others_keep_their_own_words()
    {
        // All of a document's words in its first field, once each; each a number in the table, as the index makes them (new words
        // are split into the kept words' table).
        static DocumentWords Document(WordTable table, params string[] words)
        {
            var fields = new int[2 * SearchIndex.FieldCount];
            for (var f = 0; f < SearchIndex.FieldCount; f++) fields[f] = words.Length;
            fields[SearchIndex.FieldCount] = words.Length;
            return new DocumentWords([.. words.Select(w => (table.Number(w), 1))], fields);
        }
        static SearchIndexBuild Index(WordTable table, params (UInt128 Hash, DocumentWords Words, bool Kept)[] documents) =>
            new([.. documents.Select(d => d.Hash)], [.. documents.Select(d => d.Words)], [.. documents.Select(d => d.Kept)], table);
        string[] Words(SearchWordCache.Kept kept, UInt128 hash) =>
            kept.TryGet(hash, out var words) ? [.. words.Field(0).ToArray().Select(w => kept.Table[w.Word])] : ["(none)"];
        var many = Enumerable.Range(0, 100).Select(i => $"word{i}").ToArray();

        // A lone surrogate is not a word the tokenizer makes, but the file must not depend on that: such a document is left out.
        var table = new WordTable();
        var first = SearchWordCache.Parse(SearchWordCache.Encode(Index(table, (1, Document(table, "alpha", "\uD800bad"), false), (2, Document(table, many), false)), null, Key)!, Key)!;
        first.Count.ShouldBe(1);
        Words(first, 2).ShouldBe(many);
        Words(first, 1).ShouldBe(["(none)"]);

        // Twice more, with new words after the old ones (few: the old entries are copied), one of them unstorable each time.
        var second = SearchWordCache.Parse(SearchWordCache.Encode(
            Index(first.Table, (3, Document(first.Table, "\uDC00worse"), false), (2, Document(first.Table, many), true), (4, Document(first.Table, "gamma"), false)), first, Key)!, Key)!;
        second.Added.ShouldBeGreaterThan(0);
        Words(second, 4).ShouldBe(["gamma"]);
        var third = SearchWordCache.Parse(SearchWordCache.Encode(
            Index(second.Table, (5, Document(second.Table, "\uD801odd"), false), (2, Document(second.Table, many), true), (4, Document(second.Table, "gamma"), true),
                (6, Document(second.Table, "gamma", "delta", "word7"), false)), second, Key)!, Key)!;
        third.Added.ShouldBeGreaterThan(second.Added);
        Words(third, 2).ShouldBe(many);
        Words(third, 4).ShouldBe(["gamma"]);
        Words(third, 6).ShouldBe(["gamma", "delta", "word7"]);
        Words(third, 5).ShouldBe(["(none)"]);
    }

    [Fact]
    public void A_damaged_file_or_another_builds_is_not_used()
    {
        var bytes = SearchWordCache.Encode(SearchIndex.Collect(Site(), null).Index, null, Key)!;
        SearchWordCache.Parse(bytes, "another build").ShouldBeNull();
        SearchWordCache.Parse(bytes.AsMemory(0, bytes.Length / 2), Key).ShouldBeNull();
        SearchWordCache.Parse(bytes.Select((b, i) => i == bytes.Length / 3 ? (byte)~b : b).ToArray(), Key).ShouldBeNull();
        SearchWordCache.Parse(ReadOnlyMemory<byte>.Empty, Key).ShouldBeNull();
        SearchWordCache.Parse("not a cache at all, but long enough"u8.ToArray(), Key).ShouldBeNull();
    }
}
