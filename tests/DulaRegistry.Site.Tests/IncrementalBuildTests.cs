using DulaRegistry.Site.Build;
using DulaRegistry.Site.Tests.Infrastructure;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// An incremental build (a cache beside the output folder) renders only the pages whose inputs changed and gives the same
/// bytes as a full build of the same files. Each test builds a copy of the fixture registry in a temp folder, changes it,
/// builds again incrementally, and compares every file with a full build into a fresh folder.
/// </summary>
public sealed class IncrementalBuildTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "dula-inc-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _root;

    public IncrementalBuildTests()
    {
        _root = Path.Combine(_temp, "registry");
        Copy(RepoPaths.FixtureRegistry, _root);
    }

    public void Dispose() => SafeDelete.TryTree(_temp);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(from)) Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    private SiteBuildOptions Options(string output, bool incremental = true, string baseUrl = "/") =>
        new(_root, Path.Combine(_temp, output), baseUrl, BuiltSite.Today, Incremental: incremental);

    private static async Task<BuildResult> Build(SiteBuildOptions options)
    {
        var result = await SiteBuilder.BuildAsync(options);
        result.Succeeded.ShouldBeTrue(string.Join("\n", result.Diagnostics.Select(d => d.ToString())) + result.Error);
        return result;
    }

    private void Edit(string relative, string from, string to)
    {
        var path = Path.Combine(_root, relative);
        var text = File.ReadAllText(path);
        text.ShouldContain(from);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>Every file of two sites, relative path and bytes, must be the same.</summary>
    private void ShouldBeSameSite(string a, string b)
    {
        static Dictionary<string, byte[]> Files(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes, StringComparer.Ordinal);
        var left = Files(Path.Combine(_temp, a));
        var right = Files(Path.Combine(_temp, b));
        left.Keys.Order(StringComparer.Ordinal).ShouldBe(right.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in left)
        {
            bytes.SequenceEqual(right[path]).ShouldBeTrue($"{path} differs between {a} and {b}");
        }
    }

    [Fact]
    public async Task A_changed_title_rerenders_its_pages_and_matches_a_full_build()
    {
        var first = await Build(Options("site"));
        first.Pages.ShouldBeGreaterThan(10);
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Retitled ");
        var state = await Build(Options("site"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        File.ReadAllText(Path.Combine(_temp, "site", "agreements", "DULA-2026-0001", "index.html")).ShouldContain("Retitled ");
        // Only the agreement, the agencies that list it and the site-wide pages were rendered; the other agreements were not.
        state.Incremental.PagesReused.ShouldBeGreaterThan(0);
        state.Incremental.PagesReused.ShouldBeLessThan(first.Pages);
        state.Incremental.CacheNote.ShouldBe("written");
    }

    [Fact]
    public async Task A_rebuild_of_a_registry_with_errors_reports_them_and_leaves_the_site_though_its_model_was_started()
    {
        await Build(Options("site"));
        await Build(Options("before", incremental: false));
        // A new agreement naming an agency the registry does not have: the validator reports it, while the site model an
        // incremental build starts beside the validation is made all the same (with the agreement's page); it is dropped.
        var added = Path.Combine(_root, "agreements", "DULA-2026-0999.md");
        File.WriteAllText(added, File.ReadAllText(Path.Combine(_root, "agreements", "DULA-2026-0001.md"))
            .Replace("id: DULA-2026-0001", "id: DULA-2026-0999", StringComparison.Ordinal)
            .Replace("  - agency: dor\n", "  - agency: no-such-agency\n", StringComparison.Ordinal));
        var result = await SiteBuilder.BuildAsync(Options("site"));
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldBeNull();
        result.Diagnostics.ShouldContain(d => d.Severity == DulaRegistry.Diagnostics.Severity.Error && d.File == "agreements/DULA-2026-0999.md");
        ShouldBeSameSite("site", "before");
        // Fixed, the next build is incremental again and equals a full build.
        File.Delete(added);
        (await Build(Options("site"))).Incremental.PagesReused.ShouldBeGreaterThan(0);
        ShouldBeSameSite("site", "before");
    }

    [Fact]
    public async Task The_search_index_splits_again_only_what_changed_and_a_damaged_word_cache_means_splitting_all()
    {
        var first = await Build(Options("site"));
        first.Incremental.SearchWordsReused.ShouldBe(0);
        var all = (await Build(Options("site"))).Incremental.SearchWordsReused;
        all.ShouldBeGreaterThan(1);
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Quixotic ");
        var state = await Build(Options("site"));
        state.Incremental.SearchWordsReused.ShouldBe(all - 1);
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        (await Build(Options("site"))).Incremental.SearchWordsReused.ShouldBe(all, "the words written after the change serve every agreement");

        var kept = Path.Combine(BuildCache.FolderOf(Path.Combine(_temp, "site")), "search.bin");
        var bytes = File.ReadAllBytes(kept);
        foreach (var damage in new[] { bytes[..(bytes.Length / 2)], bytes.Select((b, i) => i % 97 == 50 ? (byte)~b : b).ToArray(), [] })
        {
            File.WriteAllBytes(kept, damage);
            (await Build(Options("site"))).Incremental.SearchWordsReused.ShouldBe(0);
            ShouldBeSameSite("site", "full");
        }
    }

    [Fact]
    public async Task An_agency_renamed_reaches_every_page_that_names_it()
    {
        await Build(Options("site"));
        Edit("agencies/dor.md", "\nname: ", "\nname: Renamed ");
        await Build(Options("site"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task The_graph_page_is_rendered_again_only_when_what_it_shows_changes()
    {
        await Build(Options("site"));
        var graph = Path.Combine(_temp, "site", "graph", "index.html");
        var written = File.GetLastWriteTimeUtc(graph);
        Thread.Sleep(20); // a rewritten file gets a later time than the first build's

        // A title is not on the graph page: the page stays as the first build wrote it.
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Retitled ");
        var retitled = await Build(Options("site"));
        retitled.Incremental.PagesReused.ShouldBeGreaterThan(0);
        File.GetLastWriteTimeUtc(graph).ShouldBe(written);
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");

        // An agency's name is, in the drawing and in the table of flows.
        Edit("agencies/dor.md", "\nname: ", "\nname: Renamed ");
        await Build(Options("site"));
        File.GetLastWriteTimeUtc(graph).ShouldBeGreaterThan(written);
        File.ReadAllText(graph).ShouldContain("Renamed ");
        SafeDelete.Tree(Path.Combine(_temp, "full"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task An_agreement_added_or_deleted_changes_counts_on_every_page_and_still_matches()
    {
        await Build(Options("site"));
        File.Copy(Path.Combine(_root, "agreements", "DULA-2026-0001.md"), Path.Combine(_root, "agreements", "DULA-2026-0099.md"));
        Edit("agreements/DULA-2026-0099.md", "id: DULA-2026-0001", "id: DULA-2026-0099");
        await Build(Options("site"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");

        File.Delete(Path.Combine(_root, "agreements", "DULA-2026-0099.md"));
        await Build(Options("site"));
        Directory.Exists(Path.Combine(_temp, "site", "agreements", "DULA-2026-0099")).ShouldBeFalse();
        SafeDelete.Tree(Path.Combine(_temp, "full"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task Another_option_or_another_site_in_the_folder_means_a_full_build()
    {
        await Build(Options("site"));
        (await Build(Options("site"))).Incremental.CacheNote.ShouldBe("written");
        (await ReadCacheNote(Options("site", baseUrl: "/registry/"))).ShouldStartWith("the tool or the build options changed");

        // A full build into the folder (no cache written) leaves a cache that describes another site.
        await Build(Options("site", incremental: false));
        (await ReadCacheNote(Options("site"))).ShouldStartWith("the output folder holds another build");
    }

    [Fact]
    public async Task A_cache_folder_the_tool_did_not_make_is_neither_read_nor_written()
    {
        var folder = BuildCache.FolderOf(Path.Combine(_temp, "site"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "cache.bin"), "my own notes");
        var state = await Build(Options("site"));
        state.Incremental.CacheNote.ShouldStartWith("not written");
        File.ReadAllText(Path.Combine(folder, "cache.bin")).ShouldBe("my own notes");
        (await ReadCacheNote(Options("site"))).ShouldStartWith("no cache");
    }

    [Fact]
    public async Task A_damaged_cache_means_a_full_build_not_a_failure()
    {
        await Build(Options("site"));
        File.WriteAllText(Path.Combine(BuildCache.FolderOf(Path.Combine(_temp, "site")), "cache.bin"), "not a cache");
        (await ReadCacheNote(Options("site"))).ShouldStartWith("the cache could not be read");
        await Build(Options("site"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task A_build_killed_while_it_updated_the_site_is_followed_by_a_full_one_that_repairs_it()
    {
        await Build(Options("site"));
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Retitled ");
        // What a kill in the middle of moving files leaves: the journal, and a site that is part old, part new.
        var site = Path.Combine(_temp, "site");
        File.WriteAllText(Path.Combine(BuildCache.FolderOf(site), BuildCache.JournalFile), "");
        File.WriteAllText(Path.Combine(site, "index.html"), "half written");
        (await ReadCacheNote(Options("site"))).ShouldStartWith("the last build was stopped while it updated the site");
        var state = await Build(Options("site"));
        state.Incremental.PagesReused.ShouldBe(0);
        File.Exists(Path.Combine(BuildCache.FolderOf(site), BuildCache.JournalFile)).ShouldBeFalse();
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        (await ReadCacheNote(Options("site"))).ShouldBe("cache used");
    }

    [Fact]
    public async Task An_update_stopped_while_its_files_move_keeps_its_journal_so_the_cache_written_beside_it_is_not_trusted()
    {
        await Build(Options("site"));
        var site = Path.Combine(_temp, "site");
        var cache = Path.Combine(BuildCache.FolderOf(site), "cache.bin");
        var cacheBefore = File.ReadAllBytes(cache);
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Retitled ");
        // A file where the agreement's folder was: the update moves agreements.csv and agreements.json, then stops there.
        var folder = Path.Combine(site, "agreements", "DULA-2026-0001");
        Directory.Delete(folder, recursive: true);
        File.WriteAllText(folder, "in the way");
        var stopped = await SiteBuilder.BuildAsync(Options("site"));
        stopped.Succeeded.ShouldBeFalse();
        stopped.Error.ShouldNotBeNull().ShouldContain("is not a folder this tool made");
        // The cache was written while the files moved, and describes the site the update meant to make; the journal stays, so
        // the next build does not trust it and builds the whole site again.
        File.ReadAllBytes(cache).ShouldNotBe(cacheBefore);
        File.Exists(Path.Combine(BuildCache.FolderOf(site), BuildCache.JournalFile)).ShouldBeTrue();
        (await ReadCacheNote(Options("site"))).ShouldStartWith("the last build was stopped while it updated the site");

        File.Delete(folder);
        (await Build(Options("site"))).Incremental.PagesReused.ShouldBe(0);
        File.Exists(Path.Combine(BuildCache.FolderOf(site), BuildCache.JournalFile)).ShouldBeFalse();
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        (await ReadCacheNote(Options("site"))).ShouldBe("cache used");
    }

    [Fact]
    public async Task Unchanged_records_of_agreements_json_are_copied_and_a_record_changed_in_the_site_is_written_again()
    {
        var first = await Build(Options("site"));
        first.Incremental.JsonRecordsReused.ShouldBe(0); // no last build
        var all = (await Build(Options("site"))).Incremental.JsonRecordsReused;
        all.ShouldBeGreaterThan(1);
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Quixotic ");
        // Its record and those of the two agreements that name it (their views show its title) are written again.
        (await Build(Options("site"))).Incremental.JsonRecordsReused.ShouldBe(all - 3);
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");

        // Someone edits the site's file in place, keeping its length: that record no longer hashes as kept, and is written again.
        var json = Path.Combine(_temp, "site", "agreements.json");
        var bytes = File.ReadAllBytes(json);
        var at = bytes.AsSpan().IndexOf("Quixotic"u8);
        at.ShouldBeGreaterThan(0);
        "Quizzical"u8[..8].CopyTo(bytes.AsSpan(at));
        File.WriteAllBytes(json, bytes);
        (await Build(Options("site"))).Incremental.JsonRecordsReused.ShouldBe(all - 1);
        ShouldBeSameSite("site", "full");

        // A damaged record list means every record is written afresh, never a failure.
        var kept = Path.Combine(BuildCache.FolderOf(Path.Combine(_temp, "site")), "agreements-json.bin");
        var list = File.ReadAllBytes(kept);
        list[list.Length / 2] ^= 0xFF;
        File.WriteAllBytes(kept, list);
        Edit("agreements/DULA-2026-0001.md", "\ntitle: Quixotic ", "\ntitle: ");
        (await Build(Options("site"))).Incremental.JsonRecordsReused.ShouldBe(0);
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        (await Build(Options("site"))).Incremental.JsonRecordsReused.ShouldBe(all);
    }

    [Fact]
    public async Task An_incremental_build_that_fails_before_it_moves_a_file_leaves_no_journal_and_the_site_as_it_was()
    {
        await Build(Options("site"));
        var site = Path.Combine(_temp, "site");
        var page = Path.Combine(site, "agreements", "DULA-2026-0001", "index.html");
        var before = File.ReadAllBytes(page);
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Retitled ");
        // The journal is written while the site is: a build that fails then has moved nothing, and takes its journal away.
        var stopped = await SiteBuilder.BuildAsync(Options("site"), new BuildAdditions([], [new FailingStep()]));
        stopped.Succeeded.ShouldBeFalse();
        File.Exists(Path.Combine(BuildCache.FolderOf(site), BuildCache.JournalFile)).ShouldBeFalse();
        File.ReadAllBytes(page).ShouldBe(before);
        (await ReadCacheNote(Options("site"))).ShouldBe("cache used");

        var next = await Build(Options("site"));
        next.Incremental.PagesReused.ShouldBeGreaterThan(0);
        File.Exists(Path.Combine(BuildCache.FolderOf(site), BuildCache.JournalFile)).ShouldBeFalse();
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task Only_changed_files_are_written_and_unchanged_pages_keep_their_file()
    {
        await Build(Options("site"));
        var untouched = Path.Combine(_temp, "site", "agreements", "DULA-2023-0004", "index.html"); // no link to DULA-2026-0001
        var before = File.GetLastWriteTimeUtc(untouched);
        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Retitled ");
        var state = await Build(Options("site"));
        File.GetLastWriteTimeUtc(untouched).ShouldBe(before);
        state.Incremental.FilesUpdated.ShouldBeLessThan(state.Files.Count);
    }

    [Fact]
    public async Task A_page_deleted_from_the_site_or_replaced_by_a_link_is_rendered_again()
    {
        await Build(Options("site"));
        var unchanged = await Build(Options("site")); // renders only the pages without a fingerprint (home, agencies, 404)
        // Nothing changed in the registry: besides those, only what the site lacks, or holds as something else than a file.
        var deleted = Path.Combine(_temp, "site", "agreements", "DULA-2023-0004", "index.html");
        File.Delete(deleted);
        var linked = Path.Combine(_temp, "site", "agreements", "DULA-2026-0001", "index.html");
        var elsewhere = Path.Combine(_temp, "elsewhere.html");
        File.WriteAllText(elsewhere, "not the site's");
        File.Delete(linked);
        File.CreateSymbolicLink(linked, elsewhere);

        var state = await Build(Options("site"));
        state.Incremental.PagesReused.ShouldBe(unchanged.Incremental.PagesReused - 2);
        File.Exists(deleted).ShouldBeTrue();
        new FileInfo(linked).LinkTarget.ShouldBeNull("a page again, not the link");
        File.ReadAllText(elsewhere).ShouldBe("not the site's");
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task Removing_an_agreement_moves_the_search_documents_after_it_and_every_chunk_matches_a_full_build()
    {
        // Several document chunks; the first agreement removed moves every later one back by one place, into another chunk.
        LargeRegistry.AddCopies(_root, 450);
        await Build(Options("site"));
        var first = Directory.EnumerateFiles(Path.Combine(_root, "agreements"), "*.md").Order(StringComparer.Ordinal).First();
        var text = File.ReadAllText(first);
        File.Delete(first);
        var state = await Build(Options("site"));
        state.Succeeded.ShouldBeTrue(state.Error);
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        // And back: the chunks move forward again.
        File.WriteAllText(first, text);
        (await Build(Options("site"))).Succeeded.ShouldBeTrue();
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task Assets_schemas_and_unchanged_search_files_are_left_as_they_are()
    {
        // More agreements than one search document chunk holds, so a change touches one chunk and not the others.
        LargeRegistry.AddCopies(_root, 450);
        await Build(Options("site"));
        var site = Path.Combine(_temp, "site");
        var times = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(site, f).Replace('\\', '/'), File.GetLastWriteTimeUtc);
        Thread.Sleep(20); // a rewritten file gets a later time than the first build's

        Edit("agreements/DULA-2023-1440.md", "\ntitle: ", "\ntitle: Retitled ");
        var state = await Build(Options("site"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        bool Kept(string path) => File.GetLastWriteTimeUtc(Path.Combine(site, path)) == times[path];
        // What depends only on the tool stays.
        times.Keys.Where(p => p.StartsWith("assets/", StringComparison.Ordinal)).ShouldNotBeEmpty();
        times.Keys.Where(p => p.StartsWith("assets/", StringComparison.Ordinal) || p.StartsWith("schema/", StringComparison.Ordinal))
            .Where(p => !Kept(p)).ShouldBeEmpty();
        // Of the search documents, only the chunk that holds the changed agreement is written again.
        var docs = times.Keys.Where(p => p.StartsWith("search/docs/", StringComparison.Ordinal)).ToList();
        docs.Count.ShouldBeGreaterThan(2);
        var rewritten = docs.Where(p => !Kept(p)).ToList();
        rewritten.Count.ShouldBe(1);
        File.ReadAllText(Path.Combine(site, rewritten[0])).ShouldContain("Retitled ");
        state.Incremental.FilesUpdated.ShouldBeLessThan(state.Files.Count / 10);

        // An asset changed in the site is put right by the next build; one left alone stays as it was.
        var css = times.Keys.First(p => p.StartsWith("assets/", StringComparison.Ordinal) && p.EndsWith(".css", StringComparison.Ordinal));
        var original = File.ReadAllBytes(Path.Combine(site, css));
        File.WriteAllText(Path.Combine(site, css), "body { display: none }");
        await Build(Options("site"));
        File.ReadAllBytes(Path.Combine(site, css)).ShouldBe(original);
        ShouldBeSameSite("site", "full");

        // So is one damaged past the first piece compared, with its length unchanged: a font's last byte.
        var font = times.Keys.Where(p => p.StartsWith("assets/", StringComparison.Ordinal))
            .OrderByDescending(p => new FileInfo(Path.Combine(site, p)).Length).First();
        var fontBytes = File.ReadAllBytes(Path.Combine(site, font));
        fontBytes.Length.ShouldBeGreaterThan(2 * 64 * 1024);
        var damaged = fontBytes.ToArray();
        damaged[^1] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(site, font), damaged);
        await Build(Options("site"));
        File.ReadAllBytes(Path.Combine(site, font)).ShouldBe(fontBytes);
        ShouldBeSameSite("site", "full");
    }

    [Fact]
    public async Task Only_the_listing_pages_that_show_a_changed_agreement_are_rendered_again()
    {
        // More agreements than one listing page holds: the index and the year listing come in numbered pages.
        LargeRegistry.AddCopies(_root, 450);
        await Build(Options("site"));
        var site = Path.Combine(_temp, "site");
        var listings = Directory.EnumerateFiles(Path.Combine(site, "agreements"), "index.html", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}page{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        || Path.GetDirectoryName(f) == Path.Combine(site, "agreements"))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        listings.Count.ShouldBeGreaterThan(3);
        Thread.Sleep(20); // a rewritten file gets a later time than the first build's

        Edit("agreements/DULA-2023-1440.md", "\ntitle: ", "\ntitle: Retitled ");
        await Build(Options("site"));
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        var rewritten = listings.Where(l => File.GetLastWriteTimeUtc(l.Key) != l.Value).Select(l => Path.GetRelativePath(site, l.Key)).ToList();
        // The last page of all agreements and of 2023's list it; the first pages do not, and stay as they were.
        rewritten.ShouldNotBeEmpty();
        rewritten.Count.ShouldBeLessThan(listings.Count);
        rewritten.ShouldAllBe(path => File.ReadAllText(Path.Combine(site, path)).Contains("Retitled "));
    }

    [Fact]
    public async Task Unchanged_files_are_not_parsed_again_and_give_the_same_site_and_diagnostics()
    {
        var first = await Build(Options("site"));
        first.Incremental.FilesFromCache.ShouldBe(0);
        var files = first.Incremental.FilesParsed;
        files.ShouldBe(Directory.GetFiles(Path.Combine(_root, "agreements"), "*.md").Length + Directory.GetFiles(Path.Combine(_root, "agencies"), "*.md").Length);

        Edit("agreements/DULA-2026-0001.md", "\ntitle: ", "\ntitle: Retitled ");
        var (cache, load, validation) = await Load(Options("site"));
        cache.Files!.Hits.ShouldBe(files - 1);
        cache.Files.Added.ShouldBe(1);
        await Build(Options("site"));
        var full = await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        validation.Diagnostics.Select(d => d.ToString()).ShouldBe(full.Diagnostics.Select(d => d.ToString()));

        // What came from the cache is what parsing gives: the bound front matter, the facts the rules read and the rendered body.
        foreach (var document in load.Registry.Agreements)
        {
            var parsed = DulaRegistry.Loading.RegistryLoader.LoadDocument<DulaRegistry.Model.Agreement>(
                Path.Combine(_root, document.Path), document.Path, long.MaxValue, new DulaRegistry.Diagnostics.DiagnosticBag(), keepMarkdown: true)!;
            System.Text.Json.JsonSerializer.Serialize(document.Model).ShouldBe(System.Text.Json.JsonSerializer.Serialize(parsed.Model), document.Path);
            document.BodyLine.ShouldBe(parsed.BodyLine, document.Path);
            document.Facts.Sections.ShouldBe(parsed.Facts.Sections, document.Path);
            document.Facts.Markup.ShouldBe(parsed.Facts.Markup, document.Path);
            document.Facts.Leftovers.ShouldBe(parsed.Facts.Leftovers, document.Path);
            var view = (DulaRegistry.Site.ViewModels.RenderedBody)document.BodyView!;
            var fresh = DulaRegistry.Site.ViewModels.RenderedBody.Of(parsed);
            view.Html.ShouldBe(fresh.Html, document.Path);
            view.Sections.ShouldBe(fresh.Sections, document.Path);
        }
    }

    [Fact]
    public async Task Settled_files_are_not_read_again_and_a_rewrite_that_keeps_size_and_time_is_still_seen()
    {
        // A time .NET can set back exactly (it has 100 ns steps), for the rewrite below.
        var path = Path.Combine(_root, "agreements", "DULA-2026-0001.md");
        var modified = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, modified);
        // A stamp is trusted only when its file had settled before the build that saw it: let the copied fixture settle.
        await Task.Delay(TimeSpan.FromMilliseconds(DulaRegistry.IO.FileStamp.SettleNs / 1_000_000 + 200));
        var first = await Build(Options("site"));
        var files = first.Incremental.FilesParsed;
        var again = await Build(Options("site"));
        again.Incremental.FilesFromCache.ShouldBe(files);
        again.Incremental.FilesNotRead.ShouldBe(files);

        // The same number of bytes and the modification time set back: only the status-change time (which no tool sets back)
        // tells the file changed, and it is now later than the start of the build that saw it. It is read, parsed, and the
        // site is a full build's.
        var size = new FileInfo(path).Length;
        var text = File.ReadAllText(path);
        var title = text.IndexOf("\ntitle: ", StringComparison.Ordinal) + "\ntitle: ".Length;
        File.WriteAllText(path, text[..title] + "Q" + text[(title + 1)..]);
        File.SetLastWriteTimeUtc(path, modified);
        new FileInfo(path).Length.ShouldBe(size);
        var edited = await Build(Options("site"));
        edited.Incremental.FilesParsed.ShouldBe(1);
        edited.Incremental.FilesNotRead.ShouldBe(files - 1);
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
        File.ReadAllText(Path.Combine(_temp, "site", "agreements", "DULA-2026-0001", "index.html")).ShouldContain("Q" + text[(title + 1)..(title + 5)]);

        // The file just rewritten has not settled: the next build reads it again (it is unchanged, so it is not parsed).
        var next = await Build(Options("site"));
        next.Incremental.FilesParsed.ShouldBe(0);
        next.Incremental.FilesNotRead.ShouldBe(files - 1);
    }

    [Fact]
    public async Task What_the_loading_kept_serves_the_next_build_even_when_this_one_stops_before_replacing_the_site()
    {
        // The loaded files are written beside the rest of the build, once the model is made: a build that stops later (here a
        // step after the pages fails) leaves no site, and the next build still parses nothing.
        var stopped = await SiteBuilder.BuildAsync(Options("site"), new BuildAdditions([], [new FailingStep()]));
        stopped.Succeeded.ShouldBeFalse();
        stopped.Error.ShouldBe("stopped on purpose");
        Directory.Exists(Path.Combine(_temp, "site")).ShouldBeFalse();
        File.Exists(Path.Combine(BuildCache.FolderOf(Path.Combine(_temp, "site")), "files.bin")).ShouldBeTrue();

        var next = await Build(Options("site"));
        next.Incremental.FilesParsed.ShouldBe(0);
        next.Incremental.FilesFromCache.ShouldBeGreaterThan(0);
        await Build(Options("full", incremental: false));
        ShouldBeSameSite("site", "full");
    }

    private sealed class FailingStep : IBuildStep<SiteTarget, WrittenFiles>
    {
        public string Description => "Failing on purpose";

        public Task<WrittenFiles> RunAsync(SiteTarget input, CancellationToken cancellationToken) => throw new BuildStoppedException("stopped on purpose");

        public string? Summarize(SiteTarget input, WrittenFiles output) => null;
    }

    [Fact]
    public async Task A_diagnostic_on_an_unchanged_file_points_where_a_full_build_points()
    {
        await Build(Options("site"));
        // Two unchanged files name the agreement removed here (superseded_by, amends): the rules report them at the key, whose
        // position the cached file had not kept. It is read again from the file's front matter, so it is the same place.
        File.Delete(Path.Combine(_root, "agreements", "DULA-2026-0001.md"));
        var incremental = await SiteBuilder.BuildAsync(Options("site"));
        var full = await SiteBuilder.BuildAsync(Options("full", incremental: false));
        incremental.Succeeded.ShouldBeFalse();
        var expected = full.Diagnostics.Select(d => d.ToString()).ToList();
        // At the key's own line, not at the start of the front matter.
        expected.ShouldContain(d => d.Contains("DULA-2024-0001.md(", StringComparison.Ordinal) && !d.Contains(".md(1,", StringComparison.Ordinal));
        expected.ShouldContain(d => d.Contains("DULA-2026-0002.md(", StringComparison.Ordinal) && !d.Contains(".md(1,", StringComparison.Ordinal));
        incremental.Diagnostics.Select(d => d.ToString()).ShouldBe(expected);
    }

    [Fact]
    public async Task Files_kept_by_another_build_of_the_tool_or_with_other_options_are_not_used()
    {
        await Build(Options("site"));
        // Another base URL is another key: the files are parsed again, not taken from the cache.
        var other = await Build(Options("site", baseUrl: "/registry/"));
        other.Incremental.FilesFromCache.ShouldBe(0);
        other.Incremental.FilesParsed.ShouldBeGreaterThan(0);
        var again = await Build(Options("site", baseUrl: "/registry/"));
        again.Incremental.FilesFromCache.ShouldBe(other.Incremental.FilesParsed);
        again.Incremental.FilesParsed.ShouldBe(0);
    }

    [Fact]
    public async Task A_damaged_file_cache_means_every_file_is_parsed_not_a_failure()
    {
        await Build(Options("site"));
        var kept = Path.Combine(BuildCache.FolderOf(Path.Combine(_temp, "site")), "files.bin");
        var bytes = File.ReadAllBytes(kept);
        foreach (var damage in new[] { bytes[..(bytes.Length / 2)], bytes.Select((b, i) => i % 97 == 50 ? (byte)~b : b).ToArray(), [], "not a cache"u8.ToArray() })
        {
            File.WriteAllBytes(kept, damage);
            var state = await Build(Options("site"));
            state.Incremental.FilesParsed.ShouldBeGreaterThan(0);
            await Build(Options("full", incremental: false));
            ShouldBeSameSite("site", "full");
            SafeDelete.Tree(Path.Combine(_temp, "full"));
        }
    }

    /// <summary>The build's first steps, run on their own: the cache read, the registry loaded (from it where files are
    /// unchanged) and validated. Nothing is written.</summary>
    private static async Task<(CacheRead Cache, RegistryLoad Load, ValidationReport Validation)> Load(SiteBuildOptions options)
    {
        var context = new BuildContext(options);
        var cache = await SiteBuilder.ReadBuildCache.RunAsync(context, CancellationToken.None);
        var load = await SiteBuilder.LoadRegistry.RunAsync((context, cache, null), CancellationToken.None);
        return (cache, load, await SiteBuilder.ValidateRegistry.RunAsync((context, load), CancellationToken.None));
    }

    private static async Task<string> ReadCacheNote(SiteBuildOptions options) =>
        (await SiteBuilder.ReadBuildCache.RunAsync(new BuildContext(options), CancellationToken.None)).Note;
}
