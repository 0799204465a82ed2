using DulaRegistry.Loading;
using DulaRegistry.Model;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>
/// The diagnostics of what each lifecycle status requires: DULA050-056. <c>status</c> parameters are the status checked
/// for, which the message names ("an `executed` agreement needs ..."): the agreement's own for the validator, the next
/// one for the "what happens next" checklist.
/// </summary>
public static class LifecycleDiagnostics
{
    /// <summary>"an `executed`", "a `final`".</summary>
    private static string A(AgreementStatus status)
    {
        var stage = FrontMatterBinder.EnumName(status);
        return $"{(stage[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} `{stage}`";
    }

    /// <summary>DULA050: a party without a DULA manager; <paramref name="who"/> is its agency id, or "party N".</summary>
    [DiagnosticFactory(C.NeedsManagerAndSignatory)]
    public static Diagnostic NeedsManager(string file, SourcePosition at, AgreementStatus status, string who) =>
        DiagnosticFactory.Create(C.NeedsManagerAndSignatory, file, at,
            $"{A(status)} agreement needs a DULA manager for `{who}`: add `dula_manager: {{ name: ..., title: ..., email: ... }}`");

    /// <summary>DULA050: a party without a signatory; <paramref name="who"/> as for <see cref="NeedsManager"/>.</summary>
    [DiagnosticFactory(C.NeedsManagerAndSignatory)]
    public static Diagnostic NeedsSignatory(string file, SourcePosition at, AgreementStatus status, string who) =>
        DiagnosticFactory.Create(C.NeedsManagerAndSignatory, file, at,
            $"{A(status)} agreement needs a signatory for `{who}`: add `signatory: {{ name: ..., title: ... }}`");

    /// <summary>DULA051.</summary>
    [DiagnosticFactory(C.SignatoryNotAuthorized)]
    public static Diagnostic SignatoryNotAuthorized(string file, SourcePosition at, string signatory, string agency) =>
        DiagnosticFactory.Create(C.SignatoryNotAuthorized, file, at,
            $"`{signatory}` is not listed under `signatories` in `agencies/{agency}.md`; only people with signing authority for `{agency}` may sign (ask its Data Sharing Coordinator to add them)");

    /// <summary>DULA052.</summary>
    [DiagnosticFactory(C.NeedsServiceRequest)]
    public static Diagnostic NeedsServiceRequest(string file, SourcePosition at, AgreementStatus status) =>
        DiagnosticFactory.Create(C.NeedsServiceRequest, file, at,
            $"{A(status)} agreement needs `service_request`: the number of the Data Office request (such as RITM0041234)");

    /// <summary>DULA053: signature number <paramref name="number"/> (1-based) names no party; <paramref name="agency"/> is what it names, or null.</summary>
    [DiagnosticFactory(C.NeedsSignatures)]
    public static Diagnostic SignatureNotParty(string file, SourcePosition at, int number, string? agency) =>
        DiagnosticFactory.Create(C.NeedsSignatures, file, at,
            $"signature {number} is for `{agency ?? "(no agency)"}`, which is not a party; each signature names a party's agency");

    /// <summary>DULA053.</summary>
    [DiagnosticFactory(C.NeedsSignatures)]
    public static Diagnostic SignedTwice(string file, SourcePosition at, string agency) =>
        DiagnosticFactory.Create(C.NeedsSignatures, file, at, $"`{agency}` has signed twice; keep one signature per party");

    /// <summary>DULA053.</summary>
    [DiagnosticFactory(C.NeedsSignatures)]
    public static Diagnostic SignatureNeedsDate(string file, SourcePosition at, string agency) =>
        DiagnosticFactory.Create(C.NeedsSignatures, file, at, $"the signature of `{agency}` needs `date:` (YYYY-MM-DD)");

    /// <summary>DULA053.</summary>
    [DiagnosticFactory(C.NeedsSignatures)]
    public static Diagnostic SignatureNeedsName(string file, SourcePosition at, string agency) =>
        DiagnosticFactory.Create(C.NeedsSignatures, file, at, $"the signature of `{agency}` needs the signer's `name`");

    /// <summary>DULA053: <paramref name="party"/> has not signed.</summary>
    [DiagnosticFactory(C.NeedsSignatures)]
    public static Diagnostic NeedsSignature(string file, SourcePosition at, AgreementStatus status, string party) =>
        DiagnosticFactory.Create(C.NeedsSignatures, file, at,
            $"{A(status)} agreement needs a dated signature from every party; `{party}` has none under `signatures`");

    /// <summary>DULA054: no <c>executed_copy.sha256</c>.</summary>
    [DiagnosticFactory(C.NeedsExecutedCopy)]
    public static Diagnostic NeedsExecutedCopy(string file, SourcePosition at, AgreementStatus status) =>
        DiagnosticFactory.Create(C.NeedsExecutedCopy, file, at,
            $"{A(status)} agreement needs `executed_copy: {{ sha256: ... }}`, the SHA-256 of the signed PDF (`sha256sum file.pdf`)");

    /// <summary>DULA054: a <c>sha256</c> that is not 64 hexadecimal digits.</summary>
    [DiagnosticFactory(C.NeedsExecutedCopy)]
    public static Diagnostic ExecutedCopyFormat(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.NeedsExecutedCopy, file, at, "`executed_copy.sha256` must be exactly 64 hexadecimal digits (the output of `sha256sum`)");

    /// <summary>DULA055: no <c>ended</c>.</summary>
    [DiagnosticFactory(C.NeedsEndDate)]
    public static Diagnostic NeedsEnded(string file, SourcePosition at, AgreementStatus status) =>
        DiagnosticFactory.Create(C.NeedsEndDate, file, at, $"{A(status)} agreement needs `ended:`, the date it ended (YYYY-MM-DD)");

    /// <summary>DULA055: a superseded agreement without <c>superseded_by</c>.</summary>
    [DiagnosticFactory(C.NeedsEndDate)]
    public static Diagnostic NeedsSupersededBy(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.NeedsEndDate, file, at, "a `superseded` agreement needs `superseded_by:`, the id of the agreement that replaces it");

    /// <summary>DULA056: no <c>term.effective</c>.</summary>
    [DiagnosticFactory(C.NeedsTerm)]
    public static Diagnostic NeedsTermEffective(string file, SourcePosition at, AgreementStatus status) =>
        DiagnosticFactory.Create(C.NeedsTerm, file, at, $"{A(status)} agreement needs `term.effective` (YYYY-MM-DD)");

    /// <summary>DULA056: no <c>term.expires</c>.</summary>
    [DiagnosticFactory(C.NeedsTerm)]
    public static Diagnostic NeedsTermExpires(string file, SourcePosition at, AgreementStatus status) =>
        DiagnosticFactory.Create(C.NeedsTerm, file, at, $"{A(status)} agreement needs `term.expires` (YYYY-MM-DD)");
}
