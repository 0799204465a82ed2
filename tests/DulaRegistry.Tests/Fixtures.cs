using DulaRegistry.Diagnostics;

namespace DulaRegistry.Tests;

/// <summary>
/// A minimal valid registry (a secretariat and two MOU-signatory agencies) and a valid executed agreement
/// between them, written in block style so that every key has a line of its own. Tests mutate one field
/// with <see cref="Edit"/> (a plain text replace that must match exactly once) and assert the line of the
/// offending key with <see cref="LineOf"/>.
/// </summary>
internal static class Fixtures
{
    public const string AgreementId = "DULA-2026-0007";
    public const string AgreementPath = "agreements/DULA-2026-0007.md";
    public const string OtherId = "DULA-2025-0002";
    public const string OtherPath = "agreements/DULA-2025-0002.md";

    public const string Anf = """
        ---
        id: anf
        name: Executive Office for Administration and Finance
        acronym: ANF
        kind: secretariat
        mou:
          signed: 2020-03-02
        coordinators:
          - name: Blake Sample
            title: Data Sharing Coordinator
            email: blake.sample@example.org
            github: blake-sample
        legal_reviewers: ["@example-org/anf-legal"]
        signatories:
          - name: Cameron Fictional
            title: Secretary of Administration and Finance
        website: https://www.mass.gov/orgs/executive-office-for-administration-and-finance
        ---
        The budget and administrative secretariat.

        """;

    public const string Dor = """
        ---
        id: dor
        name: Department of Revenue
        acronym: DOR
        kind: agency
        secretariat: anf
        mou:
          signed: 2020-04-15
        legal_reviewers: ["@example-org/dor-legal"]
        signatories:
          - name: Riley Placeholder
            title: Commissioner of Revenue
        website: https://www.mass.gov/orgs/massachusetts-department-of-revenue
        ---
        Tax returns and quarterly wage records.

        """;

    public const string Dta = """
        ---
        id: dta
        name: Department of Transitional Assistance
        acronym: DTA
        kind: agency
        secretariat: anf
        mou:
          signed: 2020-05-01
        legal_reviewers: ["@example-org/dta-legal"]
        signatories:
          - name: Casey Fictional
            title: Commissioner of Transitional Assistance
        ---
        SNAP and cash assistance.

        """;

    /// <summary>The body with the seven default sections; the front matter ends on line <see cref="FrontMatterEndLine"/>.</summary>
    public const string Body = """
        ## Purpose

        Verify the income of SNAP households.

        ## Data to be shared

        Quarterly wage records, see [the schedule](https://www.mass.gov/dor) and <https://www.mass.gov/dta>.

        ## Permitted uses and restrictions

        Eligibility determination only.

        ## Security safeguards

        IRS Publication 1075 safeguards: encryption in transit and at rest, named-user access.

        ## Retention and destruction

        Destroy within 90 days of the match.

        ## Incident and breach notification

        Notify the owner within 24 hours.

        ## Term, amendment and termination

        Three years; amend in writing.

        """;

    public const string Sha = "719a03622ef971318495cb96dd1d4cbb925f7528a4edb01c612e678fc610bdad";

    public const string AgreementFrontMatter = """
        ---
        id: DULA-2026-0007
        title: SNAP eligibility wage match
        status: executed
        framework: mou
        parties:
          - agency: dta
            role: recipient
            dula_manager:
              name: Addison Sample
              title: SNAP Policy Manager
              email: addison.sample@example.org
            signatory:
              name: Casey Fictional
              title: Commissioner of Transitional Assistance
          - agency: dor
            role: owner
            dula_manager:
              name: Brooke Fictional
              title: Disclosure Officer
              email: brooke.fictional@example.org
            signatory:
              name: Riley Placeholder
              title: Commissioner of Revenue
        drafters:
          - name: Bailey Sample
            agency: dta
        purpose: Determine SNAP eligibility by matching applicants against DOR wage records.
        data:
          - name: Quarterly wage records
            from: dor
            to: [dta]
            classification: pii
            elements: [SSN, name, employer, quarterly wages]
            regulations: [irs-pub-1075]
            frequency: quarterly
            transfer: sftp
        legal_authority:
          - citation: "M.G.L. c. 62C, § 21"
            note: Permits DOR to disclose wage data to DTA.
        term:
          effective: 2026-02-01
          expires: 2029-01-31
        retention: Destroy within 90 days of the match; certify destruction in writing.
        service_request: RITM0041234
        signatures:
          - agency: dta
            name: Casey Fictional
            title: Commissioner of Transitional Assistance
            date: 2026-01-20
          - agency: dor
            name: Riley Placeholder
            title: Commissioner of Revenue
            date: 2026-01-22
        executed_copy:
          sha256: 719a03622ef971318495cb96dd1d4cbb925f7528a4edb01c612e678fc610bdad
        tags: [snap, eligibility]
        ---

        """;

    /// <summary>The valid executed agreement <see cref="AgreementId"/>.</summary>
    public const string Agreement = AgreementFrontMatter + Body;

    /// <summary>A second valid agreement (status drafting) that lineage fields can point at.</summary>
    public static readonly string Other = """
        ---
        id: DULA-2025-0002
        title: Earlier wage match
        status: drafting
        framework: mou
        parties:
          - agency: dta
            role: recipient
          - agency: dor
            role: owner
        purpose: An earlier match.
        data:
          - name: Wage records
            from: dor
            to: [dta]
            classification: deidentified
        ---

        """ + Body;

    /// <summary>The line (1-based) of the closing <c>---</c> of <see cref="Agreement"/>.</summary>
    public static int FrontMatterEndLine => AgreementFrontMatter.Split('\n').Length - 1;

    /// <summary>A temporary registry holding the three agencies and the valid agreement.</summary>
    public static TempRegistry Registry(string? agreement = null) =>
        new TempRegistry()
            .Write("agencies/anf.md", Anf)
            .Write("agencies/dor.md", Dor)
            .Write("agencies/dta.md", Dta)
            .Write(AgreementPath, agreement ?? Agreement);

    /// <summary>Validates a registry whose agreement is <paramref name="agreement"/>.</summary>
    public static IReadOnlyList<Diagnostic> ValidateAgreement(string agreement, DateOnly? today = null)
    {
        using var registry = Registry(agreement);
        return registry.Validate(today);
    }

    /// <summary>Replaces the one occurrence of <paramref name="old"/>; fails the test if it does not occur exactly once.</summary>
    public static string Edit(this string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException($"fixture does not contain `{old}`", nameof(old));
        if (text.IndexOf(old, at + 1, StringComparison.Ordinal) >= 0) throw new ArgumentException($"fixture contains `{old}` more than once", nameof(old));
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    /// <summary>Removes the one line that contains <paramref name="marker"/>.</summary>
    public static string RemoveLine(this string text, string marker)
    {
        var line = LineOf(text, marker);
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(line - 1);
        return string.Join('\n', lines);
    }

    /// <summary>The 1-based line of the one occurrence of <paramref name="marker"/> (a leading newline anchors it at a line start).</summary>
    public static int LineOf(this string text, string marker) => Locate(text, marker).Line;

    /// <summary>The 1-based column of the one occurrence of <paramref name="marker"/>.</summary>
    public static int ColumnOf(this string text, string marker) => Locate(text, marker).Column;

    private static (int Line, int Column) Locate(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException($"text does not contain `{marker}`", nameof(marker));
        if (text.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0) throw new ArgumentException($"text contains `{marker}` more than once", nameof(marker));
        if (marker.StartsWith('\n')) at++; // a leading newline only anchors the marker at the start of a line
        var line = 1 + text.AsSpan(0, at).Count('\n');
        var lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        return (line, at - lineStart + 1);
    }

    /// <summary>Asserts exactly one diagnostic with <paramref name="code"/> and returns it.</summary>
    public static Diagnostic Single(this IReadOnlyList<Diagnostic> diagnostics, string code)
    {
        var matches = diagnostics.Where(d => d.Code == code).ToList();
        matches.Count.ShouldBe(1, $"expected one {code} in:\n{Describe(diagnostics)}");
        return matches[0];
    }

    /// <summary>Asserts a diagnostic with <paramref name="code"/> in <paramref name="file"/> at <paramref name="line"/> and returns it.</summary>
    public static Diagnostic ShouldReport(this IReadOnlyList<Diagnostic> diagnostics, string code, string file, int line, int? column = null)
    {
        var match = diagnostics.FirstOrDefault(d => d.Code == code && d.File == file && d.Line == line && (column is null || d.Column == column));
        match.ShouldNotBeNull($"expected {code} at {file}({line},{column?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"}) in:\n{Describe(diagnostics)}");
        match.Severity.ShouldBe(DiagnosticCodes.Get(code).Severity);
        return match;
    }

    /// <summary>Asserts that the diagnostics have exactly these codes (as a set).</summary>
    public static void ShouldHaveCodes(this IReadOnlyList<Diagnostic> diagnostics, params string[] codes) =>
        diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(codes.Distinct().Order(StringComparer.Ordinal), $"diagnostics were:\n{Describe(diagnostics)}");

    public static void ShouldBeClean(this IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.ShouldBeEmpty($"diagnostics were:\n{Describe(diagnostics)}");

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join('\n', diagnostics.Select(d => d.ToString()));
}
