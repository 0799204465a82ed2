using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of ids and references between files: DULA020-026.</summary>
public static class IdentityDiagnostics
{
    /// <summary>DULA020: an agency id that is not a lowercase slug.</summary>
    [DiagnosticFactory(C.IdFormat)]
    public static Diagnostic AgencyIdFormat(string file, SourcePosition at, string id) =>
        DiagnosticFactory.Create(C.IdFormat, file, at,
            $"agency id `{id}` must be a lowercase slug of letters, digits and single hyphens, such as `dor` or `health-connector`");

    /// <summary>DULA020: an agreement id not of the form <c>PREFIX-YYYY-NNNN</c>.</summary>
    [DiagnosticFactory(C.IdFormat)]
    public static Diagnostic AgreementIdFormat(string file, SourcePosition at, string id, string prefix) =>
        DiagnosticFactory.Create(C.IdFormat, file, at,
            $"agreement id `{id}` must look like `{prefix}-2026-0007`: the prefix `{prefix}`, a four-digit year and a number of four or more digits");

    /// <summary>DULA021: <paramref name="stem"/> is the file's name without <c>.md</c>.</summary>
    [DiagnosticFactory(C.IdFileName)]
    public static Diagnostic IdFileName(string file, SourcePosition at, string id, string stem) =>
        DiagnosticFactory.Create(C.IdFileName, file, at, $"the id `{id}` differs from the file name `{stem}.md`; rename the file to `{id}.md` or correct the id");

    /// <summary>DULA022: <paramref name="first"/> is the file that declared the id first.</summary>
    [DiagnosticFactory(C.DuplicateId)]
    public static Diagnostic DuplicateId(string file, SourcePosition at, string id, string first) =>
        DiagnosticFactory.Create(C.DuplicateId, file, at, $"the id `{id}` is already used by `{first}`; every id must be unique, so allocate a new one");

    /// <summary>DULA023: a party's agency.</summary>
    /// <param name="correction">The likeliest agency meant, worded by <see cref="Validation.Rules.AgencyNames.Correction"/>; null when none is near.</param>
    [DiagnosticFactory(C.UnknownAgency)]
    public static Diagnostic UnknownParty(string file, SourcePosition at, string agency, string? correction) =>
        DiagnosticFactory.Create(C.UnknownAgency, file, at, correction is not null
            ? $"party {correction}"
            : $"party `{agency}` is not a known agency (no `agencies/{agency}.md`); check the spelling or add the agency file");

    /// <summary>DULA023: a drafter's agency.</summary>
    /// <param name="correction">As for <see cref="UnknownParty"/>.</param>
    [DiagnosticFactory(C.UnknownAgency)]
    public static Diagnostic UnknownDrafterAgency(string file, SourcePosition at, string agency, string? correction) =>
        DiagnosticFactory.Create(C.UnknownAgency, file, at, correction is not null
            ? $"drafter's agency {correction}"
            : $"drafter's agency `{agency}` is not a known agency (no `agencies/{agency}.md`)");

    /// <summary>DULA023: an agency's secretariat.</summary>
    /// <param name="correction">As for <see cref="UnknownParty"/>.</param>
    [DiagnosticFactory(C.UnknownAgency)]
    public static Diagnostic UnknownSecretariat(string file, SourcePosition at, string secretariat, string? correction) =>
        DiagnosticFactory.Create(C.UnknownAgency, file, at, correction is not null
            ? $"`secretariat`: {correction}"
            : $"`secretariat` names `{secretariat}`, but there is no `agencies/{secretariat}.md`; use the id of an existing secretariat");

    /// <summary>DULA024: <c>amends</c>, <c>supersedes</c> or <c>superseded_by</c> (<paramref name="key"/>) names its own agreement.</summary>
    [DiagnosticFactory(C.UnknownAgreement)]
    public static Diagnostic LineageNamesItself(string file, SourcePosition at, string key) =>
        DiagnosticFactory.Create(C.UnknownAgreement, file, at, $"`{key}` names this agreement itself; name another agreement's id");

    /// <summary>DULA024: <paramref name="key"/> names an agreement that does not exist; <paramref name="near"/> is the likeliest one meant, or null.</summary>
    [DiagnosticFactory(C.UnknownAgreement)]
    public static Diagnostic UnknownAgreement(string file, SourcePosition at, string key, string target, string? near) =>
        DiagnosticFactory.Create(C.UnknownAgreement, file, at,
            $"`{key}` names `{target}`, but there is no `agreements/{target}.md`" + (near is null ? "" : $"; did you mean `{near}`?"));

    /// <summary>DULA025: <c>secretariat</c> names an agency whose <c>kind</c> (<paramref name="kind"/>, as written) is not secretariat.</summary>
    [DiagnosticFactory(C.Secretariat)]
    public static Diagnostic NotASecretariat(string file, SourcePosition at, string secretariat, string kind) =>
        DiagnosticFactory.Create(C.Secretariat, file, at, $"`secretariat` names `{secretariat}`, which is not a secretariat (its `kind` is `{kind}`)");

    /// <summary>DULA025: a secretariat that names a secretariat.</summary>
    [DiagnosticFactory(C.Secretariat)]
    public static Diagnostic SecretariatInSecretariat(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.Secretariat, file, at, "a secretariat does not belong to another secretariat; remove `secretariat`");

    /// <summary>DULA026 (a warning).</summary>
    [DiagnosticFactory(C.NoSecretariat)]
    public static Diagnostic NoSecretariat(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.NoSecretariat, file, at,
            "an agency of `kind: agency` should name its secretariat (`secretariat: <id>`) so the site can group it; the site lists it under \"Outside a secretariat\" until then");
}
