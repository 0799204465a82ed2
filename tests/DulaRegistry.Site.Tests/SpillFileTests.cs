using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>What a build keeps on disk until it writes it comes back exactly, from any thread, and leaves nothing behind.</summary>
public sealed class SpillFileTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "dula-spill-" + Guid.NewGuid().ToString("N")[..12]);

    public SpillFileTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => SafeDelete.TryTree(_temp);

    [Fact]
    public void Bytes_appended_from_many_threads_come_back_exactly()
    {
        using var spill = SpillFile.Create(_temp);
        var payloads = Enumerable.Range(0, 2_000).Select(i => Enumerable.Range(0, i % 700).Select(j => (byte)(i * 31 + j)).ToArray()).ToArray();
        var refs = new SpillRef[payloads.Length];
        Parallel.For(0, payloads.Length, i => refs[i] = spill.Append(payloads[i]));

        for (var i = 0; i < payloads.Length; i++) refs[i].Read().ShouldBe(payloads[i], $"payload {i}");
        spill.Length.ShouldBe(payloads.Sum(p => (long)p.Length));
        refs.Select(r => (r.Offset, r.Length)).Distinct().Count(r => r.Length > 0).ShouldBe(payloads.Count(p => p.Length > 0), "every payload has its own range");
    }

    [Fact]
    public void Nothing_is_left_in_the_folder_and_nothing_is_read_once_it_is_closed()
    {
        var spill = SpillFile.Create(_temp);
        var kept = spill.Append("<p>kept</p>"u8);
        if (!OperatingSystem.IsWindows())
        {
            Directory.EnumerateFileSystemEntries(_temp).ShouldBeEmpty("unlinked as soon as it is open: a killed build leaves nothing");
        }
        kept.Read().ShouldBe("<p>kept</p>"u8.ToArray());

        spill.Dispose();
        Directory.EnumerateFileSystemEntries(_temp).ShouldBeEmpty();
        Should.Throw<ObjectDisposedException>(() => kept.Read());
        spill.Dispose(); // twice is harmless
    }

    [Fact]
    public void A_body_kept_on_disk_renders_hashes_and_is_cached_as_one_kept_in_memory()
    {
        var markdown = Markdig.Markdown.Parse("## Purpose\n\nCafé ✓ 𝄞 *wages* [link](https://example.org)\n\n<script>x</script>\n");
        using var spill = SpillFile.Create(_temp);
        var onDisk = RenderedBody.Of(markdown, spill);
        var inMemory = RenderedBody.Of(markdown);
        spill.Length.ShouldBeGreaterThan(0, "the HTML went to the file");

        onDisk.Html.ShouldBe(inMemory.Html);
        onDisk.HtmlHash.ShouldBe(inMemory.HtmlHash);
        onDisk.Sections.ShouldBe(inMemory.Sections);
        onDisk.TryGetUtf8(out var utf8).ShouldBeTrue();
        inMemory.TryGetUtf8(out var expected).ShouldBeTrue();
        utf8.ToArray().ShouldBe(expected.ToArray());
    }

    [Fact]
    public void A_file_cache_that_keeps_its_new_entries_on_disk_gives_them_back_from_the_file_it_writes()
    {
        var model = new Agreement { Id = "DULA-2026-0001", Title = "Café ✓", Status = AgreementStatus.InReview, Tags = ["a"] };
        var facts = new BodyFacts([new BodySection("Purpose", 12, true)], []);
        var markdown = Markdig.Markdown.Parse("## Purpose\n\nThe purpose, 𝄞.\n");
        var output = Path.Combine(_temp, "site");
        Directory.CreateDirectory(BuildCache.FolderOf(output));
        File.WriteAllText(Path.Combine(BuildCache.FolderOf(output), BuildCache.MarkerFile), "test\n");
        using (var spill = SpillFile.Create(_temp))
        {
            var cache = FileCache.Empty();
            cache.SpillTo(spill);
            cache.Add("aa", new ParsedFile<Agreement>(model, facts, RenderedBody.Of(markdown, spill), 30));
            cache.Added.ShouldBe(1);
            spill.Length.ShouldBeGreaterThan(RenderedBody.Of(markdown).Html.Length, "the body and the entry both went to the file");
            cache.Write(output, "key");
        }

        using var back = FileCache.Start(output, "key");
        back.TryGet<Agreement>("aa", out var file).ShouldBeTrue();
        System.Text.Json.JsonSerializer.Serialize(file!.Model).ShouldBe(System.Text.Json.JsonSerializer.Serialize(model));
        file.Facts.Sections.ShouldBe(facts.Sections);
        ((RenderedBody)file.View!).Html.ShouldBe(RenderedBody.Of(markdown).Html);
    }
}
