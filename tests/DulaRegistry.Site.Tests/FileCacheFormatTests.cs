using System.Text.Json;
using DulaRegistry.IO;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>The file cache gives back exactly what was kept, and keeps nothing that it could not give back.</summary>
public sealed class FileCacheFormatTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "dula-files-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose() => SafeDelete.TryTree(_temp);

    private static BodyFacts Facts(string title) =>
        new([new BodySection(title, 12, true)], [new BodyMarkup(BodyMarkupKind.HtmlInline, 14, 3, "<b>")])
        {
            Leftovers = [new LeftoverCandidate(LeftoverKind.Todo, 20, 1, "TODO: sign")],
        };

    private static readonly Agreement s_model = new()
    {
        Id = "DULA-2026-0001",
        Title = "Café ✓ 𝄞 matching",
        Status = AgreementStatus.InReview,
        Parties = [new Party { Agency = "dor", Role = PartyRole.Both, Signatory = new Person { Name = "Pat" } }],
        Data = [new DataItem { Name = "Wages", To = ["dor"], Classification = DataClassification.Pii, Frequency = DataFrequency.OneTime }],
        Term = new Term { Effective = new DateOnly(2026, 1, 1) },
        Ended = new DateOnly(2027, 2, 28),
        Tags = ["a", "b"],
    };

    private static ParsedFile<T> File<T>(T model, BodyFacts facts, RenderedBody view) where T : class => new(model, facts, view, 30);

    private string Output()
    {
        var output = Path.Combine(_temp, "site");
        var folder = BuildCache.FolderOf(output);
        Directory.CreateDirectory(folder);
        System.IO.File.WriteAllText(Path.Combine(folder, BuildCache.MarkerFile), "test\n");
        return output;
    }

    [Fact]
    public void Files_come_back_as_kept_and_what_would_not_come_back_the_same_is_not_kept()
    {
        var output = Output();
        var cache = FileCache.Empty();
        var good = new RenderedBody("<p>Café ✓ 𝄞</p>", [new TocEntry("purpose", "Purpose")]);
        cache.Add("aa", File(s_model, Facts("Purpose"), good));
        cache.Add("bb", File(s_model, Facts("Purpose"), new RenderedBody("<p>half \uD800 a pair</p>", [])));
        cache.Add("cc", File(s_model, Facts("Title \uDC00"), good));
        cache.Add("dd", File(s_model with { Title = "a \"\\ud800\" escape in YAML \uD800" }, Facts("Purpose"), good));
        cache.Add("ff", File(new Agency { Id = "dor", Kind = AgencyKind.Agency, LegalReviewers = ["@dor/legal"] }, Facts("Purpose"), good));
        cache.Added.ShouldBe(2);
        cache.Write(output, "key");

        var back = FileCache.Start(output, "key");
        back.TryGet<Agreement>("aa", out var file).ShouldBeTrue();
        JsonSerializer.Serialize(file!.Model).ShouldBe(JsonSerializer.Serialize(s_model));
        file.BodyLine.ShouldBe(30);
        file.Facts.Sections.ShouldBe(Facts("Purpose").Sections);
        file.Facts.Markup.ShouldBe(Facts("Purpose").Markup);
        file.Facts.Leftovers.ShouldBe(Facts("Purpose").Leftovers);
        var body = (RenderedBody)file.View!;
        body.Html.ShouldBe(good.Html);
        body.HtmlHash.ShouldBe(good.HtmlHash);
        body.Sections.ShouldBe(good.Sections);
        back.TryGet<Agreement>("bb", out _).ShouldBeFalse("a lone surrogate in the HTML would come back as U+FFFD");
        back.TryGet<Agreement>("cc", out _).ShouldBeFalse("nor in a section title");
        back.TryGet<Agreement>("dd", out _).ShouldBeFalse("nor in a value of the front matter");
        back.TryGet<Agency>("aa", out _).ShouldBeFalse("an agreement's entry is not an agency");
        back.TryGet<Agency>("ff", out var agency).ShouldBeTrue();
        agency!.Model.LegalReviewers.ShouldBe(["@dor/legal"]);
        back.Hits.ShouldBe(2);

        FileCache.Start(output, "another key").TryGet<Agreement>("aa", out _).ShouldBeFalse();
    }

    /// <summary>A <typeparamref name="T"/> with every property set, found by reflection, so that a property added to the model
    /// and not to the cache's codec makes the round trip below fail.</summary>
    private static object Filled(Type type, ref int seed)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(instance, Value(property.PropertyType, ref seed));
        }
        return instance;
    }

    private static object Value(Type type, ref int seed)
    {
        seed++;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return $"value {seed} ✓";
        if (underlying == typeof(DateOnly)) return new DateOnly(2020, 1, 1).AddDays(seed);
        if (underlying.IsEnum)
        {
            var values = Enum.GetValues(underlying);
            return values.GetValue(seed % values.Length)!;
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (System.Collections.IList)Activator.CreateInstance(underlying)!;
            list.Add(Value(underlying.GetGenericArguments()[0], ref seed));
            list.Add(Value(underlying.GetGenericArguments()[0], ref seed));
            return list;
        }
        return Filled(underlying, ref seed);
    }

    [Fact]
    public void Every_property_of_the_front_matter_comes_back()
    {
        var output = Output();
        var seed = 0;
        var agreement = (Agreement)Filled(typeof(Agreement), ref seed);
        var agency = (Agency)Filled(typeof(Agency), ref seed);
        var empty = new Agreement(); // nulls and empty lists
        var view = new RenderedBody("<p>x</p>", []);
        var cache = FileCache.Empty();
        cache.Add("full", File(agreement, Facts("Purpose"), view));
        cache.Add("agency", File(agency, Facts("Purpose"), view));
        cache.Add("empty", File(empty, Facts("Purpose"), view));
        cache.Write(output, "key");

        var back = FileCache.Start(output, "key");
        back.TryGet<Agreement>("full", out var a).ShouldBeTrue();
        JsonSerializer.Serialize(a!.Model).ShouldBe(JsonSerializer.Serialize(agreement));
        back.TryGet<Agency>("agency", out var g).ShouldBeTrue();
        JsonSerializer.Serialize(g!.Model).ShouldBe(JsonSerializer.Serialize(agency));
        back.TryGet<Agreement>("empty", out var e).ShouldBeTrue();
        JsonSerializer.Serialize(e!.Model).ShouldBe(JsonSerializer.Serialize(empty));
    }

    [Fact]
    public void An_entry_used_again_is_written_back_as_the_same_bytes_and_an_unused_one_is_dropped()
    {
        var output = Output();
        var good = new RenderedBody("<p>x</p>", []);
        var cache = FileCache.Empty();
        cache.Add("aa", File(s_model, Facts("Purpose"), good));
        cache.Add("bb", File(s_model with { Title = "Other" }, Facts("Purpose"), good));
        cache.Write(output, "key");

        var second = FileCache.Start(output, "key");
        second.TryGet<Agreement>("aa", out _).ShouldBeTrue();
        second.Write(output, "key");

        var third = FileCache.Start(output, "key");
        third.TryGet<Agreement>("aa", out var file).ShouldBeTrue();
        file!.Model.Title.ShouldBe(s_model.Title);
        third.TryGet<Agreement>("bb", out _).ShouldBeFalse("not loaded by the second build, so not kept by it");
    }

    private static FileStamp Stamp(int n) => new(100 + n, 1_000_000_000L * n, 1_000_000_000L * n, (ulong)n, 1);

    private static string CacheFile(string output, string name) => Path.Combine(BuildCache.FolderOf(output), name);

    /// <summary>A cache of <paramref name="count"/> agreements, each file stamped, written as a later build would write it: the
    /// entries named by <paramref name="sha"/> of the files numbered 0 to count - 1.</summary>
    private static FileCache Kept(FileCache cache, int count, Func<int, string> sha)
    {
        for (var i = 0; i < count; i++)
        {
            if (!cache.TryGet<Agreement>(sha(i), out _)) cache.Add(sha(i), File(s_model with { Title = $"Title {sha(i)}" }, Facts("Purpose"), new RenderedBody($"<p>{sha(i)}</p>", [])));
            cache.Stamped($"agreements/{i}.md", Stamp(i), sha(i), read: true);
        }
        return cache;
    }

    [Fact]
    public void A_build_that_adds_few_entries_writes_only_those_beside_the_files_the_last_full_write_kept()
    {
        var output = Output();
        Kept(FileCache.Empty(), 40, i => $"v1-{i}").Write(output, "key");
        var full = System.IO.File.ReadAllBytes(CacheFile(output, "files.bin"));
        System.IO.File.Exists(CacheFile(output, "files-added.bin")).ShouldBeFalse();

        // Two files changed: their new entries and every stamp go to the second file; files.bin stays as it was.
        Kept(FileCache.Start(output, "key"), 40, i => i < 2 ? $"v2-{i}" : $"v1-{i}").Write(output, "key");
        System.IO.File.ReadAllBytes(CacheFile(output, "files.bin")).ShouldBe(full);
        new FileInfo(CacheFile(output, "files-added.bin")).Length.ShouldBeLessThan(full.Length / 10);

        // The next build sees both: the new entries, the unchanged ones, and the stamps the last build saw.
        var next = FileCache.Start(output, "key");
        next.Sha256Of("agreements/0.md", Stamp(0)).ShouldBe("v2-0");
        next.Sha256Of("agreements/5.md", Stamp(5)).ShouldBe("v1-5");
        next.TryGet<Agreement>("v2-1", out var changed).ShouldBeTrue();
        changed!.Model.Title.ShouldBe("Title v2-1");
        ((RenderedBody)changed.View!).Html.ShouldBe("<p>v2-1</p>");
        next.TryGet<Agreement>("v1-7", out var unchanged).ShouldBeTrue();
        unchanged!.Model.Title.ShouldBe("Title v1-7");

        // A third change, and the last file deleted: the entries added before are carried into the new second file, not lost,
        // and the deleted file's stamp is gone.
        Kept(next, 39, i => i < 2 ? $"v2-{i}" : i == 2 ? $"v3-{i}" : $"v1-{i}").Write(output, "key");
        System.IO.File.ReadAllBytes(CacheFile(output, "files.bin")).ShouldBe(full);
        var third = FileCache.Start(output, "key");
        third.TryGet<Agreement>("v2-0", out _).ShouldBeTrue();
        third.TryGet<Agreement>("v3-2", out _).ShouldBeTrue();
        third.Sha256Of("agreements/2.md", Stamp(2)).ShouldBe("v3-2");
        third.Sha256Of("agreements/1.md", Stamp(1)).ShouldBe("v2-1");
        third.Sha256Of("agreements/39.md", Stamp(39)).ShouldBeNull();
        third.Sha256Of("agreements/38.md", Stamp(38)).ShouldBe("v1-38");
    }

    [Fact]
    public void Many_added_or_unused_entries_write_the_first_file_anew_and_remove_the_second()
    {
        var output = Output();
        Kept(FileCache.Empty(), 40, i => $"v1-{i}").Write(output, "key");
        Kept(FileCache.Start(output, "key"), 40, i => i < 2 ? $"v2-{i}" : $"v1-{i}").Write(output, "key");
        System.IO.File.Exists(CacheFile(output, "files-added.bin")).ShouldBeTrue();

        // Six more changed files: eight of forty added since files.bin was written, more than an eighth.
        Kept(FileCache.Start(output, "key"), 40, i => i < 8 ? $"v2-{i}" : $"v1-{i}").Write(output, "key");
        System.IO.File.Exists(CacheFile(output, "files-added.bin")).ShouldBeFalse();
        var rewritten = FileCache.Start(output, "key");
        rewritten.TryGet<Agreement>("v1-0", out _).ShouldBeFalse("not used by the last build, so not kept");
        rewritten.TryGet<Agreement>("v2-7", out _).ShouldBeTrue();
        rewritten.Sha256Of("agreements/7.md", Stamp(7)).ShouldBe("v2-7");

        // Eleven of forty files deleted: more than a quarter of files.bin unused, though nothing was added.
        Kept(FileCache.Start(output, "key"), 29, i => i < 8 ? $"v2-{i}" : $"v1-{i}").Write(output, "key");
        System.IO.File.Exists(CacheFile(output, "files-added.bin")).ShouldBeFalse();
        FileCache.Start(output, "key").TryGet<Agreement>("v1-35", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_second_file_that_is_damaged_or_names_another_first_file_is_not_used_and_the_first_still_serves()
    {
        var output = Output();
        Kept(FileCache.Empty(), 40, i => $"v1-{i}").Write(output, "key");
        Kept(FileCache.Start(output, "key"), 40, i => i < 2 ? $"v2-{i}" : $"v1-{i}").Write(output, "key");
        var added = System.IO.File.ReadAllBytes(CacheFile(output, "files-added.bin"));

        foreach (var damage in new[] { added[..(added.Length / 2)], added.Select((b, i) => i == added.Length / 3 ? (byte)~b : b).ToArray(), [] })
        {
            System.IO.File.WriteAllBytes(CacheFile(output, "files-added.bin"), damage);
            var back = FileCache.Start(output, "key");
            back.TryGet<Agreement>("v2-0", out _).ShouldBeFalse();
            back.TryGet<Agreement>("v1-0", out _).ShouldBeTrue("files.bin serves alone");
            back.Sha256Of("agreements/0.md", Stamp(0)).ShouldBe("v1-0", "with its own stamps, which the file's new stamp would not match");
        }

        // Put back beside the files.bin it was written for, it serves again.
        System.IO.File.WriteAllBytes(CacheFile(output, "files-added.bin"), added);
        FileCache.Start(output, "key").TryGet<Agreement>("v2-0", out _).ShouldBeTrue();

        // files.bin written anew by another build, and the second file of the earlier one put back beside it.
        Kept(FileCache.Empty(), 41, i => $"v1-{i}").Write(output, "key");
        System.IO.File.WriteAllBytes(CacheFile(output, "files-added.bin"), added);
        var other = FileCache.Start(output, "key");
        other.TryGet<Agreement>("v2-0", out _).ShouldBeFalse("it names the files.bin it was written beside, not this one");
        other.TryGet<Agreement>("v1-40", out _).ShouldBeTrue();
    }

    [Fact]
    public void The_reader_shares_short_texts_gives_long_ones_back_whole_and_refuses_an_enum_value_the_model_lacks()
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            var cache = new CacheWriter(writer);
            cache.WriteNullable("dor");
            cache.WriteNullable("dor");
            cache.WriteNullable("Café ✓ 𝄞");
            var long1 = new string('x', 500) + "é";
            cache.WriteNullable(long1);
            cache.WriteNullable((string?)null);
            cache.WriteNullable((AgreementStatus?)AgreementStatus.Executed);
            writer.Write(999); // no AgreementStatus has this number
        }
        var reader = new CacheReader(buffer.ToArray());
        var first = reader.ReadNullableString();
        var second = reader.ReadNullableString();
        first.ShouldBe("dor");
        ReferenceEquals(first, second).ShouldBeTrue(); // one string for a text many files repeat
        reader.ReadNullableString().ShouldBe("Café ✓ 𝄞");
        reader.ReadNullableString().ShouldBe(new string('x', 500) + "é");
        reader.ReadNullableString().ShouldBeNull();
        reader.ReadNullableEnum<AgreementStatus>().ShouldBe(AgreementStatus.Executed);
        try
        {
            reader.ReadNullableEnum<AgreementStatus>();
            throw new ShouldAssertException("an undefined enum value was read");
        }
        catch (InvalidDataException)
        {
            // damaged: the entry is not used, and the file is loaded afresh
        }
    }
}
