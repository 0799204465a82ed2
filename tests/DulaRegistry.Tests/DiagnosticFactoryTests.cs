using System.Reflection;
using System.Text.RegularExpressions;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Loading.YamlMistakes;
using DulaRegistry.Model;

namespace DulaRegistry.Tests;

/// <summary>
/// Diagnostics are made by one factory per code (the classes in <c>Diagnostics/</c> whose methods carry
/// <see cref="DiagnosticFactoryAttribute"/>): every code has one, each makes its own code with its descriptor's severity,
/// and nothing else in the tool constructs a <see cref="Diagnostic"/>.
/// </summary>
public sealed partial class DiagnosticFactoryTests
{
    private const string File = "agreements/DULA-2026-0001.md";
    private static readonly SourcePosition s_at = new(7, 9);

    private static readonly Assembly s_core = typeof(DiagnosticCodes).Assembly;

    private static IEnumerable<MethodInfo> Factories() => s_core.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<DiagnosticFactoryAttribute>() is not null);

    public static TheoryData<string> FactoryNames()
    {
        var data = new TheoryData<string>();
        foreach (var method in Factories()) data.Add($"{method.DeclaringType!.Name}.{method.Name}");
        return data;
    }

    [Fact]
    public void Every_code_has_a_factory_and_every_factory_a_known_code()
    {
        var made = Factories().Select(m => m.GetCustomAttribute<DiagnosticFactoryAttribute>()!.Code).ToHashSet(StringComparer.Ordinal);
        DiagnosticCodes.All.Select(d => d.Code).Where(code => !made.Contains(code)).ShouldBeEmpty("codes without a factory");
        var known = DiagnosticCodes.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        made.Where(code => !known.Contains(code)).ShouldBeEmpty("factories of codes DiagnosticCodes does not list");
    }

    [Fact]
    public void Every_public_method_that_returns_a_diagnostic_is_a_marked_factory()
    {
        // An unmarked factory would escape the checks below.
        var unmarked = s_core.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Diagnostic) && m.GetCustomAttribute<DiagnosticFactoryAttribute>() is null)
            .Where(m => m.DeclaringType!.IsPublic && m.DeclaringType.Namespace == typeof(Diagnostic).Namespace)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
        unmarked.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(FactoryNames))]
    public void A_factory_makes_its_own_code_with_its_severity_at_the_given_place(string name)
    {
        var method = Factories().Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == name);
        var code = method.GetCustomAttribute<DiagnosticFactoryAttribute>()!.Code;
        var parameters = method.GetParameters();
        var takesSeverity = parameters.Any(p => p.ParameterType == typeof(Severity));
        foreach (var severity in takesSeverity ? [Severity.Warning, Severity.Error] : new[] { DiagnosticCodes.Get(code).Severity })
        {
            var diagnostic = (Diagnostic)method.Invoke(null, [.. parameters.Select(p => Argument(p, severity))])!;

            diagnostic.Code.ShouldBe(code);
            diagnostic.Severity.ShouldBe(severity);
            diagnostic.Message.ShouldNotBeNullOrWhiteSpace();
            diagnostic.Message.ShouldNotContain('\n');
            if (parameters.Any(p => p.Name == "file")) diagnostic.File.ShouldBe(File);
            if (parameters.Any(p => p.ParameterType == typeof(SourcePosition) && p.Name == "at"))
            {
                (diagnostic.Line, diagnostic.Column).ShouldBe((s_at.Line, s_at.Column));
            }
            diagnostic.Line.ShouldBeGreaterThanOrEqualTo(1);
            diagnostic.Column.ShouldBeGreaterThanOrEqualTo(1);
        }
    }

    [Fact]
    public void A_status_dependent_severity_changes_the_words_with_it()
    {
        var warning = BodyDiagnostics.LeftoverTodo(File, s_at, Severity.Warning, AgreementStatus.Drafting);
        var error = BodyDiagnostics.LeftoverTodo(File, s_at, Severity.Error, AgreementStatus.Final);
        warning.Message.ShouldEndWith("; none may remain once the agreement moves to `in-review`");
        error.Message.ShouldEndWith("; an agreement that is `final` must hold none");
    }

    [Fact]
    public void The_factory_words_are_todays_words()
    {
        // A move of text, not a rewording: a few messages as the README, goldens and users know them.
        IdentityDiagnostics.IdFileName(File, s_at, "DULA-2026-0002", "DULA-2026-0001").ToString().ShouldBe(
            "agreements/DULA-2026-0001.md(7,9): error DULA021: the id `DULA-2026-0002` differs from the file name `DULA-2026-0001.md`; rename the file to `DULA-2026-0002.md` or correct the id");
        LifecycleDiagnostics.NeedsSignature(File, s_at, AgreementStatus.Executed, "dor").Message.ShouldBe(
            "an `executed` agreement needs a dated signature from every party; `dor` has none under `signatures`");
        BodyDiagnostics.LeftoverGuidanceComments(File, s_at, Severity.Warning, AgreementStatus.Drafting, "templates/dula.md", [3, 4, 5, 9, 11, 12]).Message.ShouldBe(
            "guidance comments from `templates/dula.md` are left in the front matter, on lines 3-5, 9 and 11-12; delete them once the fields are filled in; none may remain once the agreement moves to `in-review`");
        FieldDiagnostics.DataItemFieldRequired(File, s_at, "data[0]", DataItemField.Classification).Message.ShouldBe(
            "`data[0].classification` is required: pii, protected, deidentified or public");
        PartyDiagnostics.OwnerAndRecipient(File, s_at, 1, 0).Message.ShouldBe(
            "`parties` has no data recipient; an agreement is between at least one data owner and one data recipient (different agencies)");
    }

    [GeneratedRegex(@"\bnew\s+Diagnostic\s*\(|\bnew\s*\(\s*(DiagnosticCodes|C)\.|\bDiagnosticCodes\.(?!All\b)\w+|""DULA0\d\d""")]
    private static partial Regex MakesADiagnostic();

    [Fact]
    public void No_source_outside_the_factories_constructs_a_diagnostic_or_names_a_code()
    {
        var tool = Path.Combine(RepoPaths.Root, "tool");
        var factories = Path.Combine(tool, "DulaRegistry.Core", "Diagnostics") + Path.DirectorySeparatorChar;
        var sources = Directory.EnumerateFiles(tool, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(factories, StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        sources.Count.ShouldBeGreaterThan(50); // the scan reads the tool's sources, not an empty folder

        var found = new List<string>();
        foreach (var source in sources)
        {
            var lines = System.IO.File.ReadAllLines(source);
            for (var i = 0; i < lines.Length; i++)
            {
                if (MakesADiagnostic().IsMatch(lines[i])) found.Add($"{Path.GetRelativePath(tool, source)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        found.ShouldBeEmpty("make diagnostics through the factories in tool/DulaRegistry.Core/Diagnostics/");
    }

    [Fact]
    public void The_scan_would_see_a_diagnostic_made_in_place()
    {
        MakesADiagnostic().IsMatch("sink.Report(new Diagnostic(code, Severity.Error, file, 1, 1, \"text\"));").ShouldBeTrue();
        MakesADiagnostic().IsMatch("sink.Report(new(DiagnosticCodes.UnknownKey, Severity.Error, file, 1, 1, \"text\"));").ShouldBeTrue();
        MakesADiagnostic().IsMatch("errors.Add(new(C.Settings, Severity.Error, file, 1, 1, \"text\"));").ShouldBeTrue();
        MakesADiagnostic().IsMatch("context.Report(document, DiagnosticCodes.MissingField, path, message);").ShouldBeTrue();
        MakesADiagnostic().IsMatch("context.Report(IdentityDiagnostics.IdFileName(document.Path, document.Map[\"id\"], id, document.Stem));").ShouldBeFalse();
    }

    /// <summary>A value for a factory's parameter; a type not known here fails the test, so a new one is added on purpose.</summary>
    private static object? Argument(ParameterInfo parameter, Severity severity)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (parameter.Name == "file") return File;
        if (type == typeof(string)) return "value";
        if (type == typeof(int)) return 3;
        if (type == typeof(long)) return 2048L;
        if (type == typeof(SourcePosition)) return s_at;
        if (type == typeof(Severity)) return severity;
        if (type == typeof(DateOnly)) return new DateOnly(2026, 7, 1);
        if (type == typeof(AgreementStatus)) return AgreementStatus.Final;
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1);
        if (type == typeof(IEnumerable<string>) || type == typeof(IReadOnlyList<string>)) return new[] { "first", "second" };
        if (type == typeof(IReadOnlyList<int>)) return new[] { 3, 4, 6 };
        if (type == typeof(Exception)) return new InvalidOperationException("broken");
        if (type == typeof(YNode)) return new YScalar("value", true, SourcePosition.Start);
        if (type == typeof(YamlMistake)) return new YamlMistake(2, 3, "the value needs quotes");
        throw new NotSupportedException($"no test value for a parameter of type {type.Name} ({parameter.Member.Name}.{parameter.Name})");
    }
}
