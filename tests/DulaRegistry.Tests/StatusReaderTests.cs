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

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RegistryTool.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("RegistryTool.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_agreement_and_fixture_in_the_repository_reads_as_the_loader_reads_it()
    {
        var root = Repository();
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
}
