using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Dom;
using DulaRegistry.Model;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.Tests.Infrastructure;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Tests;

/// <summary>The built fixture site, read as files: fixed paths, links, escaping and the exports.</summary>
public sealed partial class SiteOutputTests
{
    private static readonly string[] s_fixedPaths =
    [
        "index.html",
        "agreements/index.html",
        "agencies/index.html",
        "graph/index.html",
        "agreements.json",
        "agreements.csv",
        "feed.xml",
        "expirations.ics",
        "sitemap.xml",
        "404.html",
        "schema/agency.schema.json",
        "schema/agreement.schema.json",
        "search/index.json",
        "assets/site.css",
        "assets/print.css",
        "assets/site.js",
        "assets/vendor/mayflower.css",
        "assets/vendor/minisearch.js",
    ];

    /// <summary>Attributes whose values are URLs.</summary>
    private static readonly HashSet<string> s_urlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "poster", "cite", "background", "longdesc", "manifest", "data",
    };

    [GeneratedRegex(@"DULA-\d{4}-\d{4,}")]
    private static partial Regex AgreementId();

    [GeneratedRegex(@"url\(\s*(?:""([^""]*)""|'([^']*)'|([^)'""\s]*))\s*\)")]
    private static partial Regex CssUrl();

    [Fact]
    public async Task Every_fixed_path_of_the_issue_exists()
    {
        var site = await BuiltSite.Instance;
        var expected = s_fixedPaths
            .Concat(site.Agreements.Select(a => $"agreements/{a.Id}/index.html"))
            .Concat(site.Agencies.Select(a => $"agencies/{a.Id}/index.html"));
        expected.Where(p => !site.Exists(p)).ShouldBeEmpty("missing from the built site");
    }

    [Fact]
    public async Task Every_link_stays_under_the_base_url_and_every_internal_link_resolves()
    {
        var site = await BuiltSite.Instance;
        var problems = new List<string>();
        foreach (var page in site.HtmlFiles())
        {
            var document = site.Html(page);
            var ids = document.All.Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var element in document.All)
            {
                foreach (var attribute in element.Attributes)
                {
                    var values = attribute.LocalName.Equals("srcset", StringComparison.OrdinalIgnoreCase)
                        ? attribute.Value.Split(',').Select(c => c.Trim().Split(' ')[0])
                        : s_urlAttributes.Contains(attribute.LocalName) ? [attribute.Value] : [];
                    foreach (var value in values)
                    {
                        var problem = CheckUrl(site, value, ids);
                        if (problem is not null) problems.Add($"{page}: <{element.LocalName} {attribute.Name}=\"{value}\">: {problem}");
                    }
                }
                if (element.GetAttribute("style") is { } style) problems.AddRange(CheckCssUrls(site, page, style, null));
            }
            foreach (var style in document.QuerySelectorAll("style")) problems.AddRange(CheckCssUrls(site, page, style.TextContent, null));
        }
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_url_in_the_shipped_stylesheets_names_a_shipped_file()
    {
        var site = await BuiltSite.Instance;
        var problems = site.Files()
            .Where(f => f.StartsWith("assets/", StringComparison.Ordinal) && f.EndsWith(".css", StringComparison.Ordinal))
            .SelectMany(f => CheckCssUrls(site, f, site.ReadText(f), f))
            .ToList();
        problems.ShouldBeEmpty();
        site.ReadText("assets/vendor/mayflower.css").ShouldContain("@font-face");
    }

    [Fact]
    public async Task Vendor_assets_stay_a_few_megabytes()
    {
        var site = await BuiltSite.Instance;
        var bytes = site.Files().Where(f => f.StartsWith("assets/", StringComparison.Ordinal))
            .Sum(f => new FileInfo(site.FullPath(f)).Length);
        bytes.ShouldBeLessThan(4L * 1024 * 1024, "the shipped assets grew past 4 MB");
        site.ReadText("assets/vendor/minisearch.js").ShouldContain("MiniSearch");
    }

    [Fact]
    public async Task Hostile_text_is_escaped_and_never_becomes_markup()
    {
        var site = await BuiltSite.Instance;
        var problems = new List<string>();
        foreach (var page in site.HtmlFiles())
        {
            var document = site.Html(page);
            foreach (var element in document.All)
            {
                foreach (var attribute in element.Attributes.Where(a => a.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{page}: <{element.LocalName}> has an event handler attribute {attribute.Name}=\"{attribute.Value}\"");
                }
                if (element.LocalName is "iframe" or "object" or "embed" or "frame")
                {
                    problems.Add($"{page}: unexpected <{element.LocalName}>");
                }
                if (element.LocalName == "img" && element.GetAttribute("src") == "x")
                {
                    problems.Add($"{page}: the hostile <img src=x> became an element");
                }
            }
            foreach (var script in document.Scripts)
            {
                if (script.Text.Contains("alert", StringComparison.Ordinal)) problems.Add($"{page}: a <script> element carries hostile text: {script.Text}");
                if (string.IsNullOrEmpty(script.Source) && !string.IsNullOrWhiteSpace(script.Text)
                    && script.Type is not ("application/ld+json" or "application/json"))
                {
                    problems.Add($"{page}: an inline script (the site's scripts are files under assets/)");
                }
            }
            var raw = site.ReadText(page);
            foreach (var needle in new[] { "<script>alert", "<img src=x", "<svg onload", "<iframe", "onerror=alert(1)\">" })
            {
                if (raw.Contains(needle, StringComparison.OrdinalIgnoreCase)) problems.Add($"{page}: the raw HTML contains `{needle}`");
            }
        }
        problems.ShouldBeEmpty();

        // The title is shown, as text, on its own page.
        var hostile = site.Html($"agreements/{BuiltSite.HostileId}/index.html");
        hostile.QuerySelectorAll("h1").Select(h => h.TextContent.Trim()).ShouldContain(BuiltSite.HostileTitle);
        hostile.Title.ShouldNotBeNull().ShouldContain(BuiltSite.HostileTitle);
        hostile.Body!.TextContent.ShouldContain("<script>alert('body')</script>");
    }

    [Fact]
    public async Task The_agreements_table_carries_the_filter_attributes_site_js_reads()
    {
        var site = await BuiltSite.Instance;
        var document = site.Html("agreements/index.html");
        var form = document.QuerySelector("form#filters").ShouldNotBeNull();
        foreach (var name in new[] { "status", "agency", "secretariat", "classification", "regulation", "framework" })
        {
            form.QuerySelector($"select[name='{name}']").ShouldNotBeNull($"the filter form has no <select name=\"{name}\">");
        }
        var rows = document.QuerySelectorAll("#agreements-table tbody tr");
        rows.Length.ShouldBe(site.Agreements.Count());
        foreach (var row in rows)
        {
            foreach (var attribute in new[] { "data-status", "data-agencies", "data-secretariats", "data-classifications", "data-regulations", "data-framework", "data-year" })
            {
                row.HasAttribute(attribute).ShouldBeTrue($"a row lacks {attribute}: {row.OuterHtml[..Math.Min(200, row.OuterHtml.Length)]}");
            }
        }
        rows.Count(r => r.GetAttribute("data-status") == "executed")
            .ShouldBe(site.Agreements.Count(a => a.Status == AgreementStatus.Executed));
        document.QuerySelector("meta[name='base-url']")?.GetAttribute("content").ShouldBe(BuiltSite.BaseUrl);
    }

    [Fact]
    public async Task The_search_index_has_a_record_per_agreement_and_finds_each_by_its_exact_id()
    {
        var site = await BuiltSite.Instance;
        using var manifest = JsonDocument.Parse(site.ReadText(SiteUrls.SearchManifestPath));
        var root = manifest.RootElement;
        root.GetProperty("version").GetInt32().ShouldBe(1);
        var count = root.GetProperty("documents").GetInt32();
        count.ShouldBe(site.Agreements.Count());
        var chunkSize = root.GetProperty("documentChunk").GetInt32();

        // Records, in id order: what a result shows, with a URL of a page that exists.
        var ids = site.Agreements.Select(a => a.Id!).Order(StringComparer.Ordinal).ToList();
        var records = new List<JsonElement>();
        for (var chunk = 0; chunk * chunkSize < count; chunk++)
        {
            using var docs = JsonDocument.Parse(site.ReadText(SiteUrls.SearchDocsPath(chunk)));
            records.AddRange(docs.RootElement.EnumerateArray().Select(d => d.Clone()));
        }
        records.Select(r => r.GetProperty("id").GetString()).ShouldBe(ids);
        foreach (var record in records)
        {
            foreach (var name in new[] { "title", "url", "status", "statusLabel", "framework", "frameworkLabel", "partyNames", "owners", "recipients" })
            {
                record.GetProperty(name).ValueKind.ShouldBe(JsonValueKind.String, name);
            }
            var url = record.GetProperty("url").GetString()!;
            url.ShouldStartWith(BuiltSite.BaseUrl);
            site.Exists(url[BuiltSite.BaseUrl.Length..] + "index.html").ShouldBeTrue(url);
        }
        records.Single(r => r.GetProperty("id").GetString() == BuiltSite.HostileId).GetProperty("title").GetString().ShouldBe(BuiltSite.HostileTitle);

        // Terms: sorted as JavaScript compares strings, each in the chunk the manifest's first terms point to.
        var firsts = root.GetProperty("chunks").EnumerateArray().Select(c => c.GetString()!).ToList();
        firsts.ShouldBe(firsts.Order(StringComparer.Ordinal));
        var terms = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var chunk = 0; chunk < firsts.Count; chunk++)
        {
            using var json = JsonDocument.Parse(site.ReadText(SiteUrls.SearchTermsPath(chunk)));
            var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            names[0].ShouldBe(firsts[chunk]);
            names.ShouldBe(names.Order(StringComparer.Ordinal));
            if (chunk + 1 < firsts.Count) string.CompareOrdinal(names[^1], firsts[chunk + 1]).ShouldBeLessThan(0);
            foreach (var term in json.RootElement.EnumerateObject())
            {
                var ordinal = 0;
                terms[term.Name] = term.Value[0].EnumerateArray().Select(d => ordinal += d.GetInt32()).ToArray();
            }
        }
        for (var i = 0; i < ids.Count; i++) terms["=" + ids[i].ToLowerInvariant()].ShouldContain(i, ids[i]);
        terms["#status:executed"].Select(o => ids[o]).ShouldBe(site.Agreements.Where(a => a.Status == AgreementStatus.Executed).Select(a => a.Id!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Search_words_follow_one_set_of_rules()
    {
        SearchTokens.Words("DULA-2024-0003 <b>Name</b> Café déjà-vu ÉCOLE 2²").ShouldBe(["dula", "2024", "0003", "b", "name", "b", "café", "déjà", "vu", "école", "2²"]);
        SearchTokens.Words("Cafe\u0301 x").ShouldBe(["cafe\u0301", "x"], "a combining accent stays in its word");
        SearchTokens.ExactKey("  (DULA-2024-0003). ").ShouldBe("dula-2024-0003");
        SearchTokens.LettersOnly("wage").ShouldBeTrue();
        SearchTokens.LettersOnly("62c").ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("...")]
    [InlineData("  (DULA-2024-0003). ")]
    [InlineData("RITM1000000")]
    [InlineData("-İSTANBUL-ÉTAT-Straße-")]
    [InlineData("(e\u0301)")]
    [InlineData("😀 DOR 😀")]
    [InlineData("\uD800x\uDC00")]
    [InlineData("ΣΊΣΥΦΟΣ.")]
    public void Exact_keys_trim_what_is_not_a_word_at_both_ends_and_lower_the_rest(string id)
    {
        // The definition, rune by rune (what the one-pass form replaced), on any text and on a long one.
        static string Spec(string id)
        {
            var runes = id.EnumerateRunes().ToList();
            static bool IsWord(System.Text.Rune r) => System.Text.Rune.IsLetter(r) || System.Text.Rune.IsNumber(r) || System.Text.Rune.GetUnicodeCategory(r)
                is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark;
            var (start, end) = (0, runes.Count);
            while (start < end && !IsWord(runes[start])) start++;
            while (end > start && !IsWord(runes[end - 1])) end--;
            return string.Concat(runes.Skip(start).Take(end - start).Select(r => System.Text.Rune.ToLower(r, System.Globalization.CultureInfo.InvariantCulture).ToString()));
        }
        SearchTokens.ExactKey(id).ShouldBe(Spec(id));
        var longId = string.Concat(Enumerable.Repeat(id + " x ", 100));
        SearchTokens.ExactKey(longId).ShouldBe(Spec(longId));
    }

    [Fact]
    public void Search_words_are_the_runes_rules_on_any_text_long_or_short()
    {
        // The rules spelled out rune by rune, as SearchTokens documents them; the fast tokenizer must agree on any text.
        static List<string> Reference(string text)
        {
            var words = new List<string>();
            var word = new System.Text.StringBuilder();
            foreach (var rune in text.EnumerateRunes())
            {
                if (System.Text.Rune.IsLetter(rune) || System.Text.Rune.IsNumber(rune) || System.Text.Rune.GetUnicodeCategory(rune)
                    is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark)
                {
                    word.Append(System.Text.Rune.ToLower(rune, System.Globalization.CultureInfo.InvariantCulture).ToString());
                }
                else if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            if (word.Length > 0) words.Add(word.ToString());
            return words;
        }
        var random = new Random(11);
        const string alphabet = "aZ9 -_.,ÉéßİΣσ²\u0301\U0001D400\U0001F600\uD800\uDC00İ\u00A0";
        for (var round = 0; round < 2000; round++)
        {
            var length = random.Next(2) == 0 ? random.Next(0, 40) : random.Next(200, 900); // both buffers: on the stack and rented
            var text = new System.Text.StringBuilder();
            while (text.Length < length) text.Append(alphabet[random.Next(alphabet.Length)]);
            SearchTokens.Words(text.ToString()).ShouldBe(Reference(text.ToString()), text.ToString());
        }
    }

    [Fact]
    public async Task Agreements_json_lists_every_agreement()
    {
        var site = await BuiltSite.Instance;
        using var json = JsonDocument.Parse(site.ReadText("agreements.json"));
        var text = json.RootElement.GetRawText();
        foreach (var agreement in site.Agreements) text.ShouldContain(agreement.Id!);
    }

    [Fact]
    public async Task Csv_has_a_header_and_one_row_per_agreement()
    {
        var site = await BuiltSite.Instance;
        var rows = ParseCsv(site.ReadText("agreements.csv"));
        rows.Count.ShouldBe(1 + site.Agreements.Count(), "a header row and one row per agreement");
        var header = rows[0];
        rows.ShouldAllBe(r => r.Count == header.Count);
        var id = header.FindIndex(h => h.Trim().Equals("id", StringComparison.OrdinalIgnoreCase));
        id.ShouldBeGreaterThanOrEqualTo(0, $"no id column in {string.Join(",", header)}");
        rows.Skip(1).Select(r => r[id]).Order(StringComparer.Ordinal).ShouldBe(site.Agreements.Select(a => a.Id).Order(StringComparer.Ordinal));
        var title = header.FindIndex(h => h.Trim().Equals("title", StringComparison.OrdinalIgnoreCase));
        title.ShouldBeGreaterThanOrEqualTo(0, $"no title column in {string.Join(",", header)}");
        rows.Single(r => r[id] == BuiltSite.HostileId)[title].ShouldBe(BuiltSite.HostileTitle);
    }

    [Fact]
    public async Task Feed_is_atom_with_the_executed_agreements_newest_first()
    {
        var site = await BuiltSite.Instance;
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(site.ReadText("feed.xml"));
        feed.Root!.Name.ShouldBe(atom + "feed");
        var entries = feed.Root.Elements(atom + "entry").ToList();
        var ids = entries.Select(e => AgreementId().Match(string.Join(" ",
            e.Elements(atom + "link").Select(l => (string?)l.Attribute("href")).Append((string?)e.Element(atom + "id")))).Value).ToList();
        var expected = site.Agreements
            .Where(a => a.Status == AgreementStatus.Executed)
            .OrderByDescending(a => a.Signatures.Max(s => s.Date))
            .Select(a => a.Id!)
            .ToList();
        ids.ShouldBe(expected, "the feed's entries, by agreement id (newest execution first)");
        foreach (var entry in entries)
        {
            entry.Element(atom + "title").ShouldNotBeNull();
            entry.Element(atom + "updated").ShouldNotBeNull();
            entry.Element(atom + "id").ShouldNotBeNull();
        }
        entries.Select(e => e.Element(atom + "title")!.Value).ShouldContain(t => t.Contains(BuiltSite.HostileTitle, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sitemap_parses_and_lists_every_agreement_and_agency_page()
    {
        var site = await BuiltSite.Instance;
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemap = XDocument.Parse(site.ReadText("sitemap.xml"));
        var locations = sitemap.Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value.Trim()).ToList();
        var paths = locations.Select(l => Uri.TryCreate(l, UriKind.Absolute, out var u) ? u.AbsolutePath : l).ToList();
        foreach (var agreement in site.Agreements) paths.ShouldContain($"{BuiltSite.BaseUrl}agreements/{agreement.Id}/");
        foreach (var agency in site.Agencies) paths.ShouldContain($"{BuiltSite.BaseUrl}agencies/{agency.Id}/");
        paths.Where(p => !p.StartsWith(BuiltSite.BaseUrl, StringComparison.Ordinal) || !site.Exists(p[BuiltSite.BaseUrl.Length..] + (p.EndsWith('/') ? "index.html" : "")))
            .ShouldBeEmpty("sitemap entries that name no page");
    }

    [Fact]
    public async Task Calendar_has_an_all_day_event_on_each_executed_agreements_expiry()
    {
        var site = await BuiltSite.Instance;
        var raw = site.ReadText("expirations.ics");
        raw.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        raw.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain("\n", customMessage: "iCalendar lines end with CRLF");
        foreach (var line in raw.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, $"an iCalendar line longer than 75 octets is not folded: {line}");
        }
        var events = ParseEvents(raw);
        events.ShouldNotBeEmpty();
        foreach (var agreement in site.Agreements.Where(a => a.Status == AgreementStatus.Executed && a.Term?.Expires is not null))
        {
            var expires = agreement.Term!.Expires!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            events.ShouldContain(e => e.Contains($"DTSTART;VALUE=DATE:{expires}") && e.Contains(agreement.Id!),
                $"no all-day VEVENT on {expires} for {agreement.Id}");
        }
    }

    [Fact]
    public async Task Every_page_has_one_main_landmark_a_title_and_a_language()
    {
        var site = await BuiltSite.Instance;
        foreach (var page in site.HtmlFiles())
        {
            var document = site.Html(page);
            document.DocumentElement.GetAttribute("lang").ShouldNotBeNullOrWhiteSpace(page);
            document.Title.ShouldNotBeNullOrWhiteSpace(page);
            document.QuerySelectorAll("main").Length.ShouldBe(1, page);
            document.QuerySelectorAll("h1").Length.ShouldBe(1, page);
            document.All.Where(e => !string.IsNullOrEmpty(e.Id)).GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key)
                .ShouldBeEmpty($"{page}: duplicate ids");
        }
    }

    private static string? CheckUrl(BuiltSite site, string value, HashSet<string> pageIds)
    {
        if (value.StartsWith('#'))
        {
            var fragment = Uri.UnescapeDataString(value[1..]);
            return fragment.Length == 0 || pageIds.Contains(fragment) ? null : "no element on the page has this id";
        }
        if (value.StartsWith("mailto:", StringComparison.Ordinal)) return null;
        if (value.StartsWith("https://", StringComparison.Ordinal)) return Uri.TryCreate(value, UriKind.Absolute, out _) ? null : "not a valid URL";
        if (!value.StartsWith(BuiltSite.BaseUrl, StringComparison.Ordinal)) return $"escapes the base URL {BuiltSite.BaseUrl} (only {BuiltSite.BaseUrl}…, https:, mailto: and # are allowed)";
        var path = value[BuiltSite.BaseUrl.Length..];
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        path = Uri.UnescapeDataString(path);
        if (path.Length == 0 || path.EndsWith('/')) path += "index.html";
        if (path.Split('/').Any(p => p is ".." or ".")) return "contains a dot segment";
        return site.Exists(path) ? null : $"names no file of the site ({path})";
    }

    private static IEnumerable<string> CheckCssUrls(BuiltSite site, string file, string css, string? cssFile)
    {
        foreach (Match match in CssUrl().Matches(css))
        {
            var value = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
            if (value.StartsWith("data:", StringComparison.Ordinal) || value.StartsWith('#')) continue;
            string path;
            if (value.StartsWith(BuiltSite.BaseUrl, StringComparison.Ordinal)) path = value[BuiltSite.BaseUrl.Length..];
            else if (cssFile is not null && !value.Contains(':', StringComparison.Ordinal) && !value.StartsWith('/'))
            {
                var folder = Path.GetDirectoryName(cssFile)!.Replace('\\', '/');
                path = Path.GetRelativePath(".", Path.Combine(folder, value)).Replace('\\', '/');
            }
            else
            {
                yield return $"{file}: url({value}) escapes the base URL";
                continue;
            }
            var cut = path.IndexOfAny(['?', '#']);
            if (cut >= 0) path = path[..cut];
            if (!site.Exists(path)) yield return $"{file}: url({value}) names no file of the site ({path})";
        }
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else field.Append(c);
        }
        quoted.ShouldBeFalse("the CSV ends inside a quoted field");
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    /// <summary>The unfolded text of each VEVENT.</summary>
    private static List<string> ParseEvents(string ics)
    {
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        var events = new List<string>();
        StringBuilder? current = null;
        foreach (var line in unfolded.Split("\r\n"))
        {
            if (line == "BEGIN:VEVENT") current = new StringBuilder();
            else if (line == "END:VEVENT" && current is not null) { events.Add(current.ToString()); current = null; }
            else current?.AppendLine(line);
        }
        return events;
    }
}
