using DulaRegistry.Loading;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>The body cache gives back exactly what was kept, and keeps nothing that UTF-8 could not give back.</summary>
public sealed class BodyCacheFormatTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "dula-bodies-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose() => SafeDelete.TryTree(_temp);

    private static BodyFacts Facts(string title) =>
        new([new BodySection(title, 12, true)], [new BodyMarkup(BodyMarkupKind.HtmlInline, 14, 3, "<b>")])
        {
            Leftovers = [new LeftoverCandidate(LeftoverKind.Todo, 20, 1, "TODO: sign")],
        };

    [Fact]
    public void Bodies_come_back_as_kept_and_a_lone_surrogate_is_not_kept()
    {
        var output = Path.Combine(_temp, "site");
        var folder = BuildCache.FolderOf(output);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, BuildCache.MarkerFile), "test\n");

        var cache = BodyCache.Empty();
        var good = new RenderedBody("<p>Café ✓ 𝄞</p>", [new TocEntry("purpose", "Purpose")]);
        cache.Add("aa", Facts("Purpose"), good);
        cache.Add("bb", Facts("Purpose"), new RenderedBody("<p>half \uD800 a pair</p>", []));
        cache.Add("cc", Facts("Title \uDC00"), good);
        cache.Write(output, "key");

        var back = BodyCache.Start(output, "key");
        back.TryGet("aa", out var facts, out var view).ShouldBeTrue();
        facts!.Sections.ShouldBe(Facts("Purpose").Sections);
        facts.Markup.ShouldBe(Facts("Purpose").Markup);
        facts.Leftovers.ShouldBe(Facts("Purpose").Leftovers);
        var body = (RenderedBody)view!;
        body.Html.ShouldBe(good.Html);
        body.HtmlHash.ShouldBe(good.HtmlHash);
        body.Sections.ShouldBe(good.Sections);
        back.TryGet("bb", out _, out _).ShouldBeFalse("a lone surrogate in the HTML would come back as U+FFFD");
        back.TryGet("cc", out _, out _).ShouldBeFalse("nor in a section title");

        BodyCache.Start(output, "another key").TryGet("aa", out _, out _).ShouldBeFalse();
    }
}
