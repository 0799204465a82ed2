using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>Invisible control characters and non-characters never reach the outputs: the loader refuses them at their
/// line and column. Identifiers match over the whole string.</summary>
public class ControlCharacterTests
{
    private const string A = Fixtures.AgreementPath;

    [Theory]
    [InlineData("\u001B", "U+001B (escape)")]
    [InlineData("\u0007", "U+0007 (bell)")]
    [InlineData("\u000B", "U+000B (vertical tab)")]
    [InlineData("\u000C", "U+000C (form feed)")]
    [InlineData("\u007F", "U+007F (delete)")]
    [InlineData("\u0085", "U+0085 (next line)")]
    [InlineData("\u009B", "U+009B")]
    [InlineData("\uFDD0", "U+FDD0 (a Unicode non-character)")]
    [InlineData("\uFFFE", "U+FFFE")]
    [InlineData("\uFFFF", "U+FFFF")]
    [InlineData("\U0001FFFE", "U+1FFFE")]
    [InlineData("\U0010FFFF", "U+10FFFF")]
    public void Invisible_character_in_a_value_is_an_error_at_its_line_and_column(string character, string name)
    {
        var text = Fixtures.Agreement.Edit("title: SNAP eligibility", $"title: SN{character}AP eligibility");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.InvisibleCharacter);
        var line = text.LineOf("\ntitle:");
        var found = diagnostics.ShouldReport(C.InvisibleCharacter, A, line, "title: SN".Length + 1);
        found.Message.ShouldContain(name);
        found.Message.ShouldContain("invisible in most editors");
    }

    [Fact]
    public void Invisible_character_in_the_body_is_reported_after_CRLF_lines_too()
    {
        var text = Fixtures.Agreement.Replace("\n", "\r\n", StringComparison.Ordinal).Edit("## Purpose", "## Pur\u001Bpose");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.InvisibleCharacter);
        diagnostics.ShouldReport(C.InvisibleCharacter, A, text.LineOf("## Pur"), 7);
    }

    [Fact]
    public void Tab_line_feed_and_carriage_return_are_allowed()
    {
        var text = Fixtures.Agreement.Replace("\n", "\r\n", StringComparison.Ordinal).Edit("## Purpose", "## Purpose\t");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void Many_invisible_characters_are_reported_up_to_a_limit_then_counted()
    {
        var text = Fixtures.Agreement.Edit("## Purpose", "## Purpose" + new string('\u001B', 1000));
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.Count.ShouldBe(21);
        diagnostics.ShouldAllBe(d => d.Code == C.InvisibleCharacter);
        diagnostics.Count(d => d.Message.Contains("980 more", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Theory]
    [InlineData(@"\e", "U+001B")]
    [InlineData(@"\x85", "U+0085")]
    [InlineData(@"\a", "U+0007")]
    [InlineData(@"\uFFFE", "U+FFFE")]
    public void Invisible_character_written_as_a_YAML_escape_is_an_error_at_the_value(string escape, string name)
    {
        var text = Fixtures.Agreement.Edit("title: SNAP eligibility wage match", $"title: \"SNAP {escape}eligibility\"");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.InvisibleCharacter);
        diagnostics.ShouldReport(C.InvisibleCharacter, A, text.LineOf("\ntitle:"), 8).Message.ShouldContain(name);
    }

    [Fact]
    public void Escaped_newline_and_tab_in_a_quoted_value_are_not_invisible_characters()
    {
        var text = Fixtures.Agreement.Edit("title: SNAP eligibility wage match", "title: \"SNAP\\teligibility\\nwage match\"");
        Fixtures.ValidateAgreement(text).ShouldNotContain(d => d.Code == C.InvisibleCharacter);
    }

    [Fact]
    public void Invisible_character_in_registry_yml_is_reported_there()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", "name: Test\nid_prefix: DU\u001BLA\n");
        var diagnostics = registry.Validate();
        diagnostics.ShouldReport(C.InvisibleCharacter, "registry.yml", 2, 14);
    }

    // ---------------------------------------------------------------- identifiers over the whole string

    [Fact]
    public void Agreement_id_with_a_trailing_newline_is_DULA020()
    {
        var text = Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: \"DULA-2026-0007\\n\"");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.IdFormat, A, 2, 1);
    }

    [Fact]
    public void Agency_id_with_a_trailing_newline_is_DULA020()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor.Edit("id: dor", "id: \"dor\\n\""));
        registry.Validate().ShouldReport(C.IdFormat, "agencies/dor.md", 2, 1);
    }

    [Fact]
    public void Regulation_with_a_trailing_newline_is_DULA012()
    {
        var text = Fixtures.Agreement.Edit("regulations: [irs-pub-1075]", "regulations: [\"irs-pub-1075\\n\"]");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.InvalidValue);
        diagnostics.Single(C.InvalidValue).Message.ShouldContain("irs-pub-1075");
    }

    // ---------------------------------------------------------------- byte-order mark

    [Fact]
    public void Byte_order_mark_at_the_start_of_registry_yml_is_accepted()
    {
        using var registry = Fixtures.Registry();
        File.WriteAllText(Path.Combine(registry.Root, "registry.yml"), "name: Marked registry\nmax_term_years: 7\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.ReadAllBytes(Path.Combine(registry.Root, "registry.yml"))[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var bag = new DiagnosticBag();
        var settings = RegistryLoader.LoadSettings(registry.Root, bag);
        bag.Sorted().ShouldBeClean();
        settings.EffectiveName.ShouldBe("Marked registry");
        settings.EffectiveMaxTermYears.ShouldBe(7);
        registry.Validate().ShouldBeClean();
    }
}
