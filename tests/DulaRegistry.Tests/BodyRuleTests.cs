using DulaRegistry.Validation.Rules;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>The Markdown body: raw HTML and unsafe links at their line and column; required sections.</summary>
public class BodyRuleTests
{
    private const string A = Fixtures.AgreementPath;

    /// <summary>The valid agreement with <paramref name="markdown"/> as the content of its Purpose section.</summary>
    private static string WithPurpose(string markdown) =>
        Fixtures.Agreement.Edit("Verify the income of SNAP households.\n", markdown + "\n");

    // ---------------------------------------------------------------- raw HTML

    [Theory]
    [InlineData("<div>hello</div>", "<div>")]
    [InlineData("   <div>indented</div>", "<div>")]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("<!-- a comment -->", "<!--")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>", "<iframe")]
    public void Raw_html_block_at_its_line_and_column(string html, string marker)
    {
        var text = WithPurpose("Before.\n\n" + html + "\n\nAfter.");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.RawHtml);
        diagnostics.Single(C.RawHtml);
        diagnostics.ShouldReport(C.RawHtml, A, text.LineOf(marker), text.ColumnOf(marker));
    }

    [Theory]
    [InlineData("Some <b>bold</b> text.", "<b>")]
    [InlineData("An image <img src=x onerror=alert(1)> here.", "<img")]
    [InlineData("- a list item with <span>html</span>", "<span>")]
    [InlineData("> a quote with <em>html</em>", "<em>")]
    public void Raw_html_inline_at_its_line_and_column(string markdown, string marker)
    {
        var text = WithPurpose(markdown);
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.RawHtml);
        diagnostics.ShouldReport(C.RawHtml, A, text.LineOf(marker), text.ColumnOf(marker));
    }

    [Fact]
    public void Inline_html_on_a_later_line_of_a_paragraph()
    {
        var text = WithPurpose("First line of the paragraph,\nsecond line has <u>this</u>.");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.RawHtml, A, text.LineOf("<u>"), text.ColumnOf("<u>"));
    }

    [Theory]
    [InlineData("Use `<b>` for bold in HTML.")]
    [InlineData("```\n<div>code</div>\n```")]
    [InlineData("    <div>indented code</div>")]
    [InlineData("Less than: 3 < 4 and a > b.")]
    [InlineData("Write to <https://www.mass.gov> or <data.office@example.org>.")]
    public void Html_in_code_and_plain_angle_brackets_is_fine(string markdown)
    {
        Fixtures.ValidateAgreement(WithPurpose(markdown)).ShouldBeClean();
    }

    [Fact]
    public void Raw_html_in_an_agency_body()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor + "\n<table><tr><td>x</td></tr></table>\n");
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.RawHtml);
        diagnostics.ShouldReport(C.RawHtml, "agencies/dor.md", (Fixtures.Dor + "\n<table>").LineOf("<table>"), 1);
    }

    // ---------------------------------------------------------------- unsafe links

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](DATA:text/html,x)")]
    [InlineData("[click](java&#9;script:alert(1))")]
    [InlineData("[click](java&#x0A;script:alert(1))")]
    [InlineData("[click](<java script:alert(1)>)")]
    [InlineData("[click](<\tjavascript:alert(1)>)")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](javascript&colon;alert(1))")]
    [InlineData("[click](javascript:alert(1) \"title\")")]
    [InlineData("![image](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    [InlineData("[[nested]](javascript:alert(1))")]
    [InlineData("**[bold](javascript:alert(1))**")]
    public void Unsafe_inline_link_at_its_line_and_column(string markdown)
    {
        var text = WithPurpose("Read " + markdown + " now.");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.UnsafeLink);
        diagnostics.Single(C.UnsafeLink);
        var start = markdown.TrimStart('*');
        diagnostics.ShouldReport(C.UnsafeLink, A, text.LineOf(markdown), text.ColumnOf(markdown) + (markdown.Length - start.Length));
    }

    [Theory]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("<vbscript:msgbox(1)>")]
    [InlineData("<data:text/html,x>")]
    public void Unsafe_autolink_at_its_line_and_column(string markdown)
    {
        var text = WithPurpose("Read " + markdown + " now.");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.UnsafeLink);
        diagnostics.ShouldReport(C.UnsafeLink, A, text.LineOf(markdown), text.ColumnOf(markdown));
    }

    [Theory]
    [InlineData("[ref]: javascript:alert(1)")]
    [InlineData("[ref]: JaVaScRiPt:alert(1)")]
    [InlineData("[ref]: java&#9;script:alert(1)")]
    [InlineData("[ref]: <data:text/html,x> \"title\"")]
    [InlineData("[ref]: vbscript:msgbox(1)")]
    public void Unsafe_reference_definition_at_its_line(string definition)
    {
        var text = WithPurpose("Nothing links to it.\n\n" + definition);
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.UnsafeLink);
        diagnostics.ShouldReport(C.UnsafeLink, A, text.LineOf(definition), 1);
    }

    [Fact]
    public void Unsafe_reference_is_reported_at_the_definition_and_at_its_use()
    {
        var text = WithPurpose("See [the form][f].\n\n[f]: javascript:alert(1)");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.UnsafeLink);
        diagnostics.ShouldReport(C.UnsafeLink, A, text.LineOf("[f]:"), 1);
        diagnostics.ShouldReport(C.UnsafeLink, A, text.LineOf("See ["), text.ColumnOf("[the form]"));
    }

    [Fact]
    public void Unsafe_link_in_an_agency_body()
    {
        var text = Fixtures.Dor + "\nSee [us](javascript:alert(1)).\n";
        using var registry = Fixtures.Registry().Write("agencies/dor.md", text);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.UnsafeLink);
        diagnostics.ShouldReport(C.UnsafeLink, "agencies/dor.md", text.LineOf("See ["), text.ColumnOf("[us]"));
    }

    [Theory]
    [InlineData("[site](https://www.mass.gov)")]
    [InlineData("[mail](mailto:data.office@example.org)")]
    [InlineData("[relative](../agencies/dor.md)")]
    [InlineData("[anchor](#purpose)")]
    [InlineData("[a word](javascript-guide.md)")]
    [InlineData("[database](https://example.org/data:set)")]
    [InlineData("[ref][ok]\n\n[ok]: https://www.mass.gov")]
    [InlineData("https://www.mass.gov/javascript:x")]
    [InlineData("Write `javascript:alert(1)` in code, never as a link.")]
    public void Safe_links_pass(string markdown)
    {
        Fixtures.ValidateAgreement(WithPurpose(markdown)).ShouldBeClean();
    }

    [Theory]
    [InlineData("javascript:x", true)]
    [InlineData(" javascript:x", true)]
    [InlineData("java\tscript:x", true)]
    [InlineData("java\nscript:x", true)]
    [InlineData("\u0001javascript:x", true)]
    [InlineData("JAVASCRIPT:x", true)]
    [InlineData("vbscript:x", true)]
    [InlineData("data:,x", true)]
    [InlineData("https://x", false)]
    [InlineData("mailto:x@example.org", false)]
    [InlineData("javascripts:x", false)]
    [InlineData("xjavascript:x", false)]
    [InlineData("datum:x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsUnsafe(string? url, bool unsafeUrl)
    {
        DulaRegistry.Loading.BodyFacts.IsUnsafe(url).ShouldBe(unsafeUrl);
    }

    // ---------------------------------------------------------------- required sections

    [Fact]
    public void Every_missing_section_is_reported_at_the_body_start()
    {
        var text = Fixtures.AgreementFrontMatter + "Just a paragraph.\n\n## Security safeguards\n\nEncrypted.\n";
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.MissingSection);
        diagnostics.Count.ShouldBe(6);
        diagnostics.ShouldAllBe(d => d.File == A && d.Line == Fixtures.FrontMatterEndLine + 1 && d.Column == 1);
    }

    [Fact]
    public void Empty_body_misses_every_section_and_the_safeguards()
    {
        var diagnostics = Fixtures.ValidateAgreement(Fixtures.AgreementFrontMatter);
        diagnostics.ShouldHaveCodes(C.MissingSection, C.ProtectedNeedsSafeguards);
        diagnostics.Count(d => d.Code == C.MissingSection).ShouldBe(7);
    }

    [Theory]
    [InlineData("## purpose", true)]
    [InlineData("##   Purpose:", true)]
    [InlineData("## Purpose.", true)]
    [InlineData("Purpose\n-------", true)]
    [InlineData("# Purpose", false)]
    [InlineData("### Purpose", false)]
    [InlineData("## Purposes", false)]
    [InlineData("**Purpose**", false)]
    [InlineData("> ## Purpose", false)]
    public void Section_headings_match_level_two_ignoring_case_and_punctuation(string heading, bool matches)
    {
        var text = Fixtures.Agreement.Edit("## Purpose\n", heading + "\n");
        var diagnostics = Fixtures.ValidateAgreement(text);
        if (matches)
        {
            diagnostics.ShouldBeClean();
        }
        else
        {
            diagnostics.ShouldHaveCodes(C.MissingSection);
            diagnostics.Single(C.MissingSection).Message.ShouldContain("## Purpose");
        }
    }

    [Fact]
    public void Custom_required_sections_from_registry_yml()
    {
        var body = "## Purpose\n\nWhy.\n\n## Security safeguards\n\nHow.\n";
        using (var registry = Fixtures.Registry(Fixtures.AgreementFrontMatter + body)
            .Write("registry.yml", "required_sections: [Purpose, Security safeguards]\n"))
        {
            registry.Validate().ShouldBeClean();
        }
        using (var registry = Fixtures.Registry(Fixtures.AgreementFrontMatter + body)
            .Write("registry.yml", "required_sections:\n  - Purpose\n  - Audit rights\n"))
        {
            var diagnostics = registry.Validate();
            diagnostics.ShouldHaveCodes(C.MissingSection);
            diagnostics.Single(C.MissingSection).Message.ShouldContain("## Audit rights");
            diagnostics.ShouldReport(C.MissingSection, A, Fixtures.FrontMatterEndLine + 1, 1);
        }
    }

    [Fact]
    public void Extra_sections_and_subsections_are_allowed()
    {
        var text = Fixtures.Agreement.Edit("## Permitted uses and restrictions\n", "## Definitions\n\nTerms.\n\n### Sub\n\nMore.\n\n## Permitted uses and restrictions\n");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void Security_section_with_only_a_subheading_counts_as_content()
    {
        var text = Fixtures.Agreement.Edit("IRS Publication 1075 safeguards: encryption in transit and at rest, named-user access.\n", "### Transfer\n\nSFTP.\n");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void Security_section_with_only_a_rule_is_empty()
    {
        var text = Fixtures.Agreement.Edit("IRS Publication 1075 safeguards: encryption in transit and at rest, named-user access.\n", "---\n");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.ProtectedNeedsSafeguards);
        diagnostics.ShouldReport(C.ProtectedNeedsSafeguards, A, text.LineOf("## Security safeguards"), 1);
    }

    [Theory]
    [InlineData("Security safeguards")]
    [InlineData("  Security   Safeguards  ")]
    [InlineData("Purpose:")]
    [InlineData("Purpose :")]
    [InlineData("Purpose.:.")]
    [InlineData("Data\tto be shared")]
    [InlineData("ÉTAT   Ünd İstanbul.")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("::")]
    public void Heading_key_is_words_joined_by_one_space_without_trailing_colon_or_period_in_lower_case(string title)
    {
        static string Expected(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd(':', '.').ToLowerInvariant();
        Assert.Equal(Expected(title), DulaRegistry.Loading.BodySection.Normalize(title));
        var longTitle = new string('X', 300) + " " + title + " .";
        Assert.Equal(Expected(longTitle), DulaRegistry.Loading.BodySection.Normalize(longTitle));
    }
}
