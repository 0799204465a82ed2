using System.Diagnostics;
using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>Source positions and hostile input: every broken file is a diagnostic on that file, never a crash, and the other files still load.</summary>
public class LoaderTests
{
    private const string A = Fixtures.AgreementPath;
    private const string Hostile = "agreements/DULA-2026-0008.md";
    private static readonly string s_valid = Fixtures.Agreement;

    private static RegistryDocument<Agreement> Parse(string text)
    {
        var bag = new DiagnosticBag();
        var document = RegistryLoader.Parse<Agreement>(text, A, "", bag);
        bag.Sorted().ShouldBeClean();
        return document.ShouldNotBeNull();
    }

    /// <summary>Validates the valid fixture registry plus <paramref name="bytes"/> at <see cref="Hostile"/>; asserts that it takes
    /// less than <paramref name="limit"/> (generous: the failures it guards against take tens of seconds or forever), that every
    /// diagnostic is on the hostile file and that the valid agreement still loaded.</summary>
    private static IReadOnlyList<Diagnostic> WithHostile(byte[] bytes, TimeSpan? limit = null, bool expectDiagnostics = true)
    {
        using var registry = Fixtures.Registry().WriteBytes(Hostile, bytes);
        var bag = new DiagnosticBag();
        var clock = Stopwatch.StartNew();
        var loaded = RegistryValidator.LoadAndValidate(registry.Root, TempRegistry.Today, bag);
        clock.Elapsed.ShouldBeLessThan(limit ?? TimeSpan.FromSeconds(5));
        var diagnostics = bag.Sorted();
        if (expectDiagnostics) diagnostics.ShouldNotBeEmpty();
        diagnostics.ShouldAllBe(d => d.File == Hostile && d.Severity == Severity.Error, Fixtures.Describe(diagnostics));
        diagnostics.ShouldNotContain(d => d.Code == C.Internal, Fixtures.Describe(diagnostics));
        loaded.AgreementById.ContainsKey(Fixtures.AgreementId).ShouldBeTrue();
        loaded.Agencies.Count.ShouldBe(3);
        return diagnostics;
    }

    private static IReadOnlyList<Diagnostic> WithHostile(string text, TimeSpan? limit = null, bool expectDiagnostics = true) =>
        WithHostile(Encoding.UTF8.GetBytes(text), limit, expectDiagnostics);

    /// <summary>The valid agreement renamed to <see cref="Hostile"/>, so that a mutation of it is the only problem.</summary>
    private static string Second(string text) => text.Edit("id: DULA-2026-0007", "id: DULA-2026-0008");

    // ---------------------------------------------------------------- positions

    [Fact]
    public void Top_level_key_is_at_its_line_and_column_with_the_front_matter_offset()
    {
        var document = Parse(s_valid);
        document.Map["id"].ShouldBe(new SourcePosition(2, 1)); // line 1 is the opening `---`
        document.Map["status"].ShouldBe(new SourcePosition(s_valid.LineOf("status:"), 1));
        document.Map["executed_copy"].ShouldBe(new SourcePosition(s_valid.LineOf("executed_copy:"), 1));
        document.BodyLine.ShouldBe(Fixtures.FrontMatterEndLine + 1);
    }

    [Fact]
    public void Nested_keys_and_list_items_are_at_their_key()
    {
        var document = Parse(s_valid);
        document.Map["term.expires"].ShouldBe(new SourcePosition(s_valid.LineOf("expires:"), 3));
        document.Map["term.effective"].ShouldBe(new SourcePosition(s_valid.LineOf("effective:"), 3));
        document.Map["parties[1]"].ShouldBe(new SourcePosition(s_valid.LineOf("- agency: dor\n    role: owner"), 5));
        document.Map["parties[1].agency"].ShouldBe(new SourcePosition(s_valid.LineOf("- agency: dor\n    role: owner"), 5));
        document.Map["parties[1].role"].ShouldBe(new SourcePosition(s_valid.LineOf("role: owner"), 5));
        document.Map["parties[1].signatory.name"].ShouldBe(new SourcePosition(s_valid.LineOf("      name: Riley Placeholder"), 7));
        document.Map["data[0].to[0]"].ShouldBe(new SourcePosition(s_valid.LineOf("to: [dta]"), s_valid.ColumnOf("dta]")));
        document.Map["data[0].elements[2]"].ShouldBe(new SourcePosition(s_valid.LineOf("elements:"), s_valid.ColumnOf("employer,")));
    }

    [Fact]
    public void Flow_mapping_keys_have_their_own_column()
    {
        var text = s_valid.Edit("term:\n  effective: 2026-02-01\n  expires: 2029-01-31\n", "term: { effective: 2026-02-01, expires: 2029-01-31 }\n");
        var document = Parse(text);
        document.Map["term"].ShouldBe(new SourcePosition(text.LineOf("term:"), 1));
        document.Map["term.expires"].ShouldBe(new SourcePosition(text.LineOf("term:"), text.ColumnOf("expires:")));
    }

    [Fact]
    public void Unrecorded_path_falls_back_to_its_nearest_parent()
    {
        var document = Parse(s_valid.Edit("framework: mou\n", ""));
        document.Map["term.nothing"].ShouldBe(document.Map["term"]);
        document.Map["parties[1].dula_manager.phone"].ShouldBe(document.Map["parties[1].dula_manager"]);
        document.Map["framework"].ShouldBe(SourcePosition.Start);
    }

    [Fact]
    public void Comments_and_blank_lines_in_the_front_matter_keep_lines()
    {
        var text = s_valid.Edit("---\nid:", "---\n# yaml-language-server: $schema=../schema/agreement.schema.json\n\nid:").Edit("status: executed", "status: signed");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.InvalidValue, A, text.LineOf("status:"), 1);
        text.LineOf("status:").ShouldBe(6);
    }

    [Fact]
    public void Error_in_a_nested_key_reports_the_nested_key()
    {
        var text = s_valid.Edit("      email: addison.sample@example.org", "      e-mail: addison.sample@example.org");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.UnknownKey);
        var d = diagnostics.ShouldReport(C.UnknownKey, A, text.LineOf("e-mail:"), 7);
        d.Message.ShouldContain("in `parties[0].dula_manager`");
        d.Message.ShouldContain("did you mean `email`?");
    }

    [Fact]
    public void Crlf_line_endings_keep_line_numbers()
    {
        var text = s_valid.Edit("  expires: 2029-01-31", "  expires: 2029-02-30");
        var diagnostics = Fixtures.ValidateAgreement(text.Replace("\n", "\r\n", StringComparison.Ordinal));
        diagnostics.ShouldHaveCodes(C.InvalidValue);
        diagnostics.ShouldReport(C.InvalidValue, A, text.LineOf("expires:"), 3);

        Fixtures.ValidateAgreement(s_valid.Replace("\n", "\r\n", StringComparison.Ordinal)).ShouldBeClean();
    }

    [Fact]
    public void Crlf_body_keeps_body_line_numbers()
    {
        var text = s_valid.Edit("Eligibility determination only.", "Eligibility <i>only</i>.");
        var diagnostics = Fixtures.ValidateAgreement(text.Replace("\n", "\r\n", StringComparison.Ordinal));
        diagnostics.ShouldReport(C.RawHtml, A, text.LineOf("<i>"), text.ColumnOf("<i>"));
    }

    [Fact]
    public void Byte_order_mark_is_accepted_and_keeps_positions()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        using (var registry = Fixtures.Registry().WriteBytes(A, [.. bom, .. Encoding.UTF8.GetBytes(s_valid)]))
        {
            registry.Validate().ShouldBeClean();
        }
        var text = s_valid.Edit("id: DULA-2026-0007", "id: DULA-2026-7");
        using (var registry = Fixtures.Registry().WriteBytes(A, [.. bom, .. Encoding.UTF8.GetBytes(text)]))
        {
            registry.Validate().ShouldReport(C.IdFormat, A, 2, 1);
        }
    }

    // ---------------------------------------------------------------- hostile files

    [Fact]
    public void File_over_the_default_limit_of_one_mebibyte()
    {
        var big = Second(s_valid) + new string('x', 1024 * 1024);
        var diagnostics = WithHostile(big);
        diagnostics.ShouldHaveCodes(C.FileTooLarge);
        diagnostics.ShouldReport(C.FileTooLarge, Hostile, 1, 1).Message.ShouldContain("max_file_bytes");
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_line_and_column_of_the_bad_byte()
    {
        var text = Second(s_valid);
        var line = text.LineOf("purpose:");
        var bytes = Encoding.UTF8.GetBytes(text.Edit("purpose: Determine", "purpose: De\u0001termine")).ToList();
        bytes[bytes.IndexOf(0x01)] = 0xE9; // é in Windows-1252
        var diagnostics = WithHostile([.. bytes]);
        diagnostics.ShouldHaveCodes(C.NotText);
        diagnostics.ShouldReport(C.NotText, Hostile, line, "purpose: De".Length + 1).Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void Invalid_utf8_after_multibyte_characters_counts_characters_for_the_column()
    {
        var text = Second(s_valid).Edit("purpose: Determine", "purpose: §§ \u0001");
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        bytes[bytes.IndexOf(0x01)] = 0xC3; // a lead byte without its continuation
        var diagnostics = WithHostile([.. bytes]);
        diagnostics.ShouldReport(C.NotText, Hostile, text.LineOf("purpose:"), "purpose: §§ ".Length + 1);
    }

    [Fact]
    public void Binary_file_with_nul_bytes()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        var diagnostics = WithHostile(png);
        diagnostics.ShouldHaveCodes(C.NotText);
        diagnostics.ShouldReport(C.NotText, Hostile, 3, 1).Message.ShouldContain("binary"); // after \r\n, 0x1A and \n
    }

    [Fact]
    public void Utf16_file_is_not_text()
    {
        var diagnostics = WithHostile(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Second(s_valid))).ToArray());
        diagnostics.ShouldHaveCodes(C.NotText);
        diagnostics.ShouldReport(C.NotText, Hostile, 1, 1).Message.ShouldContain("UTF-16");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\r\n\r\n")]
    public void Empty_file(string text)
    {
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.NoFrontMatter);
        diagnostics.ShouldReport(C.NoFrontMatter, Hostile, 1, 1).Message.ShouldContain("empty");
    }

    [Theory]
    [InlineData("## Purpose\n\nNo front matter at all.\n")]
    [InlineData(" ---\nid: DULA-2026-0008\n---\n")]
    [InlineData("--- id: DULA-2026-0008\n---\n")]
    public void No_front_matter(string text)
    {
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.NoFrontMatter);
        diagnostics.ShouldReport(C.NoFrontMatter, Hostile, 1, 1);
    }

    [Theory]
    [InlineData("---")]
    [InlineData("---\n")]
    [InlineData("---\nid: DULA-2026-0008\ntitle: x\n")]
    [InlineData("---\nid: DULA-2026-0008\n-- \n## Purpose\n")]
    public void Unterminated_front_matter(string text)
    {
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.UnterminatedFrontMatter);
        diagnostics.ShouldReport(C.UnterminatedFrontMatter, Hostile, 1, 1);
    }

    [Theory]
    [InlineData("---\n---\n")]
    [InlineData("---\n# only a comment\n\n---\n## Purpose\n")]
    public void Empty_front_matter(string text)
    {
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.MissingField);
        diagnostics.ShouldReport(C.MissingField, Hostile, 1, 1);
    }

    [Fact]
    public void Front_matter_that_is_a_list_or_a_scalar()
    {
        WithHostile("---\n- id: DULA-2026-0008\n---\n").ShouldReport(C.WrongType, Hostile, 2, 1);
        WithHostile("---\njust some text\n---\n").ShouldReport(C.WrongType, Hostile, 2, 1);
    }

    [Fact]
    public void Duplicate_keys_top_level_and_nested()
    {
        var text = Second(s_valid).Edit("  expires: 2029-01-31\n", "  expires: 2029-01-31\n  expires: 2029-01-30\n");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.DuplicateKey);
        diagnostics.ShouldReport(C.DuplicateKey, Hostile, text.LineOf("expires: 2029-01-30"), 3)
            .Message.ShouldContain($"first on line {text.LineOf("expires: 2029-01-31")}");
    }

    [Fact]
    public void Duplicate_key_in_a_flow_mapping()
    {
        var text = Second(s_valid).Edit("term:\n  effective: 2026-02-01\n  expires: 2029-01-31\n", "term: { effective: 2026-02-01, expires: 2029-01-31, expires: 2029-01-31 }\n");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.DuplicateKey);
        diagnostics.ShouldReport(C.DuplicateKey, Hostile, text.LineOf("term:"), text.ColumnOf("expires: 2029-01-31 }"));
    }

    [Theory]
    [InlineData("parties:\n", "parties: dta\nxparties:\n", "parties: dta")]
    [InlineData("term:\n", "term: 2026-02-01\nxterm:\n", "term: 2026")]
    [InlineData("    dula_manager:\n      name: Addison Sample", "    dula_manager: Addison Sample\n    xdula_manager:\n      name: Addison Sample", "dula_manager: Addison")]
    [InlineData("    signatory:\n      name: Casey Fictional", "    signatory: [Casey Fictional]\n    xsignatory:\n      name: Casey Fictional", "signatory: [")]
    [InlineData("signatures:\n", "signatures: none\nxsignatures:\n", "signatures: none")]
    public void Scalar_where_a_list_or_mapping_belongs(string old, string replacement, string marker)
    {
        var text = Second(s_valid).Edit(old, replacement);
        var diagnostics = WithHostile(text);
        diagnostics.ShouldReport(C.WrongType, Hostile, text.LineOf(marker), text.ColumnOf(marker));
        // The value was there, though of the wrong kind: not reported again as missing.
        diagnostics.ShouldNotContain(d => d.Code == C.NeedsTerm || d.Code == C.NeedsManagerAndSignatory || d.Code == C.MissingField);
    }

    [Theory]
    [InlineData("title: SNAP eligibility wage match", "title: [SNAP, eligibility]", "\ntitle:")]
    [InlineData("title: SNAP eligibility wage match", "title:\n  - SNAP", "\ntitle:")]
    [InlineData("status: executed", "status: { value: executed }", "status:")]
    [InlineData("  effective: 2026-02-01", "  effective: [2026-02-01]", "effective:")]
    public void List_or_mapping_where_a_scalar_belongs(string old, string replacement, string marker)
    {
        var text = Second(s_valid).Edit(old, replacement);
        var diagnostics = WithHostile(text);
        diagnostics.ShouldReport(C.WrongType, Hostile, text.LineOf(marker), text.ColumnOf(marker));
        // The field was present, so it is not reported again as missing.
        diagnostics.ShouldNotContain(d => d.Code == C.MissingField || d.Code == C.NeedsTerm);
    }

    [Fact]
    public void Non_text_key()
    {
        var text = Second(s_valid).Edit("tags: [snap, eligibility]", "? [a, b]\n: c");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.WrongType);
        diagnostics.ShouldReport(C.WrongType, Hostile, text.LineOf("? [a"));
    }

    [Fact]
    public void Anchors_and_aliases_are_refused()
    {
        var text = Second(s_valid).Edit("term:\n", "term: &t\n").Edit("tags: [snap, eligibility]", "tags: *t");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.AliasNotAllowed);
        diagnostics.ShouldReport(C.AliasNotAllowed, Hostile, text.LineOf("term:")).Message.ShouldContain("&t");
    }

    [Fact]
    public void Merge_keys_are_refused()
    {
        var text = Second(s_valid).Edit("tags: [snap, eligibility]", "<<: { tags: [x] }");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldReport(C.UnknownKey, Hostile, text.LineOf("<<:"), 1);
    }

    [Fact]
    public void Billion_laughs_is_refused_quickly()
    {
        var bomb = new StringBuilder("---\nid: DULA-2026-0008\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 9; i++)
        {
            var name = (char)('a' + i);
            var prev = (char)('a' + i - 1);
            bomb.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(',', Enumerable.Repeat("*" + prev, 9))).Append("]\n");
        }
        bomb.Append("---\n");
        var diagnostics = WithHostile(bomb.ToString(), TimeSpan.FromSeconds(5));
        diagnostics.ShouldHaveCodes(C.AliasNotAllowed);
        diagnostics.ShouldReport(C.AliasNotAllowed, Hostile, 3);
    }

    [Fact]
    public void Billion_laughs_in_registry_yml_is_refused_quickly()
    {
        var bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 9; i++)
        {
            var name = (char)('a' + i);
            bomb.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(',', Enumerable.Repeat("*" + (char)(name - 1), 9))).Append("]\n");
        }
        using var registry = Fixtures.Registry().Write("registry.yml", bomb.ToString());
        var clock = Stopwatch.StartNew();
        var diagnostics = registry.Validate();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        diagnostics.ShouldHaveCodes(C.AliasNotAllowed);
        diagnostics.ShouldReport(C.AliasNotAllowed, "registry.yml", 1);
    }

    [Fact]
    public void Tabs_for_indentation_are_reported_at_their_line()
    {
        var text = Second(s_valid).Edit("  expires: 2029-01-31", "\texpires: 2029-01-31");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldReport(C.YamlSyntax, Hostile, text.LineOf("expires:"), 1).Message.ShouldContain("tab");
    }

    [Fact]
    public void Tab_inside_a_value_is_fine()
    {
        Fixtures.ValidateAgreement(s_valid.Edit("purpose: Determine SNAP eligibility by matching applicants against DOR wage records.", "purpose: \"Determine\tSNAP eligibility.\"")).ShouldBeClean();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Deep_flow_nesting_is_refused_quickly(bool mappings)
    {
        const int depth = 5000;
        var nest = mappings
            ? string.Concat(Enumerable.Repeat("{a: ", depth)) + "b" + new string('}', depth)
            : new string('[', depth) + "x" + new string(']', depth);
        var text = Second(s_valid).Edit("tags: [snap, eligibility]", "tags: " + nest);
        var diagnostics = WithHostile(text, TimeSpan.FromSeconds(5));
        diagnostics.ShouldHaveCodes(C.TooDeep);
        diagnostics.ShouldReport(C.TooDeep, Hostile, text.LineOf("tags:"));
    }

    [Fact]
    public void Unclosed_deep_flow_nesting_is_refused_quickly()
    {
        var text = Second(s_valid).Edit("tags: [snap, eligibility]", "tags: " + new string('[', 100_000));
        var diagnostics = WithHostile(text, TimeSpan.FromSeconds(5));
        diagnostics.ShouldReport(C.TooDeep, Hostile, text.LineOf("tags:"));
    }

    [Fact]
    public void Deep_block_nesting_is_refused()
    {
        var nest = new StringBuilder("tags:\n");
        for (var i = 1; i <= 200; i++) nest.Append(new string(' ', 2 * i)).Append("k:\n");
        var text = Second(s_valid).Edit("tags: [snap, eligibility]\n", nest.ToString());
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.TooDeep);
    }

    [Fact]
    public void Several_yaml_documents_in_the_front_matter()
    {
        var text = Second(s_valid).Edit("tags: [snap, eligibility]\n", "tags: [snap, eligibility]\n--- # a second document\nid: x\n");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldReport(C.YamlSyntax, Hostile, text.LineOf("--- #"), 1).Message.ShouldContain("more than one YAML document");
    }

    [Fact]
    public void Several_yaml_documents_in_registry_yml()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", "name: One\n---\nname: Two\n");
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldReport(C.YamlSyntax, "registry.yml", 2, 1);
    }

    [Fact]
    public void Yaml_syntax_errors_are_reported_at_their_line()
    {
        var text = Second(s_valid).Edit("retention: Destroy within 90 days of the match; certify destruction in writing.", "retention: \"Destroy within 90 days");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldAllBe(d => d.Line > 1);

        text = Second(s_valid).Edit("    role: owner", "   role: owner");
        diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldReport(C.YamlSyntax, Hostile, text.LineOf("   role: owner"));
    }

    [Theory]
    [InlineData("title: \"\\U0011FFFF\"")]
    [InlineData("title: \"\\uD800\"")]
    [InlineData("title: \"\\xZZ\"")]
    [InlineData("title: \"\\q\"")]
    [InlineData("title: !<tag:x> a")]
    [InlineData("%YAML 1.1\ntitle: a")]
    [InlineData("title: |\n  a\n b")]
    [InlineData("title: >-5\n  a")]
    [InlineData("title: 'a\n\n")]
    [InlineData("title: @a")]
    [InlineData("title: `a")]
    [InlineData("title: a\n  ? b")]
    [InlineData("[a, b]: c")]
    [InlineData("? |\n  a\n: b")]
    [InlineData("title: a\n...\nstatus: b")]
    [InlineData("~: a")]
    [InlineData("title: \"\u0007\"")]
    public void Odd_yaml_is_a_diagnostic_never_an_internal_error(string yaml)
    {
        var text = "---\nid: DULA-2026-0008\n" + yaml + "\n---\n" + Fixtures.Body;
        WithHostile(text);
    }

    [Theory]
    [InlineData("purpose: Determine SNAP eligibility by matching applicants against DOR wage records.", "purpose: [Determine, SNAP")]
    [InlineData("purpose: Determine SNAP eligibility by matching applicants against DOR wage records.", "purpose: {a: Determine")]
    [InlineData("    to: [dta]", "    to: [dta")]
    public void Unclosed_flow_collection_followed_by_more_keys_is_a_syntax_error_at_its_line(string old, string replacement)
    {
        var text = Second(s_valid).Edit(old, replacement);
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.Single(C.YamlSyntax).Line.ShouldBe(text.LineOf(replacement));
    }

    [Fact]
    public void Unclosed_flow_collection_in_registry_yml_is_a_syntax_error()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", "name: x\nrequired_sections: [Purpose, Security safeguards\nmax_term_years: 5\n");
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldReport(C.YamlSyntax, "registry.yml", 2);
    }

    [Fact]
    public void Single_character_mutations_never_crash_and_stay_on_the_file()
    {
        // A deterministic fuzz: insert or delete YAML-significant characters all over the front matter and run every rule.
        var agencies = new[] { ("agencies/anf.md", Fixtures.Anf), ("agencies/dor.md", Fixtures.Dor), ("agencies/dta.md", Fixtures.Dta) }
            .Select(a => RegistryLoader.Parse<Agency>(a.Item2, a.Item1, "", new DiagnosticBag())!)
            .ToList();
        string[] inserts = ["[", "]", "{", "}", "\"", "'", ":", ": ", "&a ", "*a", "!", "|", ">", "\t", "- ", "#", "%", "@", "`", "\n", "\n  ", "\n---\n", "? ", ",", "\\", "\u00e9", "\0"];
        var random = new Random(20261122);
        var frontMatterEnd = Fixtures.AgreementFrontMatter.Length - 4;
        for (var i = 0; i < 400; i++)
        {
            var at = random.Next(4, frontMatterEnd);
            var text = i % 4 == 3
                ? s_valid.Remove(at, 1)
                : s_valid.Insert(at, inserts[random.Next(inserts.Length)]);
            var bag = new DiagnosticBag();
            var document = RegistryLoader.Parse<Agreement>(text, A, "", bag);
            var registry = new LoadedRegistry("", new RegistrySettings(), agencies, document is null ? [] : [document]);
            RegistryValidator.Validate(registry, TempRegistry.Today, bag);
            var diagnostics = bag.Sorted();
            var context = $"mutation {i} at {at}:\n{text[..Math.Min(text.Length, frontMatterEnd + 10)]}\n{Fixtures.Describe(diagnostics)}";
            diagnostics.ShouldNotContain(d => d.Code == C.Internal, context);
            diagnostics.ShouldAllBe(d => d.File == A && d.Line >= 1 && d.Column >= 1 && d.Line <= text.Count(c => c == '\n') + 1, context);
        }
    }

    [Fact]
    public void Very_long_unknown_key_is_reported_with_a_short_message()
    {
        // An explicit key (`? key`), since YAML limits implicit keys to 1024 characters.
        var text = Second(s_valid).Edit("tags: [snap, eligibility]", "? " + new string('k', 100_000) + "\n: x");
        var diagnostics = WithHostile(text, TimeSpan.FromSeconds(5));
        diagnostics.ShouldHaveCodes(C.UnknownKey);
        diagnostics.Single(C.UnknownKey).Message.Length.ShouldBeLessThan(1000);
    }

    [Fact]
    public void Did_you_mean_for_a_huge_value_is_quick()
    {
        var keys = FrontMatterBinder.PropertyKeys(typeof(Agreement)).ToList();
        var clock = Stopwatch.StartNew();
        FrontMatterBinder.Suggest(new string('k', 1_000_000), keys).ShouldBeNull();
        FrontMatterBinder.Suggest("legal_authorty", keys).ShouldBe("legal_authority");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Many_mistakes_in_one_file_are_all_reported()
    {
        var text = Second(s_valid)
            .Edit("status: executed", "status: signed")
            .Edit("tags: [snap, eligibility]", "tagz: [snap]")
            .Edit("  expires: 2029-01-31", "  expires: 2029-02-30");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldReport(C.InvalidValue, Hostile, text.LineOf("status:"), 1);
        diagnostics.ShouldReport(C.UnknownKey, Hostile, text.LineOf("tagz:"), 1);
        diagnostics.ShouldReport(C.InvalidValue, Hostile, text.LineOf("expires:"), 3);
    }

    [Fact]
    public void Lone_carriage_returns_count_as_line_breaks()
    {
        var text = Second(s_valid).Edit("status: executed", "status: signed");
        var diagnostics = WithHostile(text.Replace('\n', '\r'));
        diagnostics.ShouldHaveCodes(C.InvalidValue);
        diagnostics.ShouldReport(C.InvalidValue, Hostile, text.LineOf("status:"), 1);
    }

    [Fact]
    public void Implicit_key_over_1024_characters_is_a_yaml_error()
    {
        var text = Second(s_valid).Edit("tags: [snap, eligibility]", new string('k', 2000) + ": x");
        var diagnostics = WithHostile(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldReport(C.YamlSyntax, Hostile, text.LineOf("kkk:"));
    }

    [Theory]
    [InlineData(5000, ">")]
    [InlineData(5000, "- ")]
    [InlineData(2000, "[")]
    [InlineData(5000, "*")]
    [InlineData(5000, "<a>")]
    public void Deeply_nested_markdown_body_is_not_a_crash(int depth, string unit)
    {
        var body = "## Purpose\n\n" + string.Concat(Enumerable.Repeat(unit, depth)) + "x\n";
        var text = Second(Fixtures.AgreementFrontMatter) + body + Fixtures.Body.Edit("## Purpose\n", "## Purposes\n");
        var diagnostics = WithHostile(text, TimeSpan.FromSeconds(5), expectDiagnostics: unit is "<a>" or ">" or "- ");
        diagnostics.ShouldNotContain(d => d.Line < 1);
        if (unit is ">" or "- ") diagnostics.ShouldReport(C.TooDeep, Hostile, text.LineOf("## Purpose\n\n" + unit) + 2, 1);
    }

    [Theory]
    [InlineData("[](", 60_000)] // Markdig takes minutes over this (quadratic in the paragraph)
    [InlineData("[a]: b\n", 100_000)] // and over long runs of reference definitions
    public void Bracket_flood_in_one_paragraph_is_refused_quickly(string unit, int count)
    {
        var flood = string.Concat(Enumerable.Repeat(unit, count));
        var text = Second(Fixtures.AgreementFrontMatter) + "## Purpose\n\nIntro.\n\n" + flood + "\n" + Fixtures.Body.Edit("## Purpose\n", "## Purposes\n");
        var diagnostics = WithHostile(text, TimeSpan.FromSeconds(5));
        diagnostics.ShouldHaveCodes(C.TooDeep);
        var first = text.LineOf("Intro.") + 2;
        diagnostics.Single(C.TooDeep).Line.ShouldBeInRange(first, first + (unit.Contains('\n', StringComparison.Ordinal) ? RegistryLoader.MaxParagraphBrackets : 0));
    }

    [Fact]
    public void Many_brackets_spread_over_paragraphs_are_fine()
    {
        var paragraphs = string.Concat(Enumerable.Repeat("See [a](https://example.org) and [b][r]. " + string.Concat(Enumerable.Repeat("[x] ", 100)) + "\n\n", 200));
        var text = Fixtures.Agreement.Edit("Verify the income of SNAP households.\n", paragraphs + "[r]: https://example.org\n");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void A_long_thematic_break_is_not_nesting()
    {
        var text = Fixtures.Agreement.Edit("Verify the income of SNAP households.\n", "Text.\n\n" + string.Concat(Enumerable.Repeat("- ", 60)) + "\n");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void Loading_a_folder_finds_positions_when_asked_from_the_file_and_not_from_a_changed_one()
    {
        using var registry = Fixtures.Registry();
        var loaded = RegistryLoader.Load(registry.Root, new DiagnosticBag());
        var agreement = loaded.AgreementById[Fixtures.AgreementId];
        var text = File.ReadAllText(Path.Combine(registry.Root, A));
        agreement.Map["status"].ShouldBe(new SourcePosition(text.LineOf("status:"), 1));
        agreement.Map["parties[1].role"].ShouldBe(new SourcePosition(text.LineOf("role: owner"), 5));

        // Changed after it was loaded: its positions would not be those of the values loaded, so none is given.
        var again = RegistryLoader.Load(registry.Root, new DiagnosticBag()).AgreementById[Fixtures.AgreementId];
        registry.Write(A, "\n\n" + text);
        again.Map["status"].ShouldBe(SourcePosition.Start);
    }

    [Theory]
    [InlineData("## Purpose\n\nSee [Purpose] and [Data to be shared][] below.\n\n## Data to be shared\n\nText.\n")]
    [InlineData("## *Security* `safeguards`:\n\n<b>html</b> and [x](javascript:alert(1)) and <javascript:x>\n\n[r]: data:text/html,x\n")]
    [InlineData("## Purpose\n\n| a | b |\n|---|---|\n| <i>x</i> | [y](vbscript:z) |\n\n## Purpose\n\n<div>\nblock\n</div>\n")]
    [InlineData("# Title\n\n## One\n\n---\n\n## Two\n\n[ref]: https://example.org\n\n### Three\n\nText.\n")]
    public void The_pipeline_without_heading_ids_finds_the_same_facts(string body)
    {
        static string Facts(Markdig.MarkdownPipeline pipeline, string body)
        {
            var facts = BodyFacts.Collect(Markdig.Markdown.Parse(body, pipeline), body, 10);
            return string.Join("\n", facts.Sections.Select(s => s.ToString()).Concat(facts.Markup.Select(m => m.ToString())));
        }
        var expected = Facts(DulaRegistry.Markdown.RegistryMarkdown.Pipeline, body);
        expected.ShouldNotBeEmpty();
        Facts(DulaRegistry.Markdown.RegistryMarkdown.FactsPipeline, body).ShouldBe(expected);
    }

    // ---------------------------------------------------------------- folders and the other files

    [Fact]
    public void Unexpected_files_and_subfolders_are_reported_and_the_rest_loads()
    {
        using var registry = Fixtures.Registry()
            .Write("agreements/DULA-2026-0009.txt", s_valid)
            .Write("agreements/drafts/DULA-2026-0010.md", s_valid)
            .Write("agencies/README", "about agencies");
        var bag = new DiagnosticBag();
        var loaded = RegistryValidator.LoadAndValidate(registry.Root, TempRegistry.Today, bag);
        var diagnostics = bag.Sorted();
        diagnostics.ShouldHaveCodes(C.UnexpectedFile);
        diagnostics.Select(d => d.File).ShouldBe(["agencies/README", "agreements/DULA-2026-0009.txt", "agreements/drafts"]);
        loaded.Agreements.Select(a => a.Path).ShouldBe([A]);
    }

    [Fact]
    public void A_broken_file_does_not_stop_the_others_from_being_checked()
    {
        var mistake = s_valid.Edit("status: executed", "status: signed");
        using var registry = Fixtures.Registry(mistake)
            .WriteBytes("agreements/DULA-2026-0001.md", [0, 1, 2])
            .Write("agreements/DULA-2026-0002.md", "---\ntitle: &x a\n---\n")
            .Write("agreements/DULA-2026-0003.md", "---\nid: [\n---\n")
            .Write("agencies/zzz.md", "no front matter")
            .Write(Fixtures.OtherPath, Fixtures.Other);
        var diagnostics = registry.Validate();
        diagnostics.ShouldReport(C.NotText, "agreements/DULA-2026-0001.md", 1, 1);
        diagnostics.ShouldReport(C.AliasNotAllowed, "agreements/DULA-2026-0002.md", 2);
        // At the `[` that is never closed (line 2), not where the parser gave up.
        diagnostics.ShouldReport(C.YamlSyntax, "agreements/DULA-2026-0003.md", 2).Message.ShouldContain("there is no `]` to end it");
        diagnostics.ShouldReport(C.NoFrontMatter, "agencies/zzz.md", 1, 1);
        diagnostics.ShouldReport(C.InvalidValue, A, mistake.LineOf("status:"), 1);
        diagnostics.ShouldNotContain(d => d.File == Fixtures.OtherPath);
        diagnostics.Count.ShouldBe(5, Fixtures.Describe(diagnostics));
    }

    [Fact]
    public void Registry_without_registry_yml_uses_defaults()
    {
        var bag = new DiagnosticBag();
        using var registry = Fixtures.Registry();
        var settings = RegistryLoader.LoadSettings(registry.Root, bag);
        bag.Count.ShouldBe(0);
        settings.EffectiveIdPrefix.ShouldBe("DULA");
        settings.EffectiveMaxTermYears.ShouldBe(5);
        settings.EffectiveRenewalWindowDays.ShouldBe(90);
        settings.EffectiveMaxFileBytes.ShouldBe(1024 * 1024);
        settings.EffectiveRequiredSections.Count.ShouldBe(7);
    }

    [Theory]
    [InlineData(new byte[] { 0, 1, 2 }, C.NotText)]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xFF }, C.NotText)]
    [InlineData(new byte[] { (byte)'\t', (byte)'a', (byte)':', (byte)' ', (byte)'b' }, C.YamlSyntax)]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', (byte)'[' }, C.YamlSyntax)]
    public void Hostile_registry_yml_is_a_diagnostic(byte[] bytes, string code)
    {
        using var registry = Fixtures.Registry().WriteBytes("registry.yml", bytes);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(code);
        diagnostics.ShouldAllBe(d => d.File == "registry.yml");
    }

    [Fact]
    public void Huge_registry_yml_is_refused()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", "name: x\n# " + new string('x', 1024 * 1024) + "\n");
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.FileTooLarge);
        diagnostics.ShouldReport(C.FileTooLarge, "registry.yml", 1, 1);
    }
}
