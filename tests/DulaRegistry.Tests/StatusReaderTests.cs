using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.History;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Tests;

/// <summary>
/// The status history's reader stops at the first top-level <c>status</c> and decodes only the start of a file; these tests
/// hold it to the full loader's answer (the whole front matter read, then bound) on every real file and on files made to
/// fool a reader that takes shortcuts.
/// </summary>
public sealed class StatusReaderTests
{
    private static AgreementStatus? Early(string text) => StatusReader.Read(Encoding.UTF8.GetBytes(text), "agreements/x.md");

    private static AgreementStatus? Early(byte[] bytes) => StatusReader.Read(bytes, "agreements/x.md");

    /// <summary>The status as the loader reads it: the whole front matter, bound whole.</summary>
    private static AgreementStatus? Full(string text)
    {
        var bag = new DiagnosticBag();
        return RegistryLoader.ReadFrontMatter(text, "agreements/x.md", bag) is { } front
            ? FrontMatterBinder.Bind<Agreement>(front.Mapping, "agreements/x.md", new SourceMap(SourcePosition.Start), bag).Status
            : null;
    }

    [Fact]
    public void Every_agreement_and_fixture_in_the_repository_reads_as_the_loader_reads_it()
    {
        var root = RepoPaths.Root;
        var files = new[] { "agreements", "tests/fixtures", "templates" }
            .Select(f => Path.Combine(root, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.md", SearchOption.AllDirectories)).ToList();
        files.Count.ShouldBeGreaterThan(10);
        var withStatus = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var text = Encoding.UTF8.GetString(bytes);
            Early(bytes).ShouldBe(Full(text), file);
            if (Full(text) is not null) withStatus++;
        }
        withStatus.ShouldBeGreaterThan(5); // the comparison saw real statuses, not only nulls
        Early(Fixtures.Agreement).ShouldBe(AgreementStatus.Executed);
        Full(Fixtures.Agreement).ShouldBe(AgreementStatus.Executed);
    }

    public static TheoryData<string, string, AgreementStatus?> Hostile => new()
    {
        { "a body line", "---\nid: A\nstatus: proposed\n---\nstatus: executed\n", AgreementStatus.Proposed },
        { "only a body line", "---\nid: A\n---\nstatus: executed\n", null },
        { "a diff-looking body", "---\nid: A\nstatus: proposed\n---\n+status: executed\n+++ b/agreements/B.md\n", AgreementStatus.Proposed },
        { "a nested mapping before", "---\nterm:\n  status: executed\nstatus: proposed\n---\n", AgreementStatus.Proposed },
        { "only a nested mapping", "---\nterm:\n  status: executed\n---\n", null },
        { "a nested list item", "---\nparties:\n  - status: executed\n---\n", null },
        { "a flow mapping", "---\nmeta: {status: executed}\n---\n", null },
        { "a comment", "---\nid: A\n# status: executed\n---\n", null },
        { "a comment before the real one", "---\n# status: executed\nstatus: proposed\n---\n", AgreementStatus.Proposed },
        { "a block scalar", "---\nnotes: |\n  status: executed\n---\n", null },
        { "a block scalar before the real one", "---\nnotes: >\n  status: executed\nstatus: drafting\n---\n", AgreementStatus.Drafting },
        { "a multi-line quoted value", "---\ntitle: \"a\nstatus: executed\"\n---\n", null },
        { "a quoted key", "---\n\"status\": executed\n---\n", AgreementStatus.Executed },
        { "a duplicate, the first counts", "---\nstatus: proposed\nstatus: executed\n---\n", AgreementStatus.Proposed },
        { "a YAML error before", "---\ntitle: [unclosed\nstatus: executed\n---\n", null },
        { "an anchor before", "---\nid: &a A\nstatus: executed\n---\n", null },
        { "a tag before", "---\nid: !!str A\nstatus: executed\n---\n", null },
        { "a tab-indented line before", "---\nterm:\n\teffective: 2026-01-01\nstatus: executed\n---\n", null },
        { "a directive", "---\n%YAML 1.2\nstatus: executed\n---\n", null },
        { "a list, not a mapping", "---\n- status: executed\n---\n", null },
        { "a scalar front matter", "---\nstatus executed\n---\n", null },
        { "a status that is a list", "---\nstatus: [executed]\n---\n", null },
        { "a misspelt status", "---\nstatus: executd\n---\n", null },
        { "no closing line", "---\nstatus: executed\n", null },
        { "no opening line", "status: executed\n---\n", null },
        { "the closing line is ...", "---\nstatus: executed\n...\nstatus: proposed\n", AgreementStatus.Executed },
        { "a second document in the body", "---\nid: A\n---\nstatus: executed\n---\n", null },
        { "CRLF line breaks", "---\r\nid: A\r\nstatus: in-review\r\n---\r\nstatus: executed\r\n", AgreementStatus.InReview },
        { "old Mac line breaks", "---\rstatus: terminated\r---\r", AgreementStatus.Terminated },
        { "a byte-order mark", "\uFEFF---\nstatus: executed\n---\n", AgreementStatus.Executed },
        { "a closing line with trailing spaces", "---\nstatus: executed\n---   \nstatus: proposed\n", AgreementStatus.Executed },
        { "a closing line with a non-breaking space", "---\nstatus: executed\n---\u00A0\nstatus: proposed\n", AgreementStatus.Executed },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_file_made_to_fool_a_shortcut_reads_as_the_loader_reads_it(string what, string text, AgreementStatus? expected)
    {
        Full(text).ShouldBe(expected, what);
        Early(text).ShouldBe(expected, what);
    }

    [Fact]
    public void A_front_matter_longer_than_the_first_read_is_decoded_whole()
    {
        // The closing line lies past the first 8 KB, and a three-byte character straddles that boundary.
        var filler = string.Concat(Enumerable.Range(0, 400).Select(i => $"k{i}: \"€€€€€€\"\n"));
        foreach (var text in (string[])[$"---\n{filler}status: executed\n---\n", $"---\nstatus: executed\n{filler}---\n", $"---\n{filler}---\nstatus: executed\n"])
        {
            Encoding.UTF8.GetByteCount(text).ShouldBeGreaterThan(8 * 1024);
            Early(text).ShouldBe(Full(text));
        }
        Early($"---\n{filler}status: executed\n---\n").ShouldBe(AgreementStatus.Executed);
        Early($"---\n{filler}---\nstatus: executed\n").ShouldBeNull();
        Early($"---\n{filler}status: executed\n").ShouldBeNull(); // never closed
    }

    [Fact]
    public void Bytes_the_loader_refuses_anywhere_in_the_file_give_no_status()
    {
        var text = Encoding.UTF8.GetBytes("---\nstatus: executed\n---\nbody\n");
        Early(text).ShouldBe(AgreementStatus.Executed);
        Early([.. text, 0]).ShouldBeNull(); // binary
        Early([.. text, 0xC3]).ShouldBeNull(); // not UTF-8, past the front matter
    }

    [Fact]
    public void A_mistake_after_the_status_is_the_one_known_difference()
    {
        // The loader drops the whole file; the history reader has stopped reading by then and takes the status it names.
        // Either way the status comes from the front matter's status key; the validator reports the mistake.
        const string text = "---\nstatus: executed\nframework: mou\ntags: [unclosed\n---\n";
        Full(text).ShouldBeNull();
        Early(text).ShouldBe(AgreementStatus.Executed);
    }

    [Theory]
    [InlineData("---\n# yaml-language-server: $schema=x\nid: DULA-2026-0001\ntitle: Bob's wage match (v2), 2026; a/b+c=d?\nstatus: executed\nframework: mou\n---\nbody\n", "executed")]
    [InlineData("---\nstatus:  in-review\n\n# a comment\nparties:\n  - agency: dor\n---\n", "in-review")]
    [InlineData("---\nid: A\nstatus: executd\n...\n", "executd")]
    [InlineData("---\nstatus: final\n---", "final")]
    public void A_plain_front_matter_is_read_straight_from_the_bytes(string text, string word)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        PlainStatusScanner.TryFind(bytes, out var found).ShouldBeTrue();
        Encoding.ASCII.GetString(found).ShouldBe(word);
        Early(bytes).ShouldBe(StatusReader.ReadWithYamlReader(bytes, "agreements/x.md"));
        Early(bytes).ShouldBe(Full(text));
    }

    public static TheoryData<string, string> NotPlain => new()
    {
        { "a value that goes on on the next line", "---\nstatus: executed\n  and more\n---\n" },
        { "a quote opened on the next line", "---\nstatus: executed\n\"framework: mou\n---\n" },
        { "a list item next", "---\nstatus: executed\n- x\n---\n" },
        { "a comment after the status", "---\nstatus: executed # note\n---\n" },
        { "a quoted status", "---\nstatus: \"executed\"\n---\n" },
        { "a colon in a value before", "---\ntitle: a: b\nstatus: executed\n---\n" },
        { "a block scalar before", "---\nnotes: |\n  status: proposed\nstatus: executed\n---\n" },
        { "a nested mapping before", "---\nterm:\n  status: proposed\nstatus: executed\n---\n" },
        { "a non-ASCII value before", "---\ntitle: Données\nstatus: executed\n---\n" },
        { "a line separator before", "---\ntitle: a\u2028b\nstatus: executed\n---\n" },
        { "CRLF line breaks", "---\r\nstatus: executed\r\n---\r\n" },
        { "a carriage return before the closing line", "---\nstatus: executed\nnotes: x\nmore\r---\n" },
        { "a closing line with a trailing space", "---\nstatus: executed\n--- \n" },
        { "a closing line with a non-breaking space", "---\nstatus: executed\n---\u00A0\n---\n" },
        { "a byte-order mark", "\uFEFF---\nstatus: executed\n---\n" },
        { "an opening line with a trailing space", "--- \nstatus: executed\n---\n" },
        { "never closed", "---\nstatus: executed\n" },
        { "a space before the colon", "---\nstatus : executed\n---\n" },
        { "a tab after the colon", "---\nstatus:\texecuted\n---\n" },
        { "a directive", "---\n%YAML 1.2\nstatus: executed\n---\n" },
    };

    [Theory]
    [MemberData(nameof(NotPlain))]
    public void Anything_less_plain_is_left_to_the_YAML_reader(string what, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        PlainStatusScanner.TryFind(bytes, out _).ShouldBeFalse(what);
        Early(bytes).ShouldBe(StatusReader.ReadWithYamlReader(bytes, "agreements/x.md"), what);
    }

    [Fact]
    public void The_plain_scanner_answers_only_as_the_YAML_reader_does_on_thousands_of_made_up_files()
    {
        // Front matters assembled at random from lines a plain scanner could misread, compared with the YAML reader alone.
        // Each list starts with lines plain enough for the scanner, picked half the time, so both ways are taken often.
        string[] openings = ["---\n", "--- \n", "---\r\n", "\uFEFF---\n", "---", "----\n"];
        string[] before =
        [
            "id: DULA-2026-0001", "title: Bob's wage match (v2), 2026; a/b+c=d?", "# yaml-language-server: $schema=../x.json", "", "#",
            "x-y_z: 1", "_k: v", "id: A\nid: B", "title: a  b", "title: a:b",
            "title: a: b", "title: x # c", "  indented: x", "notes: |", "  block: text", "title: \"quoted\"", "title: 'open", "key:", "key: ",
            "- item", "%YAML 1.2", "status : proposed", "title: tab\there", "title: é", "title: a\u2028b", "title: a\u0085b", "term:",
            "  status: superseded", "...", "--- ", "title: trailing ", "title: [a, b]", "title: {a: b}", "title: &x y", "title: !!str y",
            "title: *x", "title: @y", "title: `y", "9k: v", "title: a\rb",
        ];
        string[] statuses =
        [
            "status: executed", "status: in-review", "status: Executed", "status: executd", "status:  final", "status: null", "status: final ",
            "status: final # c", "status: \"final\"", "status: [final]", "status:", "Status: final", "status: ~",
            "status: drafting\nstatus: executed", "status: executed\r",
        ];
        string[] after =
        [
            "framework: mou", "", "# c", "framework:", "  continued", "\tx", "\"framework: mou", "- x", "framework:x",
            "tags: [unclosed", "notes: |\n  ---", "#é", "k\u2028: v", "title: x\ry", "  - a", "? complex", "framework: é",
        ];
        string[] closings = ["---\n", "...\n", "---", "--- \n", "---\r\n", "---\u00A0\n", "", "----\n"];
        string[] bodies = ["", "status: proposed\n", "## Purpose\n\nText.\n", "---\nstatus: withdrawn\n"];

        var random = new Random(20261122);
        var (plain, yaml) = (0, 0);
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder(Pick(openings));
            for (var n = random.Next(4); n > 0; n--) text.Append(Pick(before)).Append('\n');
            if (random.Next(8) > 0) text.Append(Pick(statuses)).Append('\n');
            for (var n = random.Next(3); n > 0; n--) text.Append(Pick(after)).Append('\n');
            text.Append(Pick(closings)).Append(Pick(bodies));
            var bytes = Encoding.UTF8.GetBytes(text.ToString());

            var expected = StatusReader.ReadWithYamlReader(bytes, "agreements/x.md");
            Early(bytes).ShouldBe(expected, text.ToString());
            if (PlainStatusScanner.TryFind(bytes, out _)) plain++;
            else yaml++;
        }
        // Both ways were taken often, so the comparison tested the scanner's answers and its refusals.
        plain.ShouldBeGreaterThan(1_000);
        yaml.ShouldBeGreaterThan(1_000);

        // Half the time one of the plain lines at the start of the list (the first two, or five for the lines before the status).
        string Pick(string[] from) => from[random.Next(2) == 0 ? random.Next(from == before ? 5 : from == statuses ? 6 : 2) : random.Next(from.Length)];
    }
}
