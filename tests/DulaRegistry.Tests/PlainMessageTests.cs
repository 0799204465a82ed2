using DulaRegistry.Diagnostics;
using YamlDotNet.Core;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>
/// The YAML mistakes drafters make most, each named in plain words at its line with the corrected line. Every case checks
/// that YamlDotNet itself fails on the mistake (so the detector explains a real failure), and that typing the suggested
/// line in its place makes the file read cleanly (so the fix is right).
/// </summary>
public class PlainMessageTests
{
    private const string A = Fixtures.AgreementPath;
    private const string Title = "title: SNAP eligibility wage match";

    /// <summary>The one DULA006 of <paramref name="text"/>, at the line of <paramref name="marker"/>; its message holds <paramref name="fix"/>.</summary>
    private static Diagnostic AssertPlain(string text, string marker, string fix, string words)
    {
        ParserFails(text).ShouldBeTrue("YamlDotNet reads this text; the detector would explain a failure that does not happen");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        var found = diagnostics.ShouldReport(C.YamlSyntax, A, text.LineOf(marker));
        found.Message.ShouldContain($"`{fix}`");
        found.Message.ShouldContain(words);
        found.Message.ShouldNotContain("YAML reader says"); // the parser's words are the last resort only
        found.Message.ShouldNotContain("scalar");
        found.Message.ShouldNotContain("mapping");
        // Typing the corrected line makes the file valid.
        var lines = text.Split('\n');
        lines[found.Line - 1] = fix;
        var fixedText = string.Join('\n', lines);
        ParserFails(fixedText).ShouldBeFalse(fixedText);
        Fixtures.ValidateAgreement(fixedText).ShouldNotContain(d => d.Code == C.YamlSyntax);
        return found;
    }

    private static bool ParserFails(string text)
    {
        var close = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(text[4..close]));
            while (parser.MoveNext())
            {
            }
            return false;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            return true;
        }
    }

    [Fact]
    public void A_colon_in_a_value_asks_for_quotes()
    {
        var text = Fixtures.Agreement.Edit(Title, "title: Child care: subsidy eligibility check");
        AssertPlain(text, "\ntitle:", "title: \"Child care: subsidy eligibility check\"", "put the whole value in quotes");
    }

    [Theory]
    [InlineData("title: [Draft] wage match", "title: \"[Draft] wage match\"", "starts with `[`")]
    [InlineData("title: {Draft} wage match", "title: \"{Draft} wage match\"", "starts with `{`")]
    [InlineData("title: & wage match", "title: \"& wage match\"", "starts with `&`")]
    [InlineData("title: %50 wage match", "title: \"%50 wage match\"", "starts with `%`")]
    [InlineData("title: @dta wage match", "title: \"@dta wage match\"", "starts with `@`")]
    [InlineData("title: `SNAP` wage match", "title: \"`SNAP` wage match\"", "starts with `` ` ``")]
    [InlineData("title: \"Child care\" subsidy", "title: '\"Child care\" subsidy'", "starts with a quote")]
    [InlineData("title: 'Child' care", "title: \"'Child' care\"", "starts with a quote")]
    [InlineData("title: \"The \"big\" match\"", "title: 'The \"big\" match'", "starts with a quote")]
    public void A_value_starting_with_a_special_character_asks_for_quotes(string line, string fix, string words)
    {
        var text = Fixtures.Agreement.Edit(Title, line);
        AssertPlain(text, "\ntitle:", fix, words.Replace("`` ` ``", "`", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("title: &Co wage match", "title: \"&Co wage match\"")]
    [InlineData("title: !Important wage match", "title: \"!Important wage match\"")]
    [InlineData("title: *Draft wage match", "title: \"*Draft wage match\"")]
    public void An_anchor_or_tag_that_was_meant_as_text_shows_the_quoted_line(string line, string fix)
    {
        var text = Fixtures.Agreement.Edit(Title, line);
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.AliasNotAllowed);
        diagnostics.ShouldReport(C.AliasNotAllowed, A, text.LineOf("\ntitle:")).Message.ShouldContain($"put the whole value in quotes: `{fix}`");
        Fixtures.ValidateAgreement(Fixtures.Agreement.Edit(Title, fix)).ShouldBeClean();
    }

    [Fact]
    public void An_apostrophe_in_single_quotes_asks_for_double_quotes()
    {
        var text = Fixtures.Agreement.Edit(Title, "title: 'Children's data'");
        var found = AssertPlain(text, "\ntitle:", "title: \"Children's data\"", "put it in double quotes instead");
        found.Message.ShouldContain("the apostrophe in `Children's` ends the value early");
    }

    [Fact]
    public void A_missing_space_after_a_colon()
    {
        var text = Fixtures.Agreement.Edit(Title, "title:SNAP eligibility wage match");
        AssertPlain(text, "\ntitle:", Title, "no space after the colon in `title:`");
    }

    [Fact]
    public void A_missing_space_after_a_colon_in_a_list_item()
    {
        var text = Fixtures.Agreement.Edit("    role: owner", "    role:owner");
        AssertPlain(text, "role:owner", "    role: owner", "no space after the colon in `role:`");
    }

    [Theory]
    [InlineData("    role: owner", "   role: owner", "`role:` starts after 3 spaces, but `agency:`")]
    [InlineData("    role: owner", "     role: owner", "`role:` starts after 5 spaces, but `agency:`")]
    [InlineData("  expires: 2029-01-31", " expires: 2029-01-31", "`expires:` starts after 1 space, but `effective:`")]
    [InlineData(Title, "  " + Title, "`title:` starts after 2 spaces, but `id:`")]
    public void A_key_indented_differently_from_the_keys_around_it(string line, string wrong, string words)
    {
        var text = Fixtures.Agreement.Edit(line, wrong);
        var found = AssertPlain(text, wrong.Trim(), line, words);
        found.Message.ShouldContain("keys at the same level start in the same column");
    }

    [Theory]
    [InlineData(" - agency: dor")]
    [InlineData("   - agency: dor")]
    [InlineData("    - agency: dor")]
    public void A_list_item_at_the_wrong_indentation(string wrong)
    {
        var text = Fixtures.Agreement.Edit("  - agency: dor\n    role: owner", wrong + "\n    role: owner");
        var found = AssertPlain(text, wrong + "\n    role: owner", "  - agency: dor", "but the item above it on line");
        found.Message.ShouldContain($"line {text.LineOf("- agency: dta\n    role")} is indented 2 spaces");
    }

    [Theory]
    [InlineData("  expires: 2029-01-31", "\texpires: 2029-01-31", "expires:")]
    [InlineData("  - agency: dta\n    role: recipient", "\t- agency: dta\n    role: recipient", "- agency: dta\n    role: recipient")]
    public void A_tab_used_for_indentation(string line, string wrong, string marker)
    {
        var text = Fixtures.Agreement.Edit(line, wrong);
        AssertPlain(text, marker, line.Split('\n')[0], "replace the tab with spaces");
    }

    [Fact]
    public void A_quote_that_is_never_closed()
    {
        const string Retention = "retention: Destroy within 90 days of the match; certify destruction in writing.";
        var text = Fixtures.Agreement.Edit(Retention, "retention: \"Destroy within 90 days of the match; certify destruction in writing.");
        AssertPlain(text, "retention:", "retention: \"Destroy within 90 days of the match; certify destruction in writing.\"", "is never closed");
    }

    [Fact]
    public void An_unclosed_list_offers_both_fixes()
    {
        var text = Fixtures.Agreement.Edit("    to: [dta]", "    to: [dta");
        var found = AssertPlain(text, "to: [dta", "    to: [dta]", "there is no `]` to end it");
        found.Message.ShouldContain("if it is text, put it in quotes: `    to: \"[dta\"`");
    }

    [Fact]
    public void Other_mistakes_get_a_plain_sentence_before_the_parsers_words()
    {
        // A stray `]` after a closed list: none of the common mistakes.
        var text = Fixtures.Agreement.Edit("tags: [snap, eligibility]", "tags: [snap, eligibility]]");
        ParserFails(text).ShouldBeTrue();
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        var message = diagnostics.Single().Message;
        message.ShouldStartWith("this line cannot be read as `key: value`; check its indentation");
        message.IndexOf("(the YAML reader says: ", StringComparison.Ordinal).ShouldBeGreaterThan(message.IndexOf("quotes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_file_still_counts_in_the_summary()
    {
        using var registry = Fixtures.Registry(Fixtures.Agreement.Edit(Title, "title: Child care: subsidy eligibility check"));
        var loaded = Loading.RegistryLoader.Load(registry.Root, new DiagnosticBag());
        loaded.Agreements.Count.ShouldBe(0);
        loaded.AgreementFiles.ShouldBe(1);
    }

    [Theory]
    [InlineData("title: \"Child care: subsidy eligibility check\"")]
    [InlineData("title: \"Children's data\"")]
    [InlineData("title: SNAP eligibility wage match # draft: a comment")]
    public void Valid_lines_like_the_mistakes_are_fine(string line)
    {
        Fixtures.ValidateAgreement(Fixtures.Agreement.Edit(Title, line)).ShouldBeClean();
    }
}
