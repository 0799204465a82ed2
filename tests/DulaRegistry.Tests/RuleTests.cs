using System.Reflection;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>One failing case (code, file, line of the offending key) and passing near-misses for every rule.</summary>
public class RuleTests
{
    private const string A = Fixtures.AgreementPath;
    private static readonly string s_valid = Fixtures.Agreement;

    /// <summary>Validates the fixture registry with <paramref name="agreement"/>, asserts that <paramref name="code"/> is the only
    /// code reported and that it is reported at the line and column of <paramref name="marker"/>.</summary>
    private static Diagnostic AssertOnly(string agreement, string code, string marker, DateOnly? today = null)
    {
        var diagnostics = Fixtures.ValidateAgreement(agreement, today);
        diagnostics.ShouldHaveCodes(code);
        return diagnostics.ShouldReport(code, A, agreement.LineOf(marker), agreement.ColumnOf(marker));
    }

    // ---------------------------------------------------------------- the catalogue and the valid fixture

    [Fact]
    public void Valid_registry_has_no_diagnostics()
    {
        using var registry = Fixtures.Registry().Write(Fixtures.OtherPath, Fixtures.Other);
        registry.Validate().ShouldBeClean();
    }

    [Fact]
    public void Every_code_constant_is_in_the_catalogue_once_with_a_title()
    {
        var constants = typeof(C).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToList();
        C.All.Select(d => d.Code).Order(StringComparer.Ordinal).ShouldBe(constants);
        C.All.Select(d => d.Code).Distinct().Count().ShouldBe(C.All.Count);
        C.All.ShouldAllBe(d => System.Text.RegularExpressions.Regex.IsMatch(d.Code, "^DULA[0-9]{3}$") && d.Title.Length > 10);
        C.All.Where(d => d.Severity == Severity.Warning).Select(d => d.Code).ShouldBe([C.NoSecretariat, C.ExpiredButExecuted, C.LegacyRenewal, C.TemplateLeftover]);
    }

    [Fact]
    public void Every_code_has_a_test_named_after_it_here()
    {
        var tested = typeof(RuleTests).GetMethods()
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())
            .SelectMany(m => m.Name.Split('_').TakeWhile(part => part.StartsWith("DULA", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
        // `DULA035_to_037_...` names a range: count its first code.
        C.All.Select(d => d.Code).Where(code => !tested.Contains(code)).ShouldBeEmpty();
    }

    // ---------------------------------------------------------------- files (DULA001-005, 014); more in LoaderTests

    [Fact]
    public void DULA001_symbolic_link_is_refused()
    {
        using var registry = Fixtures.Registry();
        File.CreateSymbolicLink(Path.Combine(registry.Root, "agreements", "DULA-2026-0008.md"), Path.Combine(registry.Root, A));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, "agreements/DULA-2026-0008.md", 1, 1);
    }

    [Fact]
    public void DULA002_file_over_max_file_bytes_and_a_file_of_exactly_the_limit_passes()
    {
        var size = System.Text.Encoding.UTF8.GetByteCount(s_valid);
        using (var registry = Fixtures.Registry().Write("registry.yml", $"max_file_bytes: {size - 1}\n"))
        {
            var diagnostics = registry.Validate();
            diagnostics.ShouldHaveCodes(C.FileTooLarge);
            diagnostics.ShouldReport(C.FileTooLarge, A, 1, 1);
        }
        using (var registry = Fixtures.Registry().Write("registry.yml", $"max_file_bytes: {size}\n"))
        {
            registry.Validate().ShouldBeClean();
        }
    }

    [Fact]
    public void DULA003_binary_file()
    {
        var diagnostics = Fixtures.ValidateAgreement(s_valid.Edit("purpose: Determine", "purpose: \0Determine"));
        diagnostics.ShouldHaveCodes(C.NotText);
        diagnostics.ShouldReport(C.NotText, A, s_valid.LineOf("purpose:"), "purpose: ".Length + 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("id: DULA-2026-0007\ntitle: no front matter\n")]
    [InlineData("# DULA-2026-0007\n---\nid: DULA-2026-0007\n---\n")]
    public void DULA004_empty_or_no_front_matter(string text)
    {
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.NoFrontMatter);
        diagnostics.ShouldReport(C.NoFrontMatter, A, 1, 1);
    }

    [Fact]
    public void DULA005_unterminated_front_matter()
    {
        var diagnostics = Fixtures.ValidateAgreement(Fixtures.AgreementFrontMatter.Edit("tags: [snap, eligibility]\n---\n", "tags: [snap, eligibility]\n"));
        diagnostics.ShouldHaveCodes(C.UnterminatedFrontMatter);
        diagnostics.ShouldReport(C.UnterminatedFrontMatter, A, 1, 1);
    }

    // ---------------------------------------------------------------- template leftovers (DULA063; more in TemplateLeftoverTests)

    [Fact]
    public void DULA063_template_placeholder_in_a_draft_is_a_warning_at_its_line()
    {
        var text = s_valid.Edit("status: executed", "status: drafting").Edit("title: SNAP eligibility wage match", "title: \"{{title}}\"");
        AssertOnly(text, C.TemplateLeftover, "{{title}}").Message.ShouldContain("`{{title}}` is a placeholder from the template");
    }

    // ---------------------------------------------------------------- YAML (DULA006-009)

    [Fact]
    public void DULA006_yaml_syntax_error_at_its_line()
    {
        var text = s_valid.Edit("title: SNAP eligibility wage match", "title: SNAP: eligibility wage match");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.YamlSyntax);
        diagnostics.ShouldReport(C.YamlSyntax, A, text.LineOf("\ntitle:"));
    }

    [Fact]
    public void DULA007_duplicate_key_at_the_second_key()
    {
        var text = s_valid.Edit("framework: mou\n", "framework: mou\nstatus: final\n");
        AssertOnly(text, C.DuplicateKey, "status: final").Message.ShouldContain($"line {s_valid.LineOf("status:")}");
    }

    [Theory]
    [InlineData("title: &t SNAP eligibility wage match", "&t")]
    [InlineData("title: !!str SNAP eligibility wage match", "!!str")]
    public void DULA008_anchor_or_tag(string replacement, string marker)
    {
        var text = s_valid.Edit("title: SNAP eligibility wage match", replacement);
        AssertOnly(text, C.AliasNotAllowed, marker);
    }

    [Fact]
    public void DULA008_alias()
    {
        // No anchor before it: the alias itself is reported.
        var text = s_valid.Edit("tags: [snap, eligibility]", "tags: [snap, *eligibility]");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.AliasNotAllowed);
        diagnostics.ShouldReport(C.AliasNotAllowed, A, text.LineOf("tags:"));
    }

    [Fact]
    public void DULA009_nesting_deeper_than_the_limit_and_just_within_it()
    {
        string Nest(int depth) => new string('[', depth) + "x" + new string(']', depth);
        // The root mapping is depth 1 and the value of `tags` depth 2, so tags can hold MaxDepth - 2 nested lists around a scalar.
        var within = s_valid.Edit("tags: [snap, eligibility]", "tags: " + Nest(YamlTreeReader.MaxDepth - 2));
        Fixtures.ValidateAgreement(within).ShouldHaveCodes(C.WrongType); // a list inside tags is the wrong type, but not too deep

        var text = s_valid.Edit("tags: [snap, eligibility]", "tags: " + Nest(YamlTreeReader.MaxDepth - 1));
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.TooDeep);
        diagnostics.ShouldReport(C.TooDeep, A, text.LineOf("tags:"));
    }

    // ---------------------------------------------------------------- binding (DULA010-013)

    [Theory]
    [InlineData("tags: [snap, eligibility]", "tagz: [snap, eligibility]", "tagz:", "did you mean `tags`?")]
    [InlineData("  expires: 2029-01-31", "  expire: 2029-01-31", "expire:", "did you mean `expires`?")]
    [InlineData("service_request: RITM0041234", "service_request: RITM0041234\ncolour: blue", "colour:", "allowed keys are:")]
    public void DULA010_unknown_key_with_hint(string old, string replacement, string marker, string hint)
    {
        var text = s_valid.Edit(old, replacement);
        if (marker == "expire:")
        {
            // The real key is then missing too, which an executed agreement needs.
            var diagnostics = Fixtures.ValidateAgreement(text);
            diagnostics.ShouldHaveCodes(C.UnknownKey, C.NeedsTerm);
            diagnostics.ShouldReport(C.UnknownKey, A, text.LineOf(marker), text.ColumnOf(marker)).Message.ShouldContain(hint);
            return;
        }
        AssertOnly(text, C.UnknownKey, marker).Message.ShouldContain(hint);
    }

    [Theory]
    [InlineData("purpose: Determine SNAP eligibility by matching applicants against DOR wage records.", "purpose: [a, b]", "purpose:")]
    [InlineData("    to: [dta]", "    to: dta", "to: dta")]
    [InlineData("tags: [snap, eligibility]", "tags: { a: b }", "tags:")]
    [InlineData("executed_copy:\n  sha256: " + Fixtures.Sha, "executed_copy:\n  sha256: [" + Fixtures.Sha + "]", "sha256:")]
    public void DULA011_wrong_type(string old, string replacement, string marker)
    {
        var text = s_valid.Edit(old, replacement);
        AssertOnly(text, C.WrongType, marker);
    }

    [Fact]
    public void DULA011_scalar_where_a_list_of_mappings_belongs()
    {
        var text = s_valid.Edit("drafters:\n  - name: Bailey Sample\n    agency: dta\n", "drafters: Bailey Sample\n");
        AssertOnly(text, C.WrongType, "drafters:").Message.ShouldContain("must be a list");
    }

    [Theory]
    [InlineData("status: executed", "status: signed", "status:")]
    [InlineData("status: executed", "status: Executed", "status:")]
    [InlineData("framework: mou", "framework: MOU-2020", "framework:")]
    [InlineData("  effective: 2026-02-01", "  effective: 2026-02-30", "effective:")]
    [InlineData("  effective: 2026-02-01", "  effective: 02/01/2026", "effective:")]
    [InlineData("    frequency: quarterly", "    frequency: fortnightly", "frequency:")]
    [InlineData("    classification: pii", "    classification: secret", "classification:")]
    [InlineData("    role: owner", "    role: sender", "role: sender")]
    [InlineData("    regulations: [irs-pub-1075]", "    regulations: [IRS Pub 1075]", "IRS Pub 1075")]
    public void DULA012_invalid_value(string old, string replacement, string marker)
    {
        var text = s_valid.Edit(old, replacement);
        AssertOnly(text, C.InvalidValue, marker);
    }

    [Fact]
    public void DULA012_message_names_the_field_and_suggests()
    {
        var text = s_valid.Edit("status: executed", "status: in_review");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.Single(C.InvalidValue).Message.ShouldContain("did you mean `in-review`?");
        text = s_valid.Edit("  expires: 2029-01-31", "  expires: 2027-02-30");
        Fixtures.ValidateAgreement(text).Single(C.InvalidValue).Message.ShouldStartWith("`term.expires` (2027-02-30) is not a calendar date");
    }

    [Theory]
    [InlineData("title: SNAP eligibility wage match", "title:", "\ntitle:")]
    [InlineData("title: SNAP eligibility wage match", "title: \"  \"", "\ntitle:")]
    [InlineData("purpose: Determine SNAP eligibility by matching applicants against DOR wage records.", "purpose: ~", "purpose:")]
    [InlineData("  - name: Quarterly wage records\n    from: dor", "  - from: dor", "from: dor")]
    [InlineData("    role: recipient\n", "", "agency: dta\n    dula_manager")]
    public void DULA013_missing_or_empty_field(string old, string replacement, string marker)
    {
        var text = s_valid.Edit(old, replacement);
        AssertOnly(text, C.MissingField, marker);
    }

    [Fact]
    public void DULA013_absent_required_key_is_reported_at_the_start_of_the_front_matter()
    {
        var text = s_valid.RemoveLine("\ntitle: SNAP");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.MissingField);
        diagnostics.ShouldReport(C.MissingField, A, 1, 1).Message.ShouldContain("`title`");
    }

    [Fact]
    public void DULA013_agency_kind_and_name()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor.Edit("name: Department of Revenue", "name:"));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.MissingField);
        diagnostics.ShouldReport(C.MissingField, "agencies/dor.md", Fixtures.Dor.LineOf("\nname:"), 1);
    }

    [Fact]
    public void DULA014_unexpected_files_and_folders()
    {
        using var registry = Fixtures.Registry()
            .Write("agreements/notes.txt", "notes")
            .Write("agreements/DULA-2026-0008.MD", Fixtures.Agreement)
            .Write("agreements/old/DULA-2020-0001.md", Fixtures.Agreement)
            .Write("agencies/dor.yml", "id: dor")
            .Write("agreements/.gitkeep", "");
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.UnexpectedFile);
        diagnostics.ShouldReport(C.UnexpectedFile, "agreements/notes.txt", 1, 1);
        diagnostics.ShouldReport(C.UnexpectedFile, "agreements/DULA-2026-0008.MD", 1, 1);
        diagnostics.ShouldReport(C.UnexpectedFile, "agreements/old", 1, 1);
        diagnostics.ShouldReport(C.UnexpectedFile, "agencies/dor.yml", 1, 1);
        diagnostics.Count.ShouldBe(4);
    }

    [Fact]
    public void DULA015_invisible_control_character()
    {
        var text = s_valid.Edit("purpose: Determine", "purpose: Deter\u001Bmine");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.InvisibleCharacter);
        diagnostics.ShouldReport(C.InvisibleCharacter, A, text.LineOf("purpose:"), 15).Message.ShouldContain("U+001B");
    }

    [Fact]
    public void DULA016_too_many_yaml_values()
    {
        var text = s_valid.Edit("tags: [snap, eligibility]", "tags: [" + string.Join(", ", Enumerable.Repeat("t", 20_000)) + "]");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.TooManyValues);
        diagnostics.Single(C.TooManyValues).Line.ShouldBe(text.LineOf("tags:"));
    }

    // ---------------------------------------------------------------- identity and references (DULA020-025)

    [Theory]
    [InlineData("DULA-26-7")]
    [InlineData("DULA-2026-007")]
    [InlineData("DULA-2026-7")]
    [InlineData("DULA-2026-0007a")]
    public void DULA020_agreement_id_format(string id)
    {
        using var registry = Fixtures.Registry();
        var text = s_valid.Edit("id: DULA-2026-0007", $"id: {id}");
        registry.Write($"agreements/{id}.md", text);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.IdFormat);
        diagnostics.ShouldReport(C.IdFormat, $"agreements/{id}.md", text.LineOf("\nid:"), 1);
    }

    [Fact]
    public void DULA020_agency_id_format()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor--x.md", Fixtures.Dor.Edit("id: dor", "id: dor--x"));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.IdFormat);
        diagnostics.ShouldReport(C.IdFormat, "agencies/dor--x.md", 2, 1);
    }

    [Fact]
    public void DULA020_follows_the_configured_id_prefix()
    {
        using (var registry = Fixtures.Registry().Write("registry.yml", "id_prefix: MADULA\n"))
        {
            registry.Validate().ShouldHaveCodes(C.IdFormat);
        }
        using (var registry = new TempRegistry()
            .Write("registry.yml", "id_prefix: MADULA\n")
            .Write("agencies/anf.md", Fixtures.Anf).Write("agencies/dor.md", Fixtures.Dor).Write("agencies/dta.md", Fixtures.Dta)
            .Write("agreements/MADULA-2026-0007.md", s_valid.Edit("id: DULA-2026-0007", "id: MADULA-2026-0007")))
        {
            registry.Validate().ShouldBeClean();
        }
    }

    [Fact]
    public void DULA021_id_differs_from_file_name()
    {
        var text = s_valid.Edit("id: DULA-2026-0007", "id: DULA-2026-0070");
        AssertOnly(text, C.IdFileName, "\nid:");
    }

    [Fact]
    public void DULA021_agency_id_differs_from_file_name()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor.Edit("id: dor", "id: revenue"));
        var diagnostics = registry.Validate();
        diagnostics.ShouldReport(C.IdFileName, "agencies/dor.md", 2, 1);
    }

    [Fact]
    public void DULA022_duplicate_id_is_reported_on_the_second_file()
    {
        using var registry = Fixtures.Registry().Write("agreements/DULA-2026-0008.md", s_valid);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.IdFileName, C.DuplicateId);
        diagnostics.ShouldReport(C.DuplicateId, "agreements/DULA-2026-0008.md", 2, 1).Message.ShouldContain(A);
        diagnostics.ShouldAllBe(d => d.File == "agreements/DULA-2026-0008.md");
    }

    [Theory]
    [InlineData("    agency: dta\n", "    agency: dtx\n", "agency: dtx")]
    public void DULA023_drafter_agency_unknown(string old, string replacement, string marker)
    {
        var text = s_valid.Edit(old, replacement);
        AssertOnly(text, C.UnknownAgency, marker);
    }

    [Fact]
    public void DULA023_party_agency_unknown_with_hint()
    {
        var text = s_valid.Edit("- agency: dor\n    role: owner", "- agency: dr\n    role: owner");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.UnknownAgency, A, text.LineOf("agency: dr\n"), text.ColumnOf("agency: dr\n"))
            .Message.ShouldContain("did you mean `dor` (Department of Revenue)?");
    }

    [Fact]
    public void DULA023_agency_secretariat_unknown()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor.Edit("secretariat: anf", "secretariat: eoaf"));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.UnknownAgency);
        diagnostics.ShouldReport(C.UnknownAgency, "agencies/dor.md", Fixtures.Dor.LineOf("secretariat:"), 1);
    }

    [Theory]
    [InlineData("supersedes")]
    [InlineData("amends")]
    [InlineData("superseded_by")]
    public void DULA024_lineage_points_at_a_missing_agreement(string key)
    {
        var text = s_valid.Edit("tags: [snap, eligibility]", $"{key}: DULA-2025-0003\ntags: [snap, eligibility]");
        using var registry = Fixtures.Registry(text).Write(Fixtures.OtherPath, Fixtures.Other);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.UnknownAgreement);
        diagnostics.ShouldReport(C.UnknownAgreement, A, text.LineOf($"\n{key}:"), 1).Message.ShouldContain("did you mean `DULA-2025-0002`?");
    }

    [Fact]
    public void DULA024_lineage_naming_itself()
    {
        var text = s_valid.Edit("tags: [snap, eligibility]", "amends: DULA-2026-0007\ntags: [snap, eligibility]");
        AssertOnly(text, C.UnknownAgreement, "amends:");
    }

    [Theory]
    [InlineData("supersedes")]
    [InlineData("amends")]
    public void DULA024_passes_for_an_existing_agreement(string key)
    {
        var text = s_valid.Edit("tags: [snap, eligibility]", $"{key}: {Fixtures.OtherId}\ntags: [snap, eligibility]");
        using var registry = Fixtures.Registry(text).Write(Fixtures.OtherPath, Fixtures.Other);
        registry.Validate().ShouldBeClean();
    }

    [Fact]
    public void DULA025_secretariat_that_is_not_a_secretariat()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor.Edit("secretariat: anf", "secretariat: dta"));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.Secretariat);
        diagnostics.ShouldReport(C.Secretariat, "agencies/dor.md", Fixtures.Dor.LineOf("secretariat:"), 1);
    }

    [Fact]
    public void DULA026_agency_without_secretariat_is_a_warning_at_kind()
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor.RemoveLine("secretariat:"));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.NoSecretariat);
        diagnostics.ShouldReport(C.NoSecretariat, "agencies/dor.md", Fixtures.Dor.LineOf("kind:"), 1);
        diagnostics.Single().Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void DULA025_secretariat_inside_a_secretariat()
    {
        using var registry = Fixtures.Registry()
            .Write("agencies/eohhs.md", Fixtures.Anf.Edit("id: anf", "id: eohhs").Edit("kind: secretariat", "kind: secretariat\nsecretariat: anf"));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.Secretariat);
        diagnostics.ShouldReport(C.Secretariat, "agencies/eohhs.md", 6, 1);
    }

    [Theory]
    [InlineData("office")]
    [InlineData("quasi-independent")]
    public void DULA025_offices_and_quasi_independents_need_no_secretariat(string kind)
    {
        using var registry = Fixtures.Registry().Write("agencies/dor.md", Fixtures.Dor.RemoveLine("secretariat:").Edit("kind: agency", $"kind: {kind}"));
        registry.Validate().ShouldBeClean();
    }

    // ---------------------------------------------------------------- parties and data (DULA030-037)

    [Fact]
    public void DULA030_party_not_an_mou_signatory()
    {
        using var registry = Fixtures.Registry().Write("agencies/dta.md", Fixtures.Dta.Edit("mou:\n  signed: 2020-05-01\n", ""));
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.NotMouSignatory);
        diagnostics.ShouldReport(C.NotMouSignatory, A, s_valid.LineOf("- agency: dta\n    role: recipient"), 5);
    }

    [Fact]
    public void DULA030_legacy_framework_allows_a_party_that_has_not_signed()
    {
        using var registry = Fixtures.Registry(s_valid.Edit("framework: mou", "framework: legacy"))
            .Write("agencies/dta.md", Fixtures.Dta.Edit("mou:\n  signed: 2020-05-01\n", ""));
        registry.Validate().ShouldBeClean();
    }

    [Fact]
    public void DULA031_no_recipient()
    {
        var text = s_valid.Edit("    role: recipient", "    role: owner");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.OwnerAndRecipient, C.FlowTarget); // and data cannot go to an owner
        diagnostics.ShouldReport(C.OwnerAndRecipient, A, text.LineOf("parties:"), 1).Message.ShouldContain("no data recipient");
    }

    [Fact]
    public void DULA031_only_one_party()
    {
        var text = Fixtures.Other.Edit("  - agency: dor\n    role: owner\n", "").Edit("role: recipient", "role: both").Edit("from: dor", "from: dta");
        using var registry = Fixtures.Registry().Write(Fixtures.OtherPath, text);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.OwnerAndRecipient, C.FlowTarget); // dta -> dta is also a flow to itself
        diagnostics.ShouldReport(C.OwnerAndRecipient, Fixtures.OtherPath, text.LineOf("parties:"), 1).Message.ShouldContain("only one party");
    }

    [Fact]
    public void DULA031_role_both_satisfies_owner_and_recipient()
    {
        var text = s_valid.Edit("    role: recipient", "    role: both").Edit("    role: owner", "    role: both")
            .Edit("    to: [dta]\n", "    to: [dta]\n    classification: pii\n    elements: [x]\n  - name: Back\n    from: dta\n    to: [dor]\n");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void DULA032_party_listed_twice()
    {
        var text = s_valid.Edit("  - agency: dor\n    role: owner", "  - agency: dta\n    role: owner");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.DuplicateParty, A, s_valid.LineOf("- agency: dor\n    role: owner"), 5);
    }

    [Theory]
    [InlineData("    from: dor", "    from: anf", "not a party")]
    [InlineData("    from: dor", "    from: dta", "role is `recipient`")]
    public void DULA033_flow_source(string old, string replacement, string message)
    {
        var text = s_valid.Edit(old, replacement);
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.FlowSource, A, text.LineOf("from:"), text.ColumnOf("from:")).Message.ShouldContain(message);
        if (message == "not a party") diagnostics.ShouldHaveCodes(C.FlowSource);
    }

    [Theory]
    [InlineData("    to: [anf]", "not a party")]
    [InlineData("    to: [dor]", "role is `owner`")]
    [InlineData("    to: [dta, anf]", "not a party")]
    public void DULA034_flow_target_at_the_list_item(string replacement, string message)
    {
        var text = s_valid.Edit("    to: [dta]", replacement);
        var bad = replacement.Contains("anf", StringComparison.Ordinal) ? "anf]" : "dor]";
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.FlowTarget);
        diagnostics.ShouldReport(C.FlowTarget, A, text.LineOf("    to:"), text.ColumnOf(bad)).Message.ShouldContain(message);
    }

    [Fact]
    public void DULA035_protected_data_needs_legal_authority()
    {
        var removed = s_valid.Edit("legal_authority:\n  - citation: \"M.G.L. c. 62C, § 21\"\n    note: Permits DOR to disclose wage data to DTA.\n", "");
        AssertOnly(removed, C.ProtectedNeedsAuthority, "classification:");

        var uncited = s_valid.Edit("  - citation: \"M.G.L. c. 62C, § 21\"\n", "  - citation: \"\"\n");
        AssertOnly(uncited, C.ProtectedNeedsAuthority, "legal_authority:");
    }

    [Fact]
    public void DULA036_protected_data_needs_retention()
    {
        AssertOnly(s_valid.RemoveLine("retention:"), C.ProtectedNeedsRetention, "classification:");
        var blank = s_valid.Edit("retention: Destroy within 90 days of the match; certify destruction in writing.", "retention: \"\"");
        AssertOnly(blank, C.ProtectedNeedsRetention, "retention:");
    }

    [Fact]
    public void DULA037_protected_data_needs_a_non_empty_security_section()
    {
        var text = s_valid.Edit("IRS Publication 1075 safeguards: encryption in transit and at rest, named-user access.\n\n", "");
        AssertOnly(text, C.ProtectedNeedsSafeguards, "## Security safeguards");
    }

    [Fact]
    public void DULA035_to_037_do_not_apply_to_deidentified_data()
    {
        var text = s_valid.Edit("    classification: pii", "    classification: deidentified")
            .Edit("legal_authority:\n  - citation: \"M.G.L. c. 62C, § 21\"\n    note: Permits DOR to disclose wage data to DTA.\n", "")
            .RemoveLine("retention:")
            .Edit("IRS Publication 1075 safeguards: encryption in transit and at rest, named-user access.\n\n", "");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void DULA035_protected_classification_also_counts_and_needs_elements()
    {
        var text = s_valid.Edit("    classification: pii", "    classification: protected").Edit("    elements: [SSN, name, employer, quarterly wages]\n", "");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.MissingField);
        diagnostics.ShouldReport(C.MissingField, A, text.LineOf("- name: Quarterly"), 5).Message.ShouldContain("elements");
    }

    // ---------------------------------------------------------------- term (DULA040-043)

    [Fact]
    public void DULA040_effective_after_expires()
    {
        var text = s_valid.Edit("  effective: 2026-02-01", "  effective: 2029-02-01");
        AssertOnly(text, C.TermOrder, "expires:");
    }

    [Theory]
    [InlineData("2031-01-31", null)] // exactly five years
    [InlineData("2031-02-01", C.TermTooLong)] // five years and a day
    [InlineData("2035-01-31", C.TermTooLong)]
    public void DULA041_term_longer_than_max_term_years(string expires, string? code)
    {
        var text = s_valid.Edit("  expires: 2029-01-31", $"  expires: {expires}");
        if (code is null)
        {
            Fixtures.ValidateAgreement(text).ShouldBeClean();
            return;
        }
        AssertOnly(text, code, "expires:").Message.ShouldContain("end it by 2031-01-31");
    }

    [Fact]
    public void DULA041_follows_max_term_years()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", "max_term_years: 2\n");
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.TermTooLong);
        diagnostics.ShouldReport(C.TermTooLong, A, s_valid.LineOf("expires:"), 3);
    }

    [Fact]
    public void DULA041_dates_at_the_end_of_the_calendar_do_not_crash()
    {
        var text = s_valid.Edit("  effective: 2026-02-01", "  effective: 9999-01-01").Edit("  expires: 2029-01-31", "  expires: 9999-12-31");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Theory]
    [InlineData("2026-11-21", true)]
    [InlineData("2026-11-22", false)] // expires today: still in force
    public void DULA042_executed_but_expired_is_a_warning(string expires, bool warns)
    {
        var text = s_valid.Edit("  expires: 2029-01-31", $"  expires: {expires}");
        var diagnostics = Fixtures.ValidateAgreement(text);
        if (!warns)
        {
            diagnostics.ShouldBeClean();
            return;
        }
        diagnostics.ShouldHaveCodes(C.ExpiredButExecuted);
        diagnostics.ShouldReport(C.ExpiredButExecuted, A, text.LineOf("expires:"), 3).Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void DULA042_does_not_apply_to_expired_status()
    {
        var text = s_valid.Edit("  expires: 2029-01-31", "  expires: 2026-06-30").Edit("status: executed", "status: expired");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Theory]
    [InlineData("2027-02-20", true)] // today + 90 days
    [InlineData("2026-12-01", true)]
    [InlineData("2027-02-21", false)] // outside the window
    public void DULA043_legacy_within_the_renewal_window_warns(string expires, bool warns)
    {
        var text = s_valid.Edit("framework: mou", "framework: legacy").Edit("  expires: 2029-01-31", $"  expires: {expires}");
        var diagnostics = Fixtures.ValidateAgreement(text);
        if (!warns)
        {
            diagnostics.ShouldBeClean();
            return;
        }
        diagnostics.ShouldHaveCodes(C.LegacyRenewal);
        diagnostics.ShouldReport(C.LegacyRenewal, A, text.LineOf("framework:"), 1).Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void DULA043_mou_agreement_in_the_window_does_not_warn()
    {
        Fixtures.ValidateAgreement(s_valid.Edit("  expires: 2029-01-31", "  expires: 2027-01-01")).ShouldBeClean();
    }

    [Fact]
    public void DULA043_follows_renewal_window_days()
    {
        var text = s_valid.Edit("framework: mou", "framework: legacy").Edit("  expires: 2029-01-31", "  expires: 2027-02-20");
        using var registry = Fixtures.Registry(text).Write("registry.yml", "renewal_window_days: 30\n");
        registry.Validate().ShouldBeClean();
    }

    // ---------------------------------------------------------------- lifecycle (DULA050-056)

    [Fact]
    public void DULA050_final_needs_manager_and_signatory_per_party()
    {
        var text = s_valid.Edit("    dula_manager:\n      name: Addison Sample\n      title: SNAP Policy Manager\n      email: addison.sample@example.org\n", "");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.NeedsManagerAndSignatory);
        diagnostics.ShouldReport(C.NeedsManagerAndSignatory, A, text.LineOf("- agency: dta\n    role"), 5).Message.ShouldContain("DULA manager for `dta`");
    }

    [Theory]
    [InlineData("proposed")]
    [InlineData("drafting")]
    [InlineData("in-review")]
    [InlineData("withdrawn")]
    public void DULA050_to_056_do_not_apply_before_final(string status)
    {
        var text = Fixtures.Other.Edit("status: drafting", $"status: {status}");
        using var registry = Fixtures.Registry().Write(Fixtures.OtherPath, text);
        registry.Validate().ShouldBeClean();
    }

    [Fact]
    public void DULA051_signatory_without_signing_authority()
    {
        var text = s_valid.Edit("      name: Riley Placeholder", "      name: Sam Nobody");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.SignatoryNotAuthorized);
        diagnostics.ShouldReport(C.SignatoryNotAuthorized, A, text.LineOf("      name: Sam Nobody") - 1, 5);
    }

    [Fact]
    public void DULA051_signatory_name_compares_without_case_or_outer_spaces()
    {
        Fixtures.ValidateAgreement(s_valid.Edit("      name: Riley Placeholder", "      name: \" riley placeholder \"")).ShouldBeClean();
    }

    [Fact]
    public void DULA052_submitted_needs_a_service_request()
    {
        var text = s_valid.RemoveLine("service_request:").Edit("status: executed", "status: submitted");
        AssertOnly(text, C.NeedsServiceRequest, "status:");
    }

    [Fact]
    public void DULA052_final_does_not_need_a_service_request()
    {
        var text = s_valid.RemoveLine("service_request:").Edit("status: executed", "status: final");
        Fixtures.ValidateAgreement(text).ShouldBeClean();
    }

    [Fact]
    public void DULA053_missing_signature_is_reported_at_signatures()
    {
        var text = s_valid.Edit("  - agency: dor\n    name: Riley Placeholder\n    title: Commissioner of Revenue\n    date: 2026-01-22\n", "");
        AssertOnly(text, C.NeedsSignatures, "signatures:").Message.ShouldContain("`dor` has none");
    }

    [Fact]
    public void DULA053_no_signatures_at_all_is_reported_at_status()
    {
        var text = s_valid.Edit(
            "signatures:\n  - agency: dta\n    name: Casey Fictional\n    title: Commissioner of Transitional Assistance\n    date: 2026-01-20\n  - agency: dor\n    name: Riley Placeholder\n    title: Commissioner of Revenue\n    date: 2026-01-22\n",
            "");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.NeedsSignatures);
        diagnostics.Where(d => d.Code == C.NeedsSignatures).ShouldAllBe(d => d.Line == text.LineOf("status:"));
        diagnostics.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("    date: 2026-01-22\n", "", "  - agency: dor\n    name: Riley", "needs `date:`")]
    [InlineData("  - agency: dor\n    name: Riley", "  - agency: anf\n    name: Riley", "  - agency: anf", "not a party")]
    [InlineData("  - agency: dor\n    name: Riley", "  - agency: dta\n    name: Riley", "  - agency: dta\n    name: Riley", "signed twice")]
    public void DULA053_bad_signature_is_reported_at_the_item(string old, string replacement, string item, string message)
    {
        var text = s_valid.Edit(old, replacement);
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.NeedsSignatures);
        diagnostics.ShouldReport(C.NeedsSignatures, A, text.LineOf(item), 5).Message.ShouldContain(message);
    }

    [Fact]
    public void DULA053_each_stray_signature_is_reported_at_its_own_item_with_its_own_number()
    {
        // The messages are made only when reported, after the loop over the signatures: each must keep its own item and number.
        var text = s_valid.Edit("  - agency: dta\n    name: Casey", "  - agency: anf\n    name: Casey").Edit("  - agency: dor\n    name: Riley", "  - agency: anf\n    name: Riley");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldReport(C.NeedsSignatures, A, text.LineOf("  - agency: anf\n    name: Casey"), 5).Message.ShouldContain("signature 1 is for `anf`");
        diagnostics.ShouldReport(C.NeedsSignatures, A, text.LineOf("  - agency: anf\n    name: Riley"), 5).Message.ShouldContain("signature 2 is for `anf`");
    }

    [Fact]
    public void DULA054_executed_needs_the_executed_copy()
    {
        var text = s_valid.Edit($"executed_copy:\n  sha256: {Fixtures.Sha}\n", "");
        AssertOnly(text, C.NeedsExecutedCopy, "status:");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("719a03622ef971318495cb96dd1d4cbb925f7528a4edb01c612e678fc610bdaz")]
    public void DULA054_sha256_must_be_64_hex_digits(string sha)
    {
        var text = s_valid.Edit($"sha256: {Fixtures.Sha}", $"sha256: {sha}");
        AssertOnly(text, C.NeedsExecutedCopy, "sha256:");
    }

    [Theory]
    [InlineData("terminated", "", "needs `ended:`")]
    [InlineData("superseded", "ended: 2026-10-01\n", "needs `superseded_by:`")]
    [InlineData("superseded", "superseded_by: DULA-2025-0002\n", "needs `ended:`")]
    public void DULA055_ended_agreements_need_their_end(string status, string extra, string message)
    {
        var text = s_valid.Edit("status: executed", $"status: {status}").Edit("tags: [snap", extra + "tags: [snap");
        using var registry = Fixtures.Registry(text).Write(Fixtures.OtherPath, Fixtures.Other);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.NeedsEndDate);
        diagnostics.ShouldReport(C.NeedsEndDate, A, text.LineOf("status:"), 1).Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("terminated", "ended: 2026-10-01\n")]
    [InlineData("superseded", "ended: 2026-10-01\nsuperseded_by: DULA-2025-0002\n")]
    public void DULA055_passes_with_its_end(string status, string extra)
    {
        var text = s_valid.Edit("status: executed", $"status: {status}").Edit("tags: [snap", extra + "tags: [snap");
        using var registry = Fixtures.Registry(text).Write(Fixtures.OtherPath, Fixtures.Other);
        registry.Validate().ShouldBeClean();
    }

    [Fact]
    public void DULA056_final_needs_both_term_dates()
    {
        var text = s_valid.Edit("status: executed", "status: final").RemoveLine("expires:");
        AssertOnly(text, C.NeedsTerm, "term:").Message.ShouldContain("term.expires");
    }

    [Fact]
    public void DULA056_no_term_at_all_is_reported_twice_at_status()
    {
        var text = s_valid.Edit("status: executed", "status: final").Edit("term:\n  effective: 2026-02-01\n  expires: 2029-01-31\n", "");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.NeedsTerm);
        diagnostics.Count.ShouldBe(2);
        diagnostics.ShouldAllBe(d => d.File == A && d.Line == text.LineOf("status:") && d.Column == 1);
    }

    // ---------------------------------------------------------------- body (DULA060-062); more in BodyRuleTests

    [Fact]
    public void DULA060_missing_section_at_the_first_body_line()
    {
        var text = s_valid.Edit("## Incident and breach notification\n\nNotify the owner within 24 hours.\n\n", "");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.MissingSection);
        diagnostics.ShouldReport(C.MissingSection, A, Fixtures.FrontMatterEndLine + 1, 1).Message.ShouldContain("## Incident and breach notification");
    }

    [Fact]
    public void DULA061_raw_html()
    {
        var text = s_valid.Edit("Eligibility determination only.", "Eligibility <b>determination</b> only.");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.RawHtml);
        diagnostics.ShouldReport(C.RawHtml, A, text.LineOf("<b>"), text.ColumnOf("<b>"));
    }

    [Fact]
    public void DULA062_unsafe_link()
    {
        var text = s_valid.Edit("(https://www.mass.gov/dor)", "(javascript:alert(1))");
        var diagnostics = Fixtures.ValidateAgreement(text);
        diagnostics.ShouldHaveCodes(C.UnsafeLink);
        diagnostics.ShouldReport(C.UnsafeLink, A, text.LineOf("[the schedule]"), text.ColumnOf("[the schedule]"));
    }

    // ---------------------------------------------------------------- changes against a base (DULA070-076); more in ChangeRuleTests

    /// <summary>The change rules' findings after the base agreement <paramref name="before"/> becomes <paramref name="after"/>
    /// (null: deleted), in a real Git repository.</summary>
    private static IReadOnlyList<Diagnostic> Changed(string before, string? after, params (string Path, string Content)[] added)
    {
        using var scenario = ChangeScenario.With(before);
        if (after is null) scenario.Delete(A);
        else scenario.Write(A, after);
        foreach (var (path, content) in added) scenario.Write(path, content);
        return scenario.Check();
    }

    private static string Status(string status) => s_valid.Edit("status: executed", $"status: {status}");

    [Fact]
    public void DULA070_skipped_step_and_one_step_forward_passes()
    {
        var diagnostics = Changed(Status("drafting"), Status("final"));
        diagnostics.ShouldHaveCodes(C.StatusTransition);
        diagnostics.ShouldReport(C.StatusTransition, A, s_valid.LineOf("\nstatus:"), 1);
        Changed(Status("drafting"), Status("in-review")).ShouldBeClean();
    }

    [Fact]
    public void DULA071_new_file_not_at_the_start_and_legacy_import_passes()
    {
        const string New = "agreements/DULA-2026-0008.md";
        var executed = s_valid.Edit("id: DULA-2026-0007", "id: DULA-2026-0008");
        Changed(s_valid, s_valid, (New, executed)).ShouldReport(C.NewFileStatus, New, s_valid.LineOf("\nstatus:"), 1);
        Changed(s_valid, s_valid, (New, executed.Edit("framework: mou", "framework: legacy"))).ShouldBeClean();
    }

    [Fact]
    public void DULA072_executed_agreement_edited_and_terminated_passes()
    {
        var diagnostics = Changed(s_valid, s_valid.Edit("  expires: 2029-01-31", "  expires: 2030-01-31"));
        diagnostics.ShouldHaveCodes(C.ExecutedChanged);
        diagnostics.ShouldReport(C.ExecutedChanged, A, s_valid.LineOf("\nstatus:"), 1).Message.ShouldContain("registry amend DULA-2026-0007");
        Changed(s_valid, s_valid.Edit("status: executed", "status: terminated\nended: 2027-01-31")).ShouldBeClean();
    }

    [Fact]
    public void DULA073_ended_agreement_changed_and_unchanged_passes()
    {
        var withdrawn = Status("withdrawn");
        Changed(withdrawn, withdrawn.Edit("title: SNAP eligibility wage match", "title: New SNAP match")).ShouldHaveCodes(C.EndedChanged);
        Changed(withdrawn, withdrawn).ShouldBeClean();
    }

    [Fact]
    public void DULA074_deleted_file_at_line_1()
    {
        var diagnostics = Changed(s_valid, null);
        diagnostics.ShouldHaveCodes(C.FileDeletedOrRenamed);
        diagnostics.ShouldReport(C.FileDeletedOrRenamed, A, 1, 1);
    }

    [Fact]
    public void DULA075_id_reused_by_a_new_file_and_a_new_id_passes()
    {
        const string New = "agreements/DULA-2026-0008.md";
        var reuse = Status("drafting").Edit("title: SNAP eligibility wage match", "title: Another match");
        Changed(s_valid, s_valid, (New, reuse)).ShouldHaveCodes(C.IdReused);
        Changed(s_valid, s_valid, (New, reuse.Edit("id: DULA-2026-0007", "id: DULA-2026-0008"))).ShouldBeClean();
    }

    [Fact]
    public void DULA076_amendment_of_an_agreement_in_review_and_of_an_executed_one_passes()
    {
        const string New = "agreements/DULA-2026-0009.md";
        var amendment = Fixtures.Other.Edit("id: DULA-2025-0002", "id: DULA-2026-0009").Edit("status: drafting", "status: drafting\namends: DULA-2026-0007");
        var diagnostics = Changed(Status("in-review"), Status("in-review"), (New, amendment));
        diagnostics.ShouldHaveCodes(C.AmendsNotExecuted);
        diagnostics.ShouldReport(C.AmendsNotExecuted, New, amendment.LineOf("amends:"), 1);
        Changed(s_valid, s_valid, (New, amendment)).ShouldBeClean();
    }

    // ---------------------------------------------------------------- settings and internal (DULA090, 099)

    [Theory]
    [InlineData("id_prefix: dula\n", "id_prefix:")]
    [InlineData("name: Registry\nmax_term_years: 0\n", "max_term_years:")]
    [InlineData("renewal_window_days: 5000\n", "renewal_window_days:")]
    [InlineData("max_file_bytes: 100\n", "max_file_bytes:")]
    [InlineData("required_sections: []\n", "required_sections:")]
    [InlineData("- name: Registry\n", "- name")]
    public void DULA090_invalid_setting(string yaml, string marker)
    {
        using var registry = Fixtures.Registry().Write("registry.yml", yaml);
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.Settings); // the setting falls back to its default: no flood of errors on every file
        diagnostics.Single(C.Settings);
        diagnostics.ShouldReport(C.Settings, "registry.yml", yaml.LineOf(marker), 1);
    }

    [Fact]
    public void DULA010_and_012_in_registry_yml()
    {
        using var registry = Fixtures.Registry().Write("registry.yml", "name: Registry\nmax_term_year: 5\nrenewal_window_days: soon\n");
        var diagnostics = registry.Validate();
        diagnostics.ShouldHaveCodes(C.UnknownKey, C.InvalidValue);
        diagnostics.ShouldReport(C.UnknownKey, "registry.yml", 2, 1).Message.ShouldContain("did you mean `max_term_years`?");
        diagnostics.ShouldReport(C.InvalidValue, "registry.yml", 3, 1);
    }

    [Fact]
    public void DULA099_a_failing_rule_is_one_diagnostic_and_the_other_rules_still_run()
    {
        var bag = new DiagnosticBag();
        using var temp = Fixtures.Registry(s_valid.Edit("status: executed", "status: final").RemoveLine("expires:"));
        var loaded = RegistryLoader.Load(temp.Root, bag);
        bag.Count.ShouldBe(0);
        // A document whose model is missing makes the rules that read it fail.
        var broken = loaded.Agreements[0] with { Model = null! };
        var registry = loaded with { Agreements = [broken] };
        RegistryValidator.Validate(registry, TempRegistry.Today, bag);
        var diagnostics = bag.Sorted();
        diagnostics.ShouldContain(d => d.Code == C.Internal && d.Severity == Severity.Error);
        diagnostics.ShouldAllBe(d => d.Code == C.Internal);
        diagnostics.ShouldReport(C.Internal, "registry.yml", 1, 1).Message.ShouldContain("please report it");
    }
}
