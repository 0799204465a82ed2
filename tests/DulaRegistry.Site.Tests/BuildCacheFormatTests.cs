using System.Text.Json;
using DulaRegistry.History;
using DulaRegistry.Model;
using DulaRegistry.Site.Build;

namespace DulaRegistry.Site.Tests;

/// <summary>The build cache's history comes back exactly as it was written, each commit stored once; damage is an error.</summary>
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

    private static BuildCache Cache(RegistryHistory? history) =>
        new("key", 42, new Dictionary<string, string> { ["index.html"] = "f" }, history is null ? null : "head", history, ["index.html"]);

    [Fact]
    public void The_history_comes_back_exactly_with_each_commit_once()
    {
        var history = Sample();
        var json = JsonSerializer.Serialize(Cache(history), BuildCacheJson.Default.BuildCache);
        json.Split(new string('b', 40)).Length.ShouldBe(2 + 1, "the commit of two changes with one subject and date, and one more with another date");
        var back = JsonSerializer.Deserialize(json, BuildCacheJson.Default.BuildCache)!.History!;
        back.Note.ShouldBe(history.Note);
        back.Agreements.Keys.Order(StringComparer.Ordinal).ShouldBe(history.Agreements.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, expected) in history.Agreements)
        {
            back.Agreements[id].StatusChanges.ShouldBe(expected.StatusChanges, id);
            back.Agreements[id].LastChanged.ShouldBe(expected.LastChanged, id);
            foreach (var change in back.Agreements[id].StatusChanges) change.Date.Offset.ShouldBe(s_day.Offset);
        }
        JsonSerializer.Deserialize(JsonSerializer.Serialize(Cache(null), BuildCacheJson.Default.BuildCache), BuildCacheJson.Default.BuildCache)!
            .History.ShouldBeNull();
    }

    [Theory]
    [InlineData("\"commits\":[[\"x\",\"2024-01-01T00:00:00+00:00\",\"s\"]]", "\"commits\":[[\"x\",\"not a date\",\"s\"]]")]
    [InlineData("\"Proposed\",0", "\"Proposed\",7")]
    [InlineData("\"Proposed\",0", "\"Proposed\",-1")]
    [InlineData("\"Proposed\",0", "\"Sideways\",0")]
    [InlineData("\"Proposed\",0", "\"Proposed\"")]
    [InlineData("\"note\":null", "\"colour\":null")]
    public void A_damaged_history_is_an_error_not_a_wrong_history(string from, string to)
    {
        var history = new RegistryHistory(new Dictionary<string, AgreementHistory>
        {
            ["DULA-2024-0001"] = new([new StatusChange(AgreementStatus.Proposed, DateTimeOffset.Parse("2024-01-01T00:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), "x", "s")], null),
        });
        var json = JsonSerializer.Serialize(Cache(history), BuildCacheJson.Default.BuildCache);
        json.ShouldContain(from);
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize(json.Replace(from, to, StringComparison.Ordinal), BuildCacheJson.Default.BuildCache));
    }
}
