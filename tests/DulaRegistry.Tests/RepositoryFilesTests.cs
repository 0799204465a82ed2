using System.Text.RegularExpressions;
using DulaRegistry.Diagnostics;
using DulaRegistry.Schema;

namespace DulaRegistry.Tests;

/// <summary>Files committed to the repository that must stay in step with the code.</summary>
public sealed partial class RepositoryFilesTests
{
    private static readonly string s_repo = RepoPaths.Root;

    [Fact]
    public void Committed_schemas_match_the_model()
    {
        // Editors read schema/*.json through the yaml-language-server hint; regenerate with `registry schema`.
        File.ReadAllText(Path.Combine(s_repo, "schema", SchemaGenerator.AgreementFile)).ShouldBe(SchemaGenerator.Agreement());
        File.ReadAllText(Path.Combine(s_repo, "schema", SchemaGenerator.AgencyFile)).ShouldBe(SchemaGenerator.Agency());
    }

    [Theory]
    [InlineData("templates/dula.md", "agreement")]
    [InlineData("templates/amendment.md", "agreement")]
    public void Templates_carry_the_schema_hint(string template, string kind)
    {
        var lines = File.ReadAllLines(Path.Combine(s_repo, template));
        lines[0].ShouldBe("---");
        lines[1].ShouldBe($"# yaml-language-server: $schema=../schema/{kind}.schema.json");
    }

    [Fact]
    public void Readme_documents_every_rule_code()
    {
        var readme = File.ReadAllText(Path.Combine(s_repo, "README.md"));
        var documented = RuleRow().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        documented.ShouldBe(DiagnosticCodes.All.Select(d => d.Code).ToList());
        foreach (var d in DiagnosticCodes.All)
        {
            readme.ShouldContain($"| {d.Code} | {(d.Severity == Severity.Error ? "error" : "warning")} | {d.Title} |");
        }
    }

    [GeneratedRegex(@"^\| (DULA\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
