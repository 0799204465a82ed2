using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using AngleSharp.Html.Parser;
using DulaRegistry.Diagnostics;
using DulaRegistry.Site.Build;
using DulaRegistry.Validation;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// Property-style: registries generated from a seed, with hostile text in every text field and dates at the edges of the
/// calendar, must either be rejected by validation with a plain diagnostic, or validate and build with every export
/// well-formed (XML, JSON, CSV, iCalendar, HTML). "Whatever validates also builds."
/// </summary>
public sealed class HostileRegistryTests
{
    /// <summary>Text that validation must accept; every output must carry it safely.</summary>
    private static readonly string[] s_acceptedText =
    [
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "]]> <![CDATA[ x ]]>",
        "&amp; &lt; &#0; &#x1F;",
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "+1 555 0100",
        "-2+3",
        "@SUM(A1:A2)",
        "\u202Egnp.exe (a right-to-left override)",
        "Emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and e\u0301",
        "commas, semicolons; back\\slashes \\n and \"quotes\" and 'apostrophes'",
        "first line\nsecond line\n0 errors, 0 warnings",
        "tab\there",
        "::error file=agreements/x.md,line=1::forged %0A annotation",
        "@{ razor } @@ ${js} {single} }} {{",
        "| a | table | cell |",
        "`backticks` *stars* _underscores_ [link](javascript:alert(1)) <https://example.org>",
        "javascript:alert(document.cookie)",
        "line\u2028separator\u2029paragraph",
        new string('W', 3000),
        "   leading and trailing spaces   ",
        "ZWJ 👩‍👩‍👧 and zero\u200Bwidth",
    ];

    /// <summary>Text that validation may reject (with a plain diagnostic) or must otherwise keep out of every output.</summary>
    private static readonly string[] s_suspectText =
    [
        "bell \u0007 here",
        "escape \u001b[31mred\u001b[0m",
        "nul-ish \u0001\u0002",
        "non-character \uFFFE and \uFFFF",
        "C1 \u0085 next line and \u009B CSI",
        "delete \u007F",
        "form\ffeed and vertical\vtab",
        "carriage\rreturn",
        "noncharacter \uFDD0",
        "{{placeholder}} left from the template", // refused from in-review on (DULA063)
    ];

    private static readonly DateOnly[] s_todays = [DateOnly.MinValue, new(2026, 11, 22), DateOnly.MaxValue];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 24; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_registry_with_hostile_text_and_edge_dates_validates_and_builds_or_is_rejected_plainly(int seed)
    {
        var random = new Random(seed);
        var suspect = seed % 3 == 0; // every third registry also carries text validation may refuse
        var root = NewFolder("dula-hostile-");
        try
        {
            HostileRegistry.Write(root, random, suspect ? [.. s_acceptedText, .. s_suspectText] : s_acceptedText);
            foreach (var today in s_todays)
            {
                var bag = new DiagnosticBag();
                RegistryValidator.LoadAndValidate(root, today, bag);
                var diagnostics = bag.Sorted();
                diagnostics.ShouldNotContain(d => d.Code == DiagnosticCodes.Internal, Describe(diagnostics));
                var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
                if (!suspect) errors.ShouldBeEmpty($"seed {seed}, today {today:O}: the generator writes only valid registries\n{Describe(errors)}");
                if (errors.Count > 0)
                {
                    // Rejected: each error names a file and a real position, in words (no exception text).
                    errors.ShouldAllBe(d => d.File.Length > 0 && d.Line >= 1 && d.Column >= 1 && !d.Message.Contains("Exception", StringComparison.Ordinal));
                    continue;
                }

                var output = NewFolder("dula-hostile-site-");
                Directory.Delete(output);
                try
                {
                    var result = await SiteBuilder.BuildAsync(new SiteBuildOptions(root, output, "https://example.org/registry/", today));
                    result.Succeeded.ShouldBeTrue($"seed {seed}, today {today:O}: validated but did not build: {result.Error}\n{Describe(result.Diagnostics)}");
                    ExportChecks.All(output);
                }
                finally
                {
                    if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_generator_reaches_both_edges_of_the_calendar()
    {
        var root = NewFolder("dula-hostile-");
        try
        {
            HostileRegistry.Write(root, new Random(1), s_acceptedText);
            var text = string.Concat(Directory.EnumerateFiles(Path.Combine(root, "agreements")).Select(File.ReadAllText));
            text.ShouldContain("0001-01-01");
            text.ShouldContain("9999-12-31");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join('\n', diagnostics);

    private static string NewFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Writes a small registry from a seed: a secretariat, three agencies, and agreements in several states.</summary>
internal static class HostileRegistry
{
    public static void Write(string root, Random random, IReadOnlyList<string> pool)
    {
        string T() => Quote(pool[random.Next(pool.Count)]);
        Directory.CreateDirectory(Path.Combine(root, "agencies"));
        Directory.CreateDirectory(Path.Combine(root, "agreements"));
        File.WriteAllText(Path.Combine(root, "registry.yml"), $"name: {T()}\nrepository_url: https://github.com/example/registry\n");
        string[] agencies = ["sec", "own", "rec"];
        foreach (var id in agencies)
        {
            var kind = id == "sec" ? "secretariat" : "agency";
            var secretariat = id == "sec" ? "" : "secretariat: sec\n";
            File.WriteAllText(Path.Combine(root, "agencies", id + ".md"), $"""
                ---
                id: {id}
                name: {T()}
                acronym: {T()}
                kind: {kind}
                {secretariat}mou:
                  signed: 0001-01-01
                coordinators:
                  - name: {T()}
                    title: {T()}
                    email: {T()}
                    github: someone
                legal_reviewers: ["@example-org/{id}-legal"]
                signatories:
                  - name: Signer {id}
                    title: {T()}
                website: {T()}
                ---
                {Body(random, pool, sections: false)}
                """);
        }

        // Executed at the far end of the calendar, executed at the near end (so expired against a later today),
        // a legacy agreement, a terminated one, and a draft.
        Agreement(root, "DULA-9999-0001", "executed", "mou", new(9995, 1, 1), new(9999, 12, 31), T, random, pool);
        Agreement(root, "DULA-0001-0002", "executed", "mou", new(1, 1, 1), new(1, 1, 2), T, random, pool);
        Agreement(root, "DULA-2026-0003", "executed", "legacy", new(2025, 1, 1), new(2027, 1, 1), T, random, pool);
        Agreement(root, "DULA-2026-0004", "terminated", "mou", new(1, 1, 1), new(5, 12, 31), T, random, pool, ended: DateOnly.MaxValue);
        Agreement(root, "DULA-2026-0005", "drafting", "mou", null, null, T, random, pool);
    }

    private static void Agreement(string root, string id, string status, string framework, DateOnly? effective, DateOnly? expires,
        Func<string> t, Random random, IReadOnlyList<string> pool, DateOnly? ended = null)
    {
        var executed = status is "executed" or "terminated";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            ---
            id: {id}
            title: {t()}
            status: {status}
            framework: {framework}
            parties:
              - agency: rec
                role: recipient
                dula_manager: {"{"} name: {t()}, title: {t()}, email: {t()} {"}"}
                signatory: {"{"} name: Signer rec, title: {t()} {"}"}
              - agency: own
                role: owner
                dula_manager: {"{"} name: {t()}, title: {t()}, email: {t()} {"}"}
                signatory: {"{"} name: Signer own, title: {t()} {"}"}
            drafters:
              - name: {t()}
                agency: rec
            purpose: {t()}
            data:
              - name: {t()}
                from: own
                to: [rec]
                classification: pii
                elements: [{t()}, {t()}]
                regulations: [hipaa]
                frequency: monthly
                transfer: {t()}
            legal_authority:
              - citation: {t()}
                note: {t()}
            retention: {t()}
            tags: [alpha, beta]

            """);
        if (effective is { } from && expires is { } to)
        {
            text.Append(CultureInfo.InvariantCulture, $"term:\n  effective: {from:yyyy-MM-dd}\n  expires: {to:yyyy-MM-dd}\n");
        }
        if (executed)
        {
            var signed = effective!.Value;
            text.Append(CultureInfo.InvariantCulture, $"""
                service_request: {t()}
                signatures:
                  - {"{"} agency: rec, name: Signer rec, title: {t()}, date: {signed:yyyy-MM-dd} {"}"}
                  - {"{"} agency: own, name: Signer own, title: {t()}, date: {signed:yyyy-MM-dd} {"}"}
                executed_copy: {"{"} sha256: {new string('a', 64)} {"}"}

                """);
        }
        if (ended is { } end) text.Append(CultureInfo.InvariantCulture, $"ended: {end:yyyy-MM-dd}\n");
        text.Append("---\n").Append(Body(random, pool, sections: true));
        File.WriteAllText(Path.Combine(root, "agreements", id + ".md"), text.ToString());
    }

    /// <summary>A Markdown body: the seven required sections (or free text), each with hostile text as plain paragraphs.</summary>
    private static string Body(Random random, IReadOnlyList<string> pool, bool sections)
    {
        var body = new StringBuilder();
        IEnumerable<string> headings = sections
            ? ["Purpose", "Data to be shared", "Permitted uses and restrictions", "Security safeguards", "Retention and destruction",
                "Incident and breach notification", "Term, amendment and termination"]
            : ["About"];
        foreach (var heading in headings)
        {
            // Raw HTML and script links in a body are refused by design (DULA061, DULA062), so they are defused here.
            var paragraph = pool[random.Next(pool.Count)].Replace("<", "\\<", StringComparison.Ordinal).Replace("](", "] (", StringComparison.Ordinal);
            body.Append("## ").Append(heading).Append("\n\nSafeguards apply. ").Append(paragraph).Append("\n\n");
        }
        return body.ToString();
    }

    /// <summary>A YAML double-quoted scalar; anything not printable is written as an escape, so YAML decodes it back.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            var v = rune.Value;
            if (v == '"') quoted.Append("\\\"");
            else if (v == '\\') quoted.Append("\\\\");
            else if (v == '\n') quoted.Append("\\n");
            else if (v == '\t') quoted.Append("\\t");
            else if (v < 0x20 || v is >= 0x7F and <= 0x9F || v is 0x2028 or 0x2029 or 0xFEFF || (v & 0xFFFE) == 0xFFFE || v is >= 0xFDD0 and <= 0xFDEF)
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{v:X4}");
            }
            else quoted.Append(rune.ToString());
        }
        return quoted.Append('"').ToString();
    }
}

/// <summary>Parses every export of a built site with a strict reader of its format.</summary>
internal static class ExportChecks
{
    public static void All(string output)
    {
        foreach (var xml in new[] { "feed.xml", "sitemap.xml" }) Xml(Path.Combine(output, xml));
        var search = Directory.EnumerateFiles(Path.Combine(output, "search"), "*.json", SearchOption.AllDirectories);
        foreach (var json in search.Prepend(Path.Combine(output, "agreements.json")))
        {
            using var _ = JsonDocument.Parse(File.ReadAllBytes(json));
        }
        Csv(Path.Combine(output, "agreements.csv"));
        Calendar(Path.Combine(output, "expirations.ics"));
        foreach (var page in Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories)) Html(page);
    }

    private static void Xml(string path)
    {
        using var reader = XmlReader.Create(path, new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        while (reader.Read())
        {
        }
    }

    /// <summary>RFC 4180: every record has the header's number of fields; no cell reads as a spreadsheet formula.</summary>
    private static void Csv(string path)
    {
        var text = File.ReadAllText(path);
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            text[i].ShouldBe('"', $"{path}: every field is quoted (at {i})");
            i++;
            while (true)
            {
                if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                }
                else if (text[i] == '"')
                {
                    i++;
                    break;
                }
                else cell.Append(text[i++]);
            }
            record.Add(cell.ToString());
            cell.Clear();
            if (text[i] == ',')
            {
                i++;
                continue;
            }
            text.Substring(i, 2).ShouldBe("\r\n", $"{path}: records end with CRLF (at {i})");
            i += 2;
            records.Add(record);
            record = [];
        }
        records.Count.ShouldBeGreaterThan(1);
        records.ShouldAllBe(r => r.Count == records[0].Count);
        records.SelectMany(r => r).ShouldAllBe(c => c.Length == 0 || "=+-@\t\r".IndexOf(c[0]) < 0);
        NoControls(text.Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), path);
    }

    /// <summary>RFC 5545: CRLF lines of at most 75 octets, folded lines start with a space, content lines are NAME[;params]:value.</summary>
    private static void Calendar(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        text.ShouldEndWith("\r\n");
        var physical = text[..^2].Split("\r\n");
        physical.ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) <= 75 && !l.Contains('\n') && !l.Contains('\r'));
        var unfolded = string.Join("\r\n", physical).Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        unfolded.ShouldAllBe(l => l.Length > 0 && (char.IsAsciiLetterUpper(l[0])) && l.IndexOf(':') > 0);
        unfolded.Count(l => l == "BEGIN:VEVENT").ShouldBe(unfolded.Count(l => l == "END:VEVENT"));
        foreach (var line in unfolded) NoControls(line, path);
    }

    private static void Html(string path)
    {
        var text = File.ReadAllText(path);
        NoControls(text.Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal), path);
        var document = new HtmlParser().ParseDocument(text);
        // Only the site's own two scripts, and no event-handler attribute anywhere.
        document.Scripts.ShouldAllBe(s => s.Source != null && s.Source.Contains("/assets/", StringComparison.Ordinal), path);
        document.All.SelectMany(e => e.Attributes).ShouldNotContain(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), path);
        document.QuerySelectorAll("[href]").Select(e => e.GetAttribute("href")!.Trim())
            .ShouldNotContain(h => h.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("data:", StringComparison.OrdinalIgnoreCase), path);
    }

    /// <summary>No C0/C1 control, DEL or Unicode non-character (tab, LF and CR are checked by the callers).</summary>
    private static void NoControls(string text, string path)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            var bad = v is < 0x20 and not ('\t' or '\n' or '\r') || v is >= 0x7F and <= 0x9F || (v & 0xFFFE) == 0xFFFE || v is >= 0xFDD0 and <= 0xFDEF;
            bad.ShouldBeFalse($"{path} holds U+{v:X4}");
        }
    }
}
