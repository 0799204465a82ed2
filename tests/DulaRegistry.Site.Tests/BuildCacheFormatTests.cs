using System.IO.Hashing;
using System.Text;
using DulaRegistry.History;
using DulaRegistry.Model;
using DulaRegistry.Site.Build;

namespace DulaRegistry.Site.Tests;

/// <summary>The build cache comes back exactly as it was written, each commit of its history stored once; a damaged or
/// cut-short file is no cache, and what UTF-8 cannot hold exactly is not kept.</summary>
public sealed class BuildCacheFormatTests
{
    private static readonly DateTimeOffset s_day = new(2024, 3, 4, 9, 30, 15, TimeSpan.FromHours(-5));

    private static RegistryHistory Sample()
    {
        var a = new StatusChange(AgreementStatus.Proposed, s_day, new string('a', 40), "Step 1: propose");
        var b = new StatusChange(AgreementStatus.Drafting, s_day.AddDays(3).AddTicks(1), new string('b', 40), "Step 2: \"draft\" ✓");
        // The same commit with another subject or date is another entry, not merged.
        var c = new StatusChange(AgreementStatus.Final, s_day.AddDays(3), new string('b', 40), "Step 2: \"draft\" ✓");
        return new RegistryHistory(new Dictionary<string, AgreementHistory>(StringComparer.Ordinal)
        {
            ["DULA-2024-0002"] = new([a, b], new LastChange(b.Date, b.Commit, b.Subject)),
            ["DULA-2024-0001"] = new([a, c, b], new LastChange(s_day.AddYears(1), new string('c', 40), "later")),
            ["DULA-2024-0003"] = new([], null),
        }, "a shallow clone: history from 2024-03-04 on");
    }

    private static BuildCache Cache(RegistryHistory? history, string page = "index.html") =>
        new("key", 42, new Dictionary<string, string> { [page] = "f", ["agreements/DULA-2024-0001/index.html"] = "0123abcd" },
            history is null ? null : "head", history, [page, "agreements.json"]);

    private static int Occurrences(byte[] bytes, string text)
    {
        var pattern = Encoding.UTF8.GetBytes(text);
        var count = 0;
        for (var at = bytes.AsSpan().IndexOf(pattern); at >= 0; count++)
        {
            var next = bytes.AsSpan(at + 1).IndexOf(pattern);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return count;
    }

    [Fact]
    public void The_cache_comes_back_exactly_with_each_commit_of_its_history_once()
    {
        var history = Sample();
        var bytes = BuildCacheCodec.Encode(Cache(history)).ShouldNotBeNull();
        Occurrences(bytes, new string('b', 40)).ShouldBe(2, "the commit of two changes with one subject and date, and one more with another date");

        var back = BuildCacheCodec.Decode(bytes).ShouldNotBeNull();
        back.Key.ShouldBe("key");
        back.Site.ShouldBe(42);
        back.Pages.OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe(Cache(history).Pages.OrderBy(p => p.Key, StringComparer.Ordinal));
        back.Files.ShouldBe(["index.html", "agreements.json"]);
        back.HistoryKey.ShouldBe("head");
        var read = back.History.ShouldNotBeNull();
        read.Note.ShouldBe(history.Note);
        read.Agreements.Keys.Order(StringComparer.Ordinal).ShouldBe(history.Agreements.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, expected) in history.Agreements)
        {
            read.Agreements[id].StatusChanges.ShouldBe(expected.StatusChanges, id);
            read.Agreements[id].LastChanged.ShouldBe(expected.LastChanged, id);
            foreach (var change in read.Agreements[id].StatusChanges) change.Date.Offset.ShouldBe(s_day.Offset);
        }
        BuildCacheCodec.Decode(BuildCacheCodec.Encode(Cache(null))!).ShouldNotBeNull().History.ShouldBeNull();
    }

    [Fact]
    public void A_changed_or_cut_short_file_is_no_cache()
    {
        var bytes = BuildCacheCodec.Encode(Cache(Sample()))!;
        for (var at = 0; at < bytes.Length; at += 7)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x20;
            BuildCacheCodec.Decode(damaged).ShouldBeNull($"byte {at} changed");
        }
        BuildCacheCodec.Decode(bytes.AsMemory(0, bytes.Length - 1)).ShouldBeNull();
        BuildCacheCodec.Decode(Array.Empty<byte>()).ShouldBeNull();
    }

    [Theory]
    [InlineData(999, 0)] // a status number no status has
    [InlineData((int)AgreementStatus.Proposed, 7)] // a commit past the end of the table
    [InlineData((int)AgreementStatus.Proposed, -1)] // no commit, where a change needs one
    public void Contents_out_of_place_under_a_valid_checksum_are_no_cache(int status, int commit)
    {
        // The one status change's (status, commit) written over by hand, with the checksum made right: the reader's own checks
        // catch it.
        var bytes = BuildCacheCodec.Encode(Cache(new RegistryHistory(new Dictionary<string, AgreementHistory>
        {
            ["DULA-2024-0001"] = new([new StatusChange(AgreementStatus.Proposed, s_day, "x", "s")], null),
        })))!;
        var body = bytes[..^16];
        BuildCacheCodec.Decode(body.Concat(XxHash128.Hash(body)).ToArray()).ShouldNotBeNull(); // the checksum made as the codec makes it
        var at = body.AsSpan().LastIndexOf(BitConverter.GetBytes((int)AgreementStatus.Proposed).Concat(BitConverter.GetBytes(0)).ToArray());
        at.ShouldBeGreaterThan(0);
        BitConverter.GetBytes(status).CopyTo(body, at);
        BitConverter.GetBytes(commit).CopyTo(body, at + 4);
        BuildCacheCodec.Decode(body.Concat(XxHash128.Hash(body)).ToArray()).ShouldBeNull();
    }

    [Fact]
    public void A_path_that_UTF8_cannot_hold_exactly_is_not_kept()
    {
        BuildCacheCodec.Encode(Cache(null, page: "agreements/half \uD800 a pair/index.html")).ShouldBeNull();
    }
}
