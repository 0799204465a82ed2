using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of parties and data flows: DULA030-037.</summary>
public static class PartyDiagnostics
{
    /// <summary>DULA030.</summary>
    [DiagnosticFactory(C.NotMouSignatory)]
    public static Diagnostic NotMouSignatory(string file, SourcePosition at, string agency) =>
        DiagnosticFactory.Create(C.NotMouSignatory, file, at,
            $"party `{agency}` has not signed the data sharing MOU (no `mou.signed` in `agencies/{agency}.md`); only signatories may use the DULA framework, otherwise mark the agreement `framework: legacy`");

    /// <summary>DULA031: given how many parties own and receive data (both at least one: then there is only one party).</summary>
    [DiagnosticFactory(C.OwnerAndRecipient)]
    public static Diagnostic OwnerAndRecipient(string file, SourcePosition at, int owners, int recipients)
    {
        var lacking = owners == 0 ? "no data owner" : recipients == 0 ? "no data recipient" : "only one party";
        return DiagnosticFactory.Create(C.OwnerAndRecipient, file, at,
            $"`parties` has {lacking}; an agreement is between at least one data owner and one data recipient (different agencies)");
    }

    /// <summary>DULA032.</summary>
    [DiagnosticFactory(C.DuplicateParty)]
    public static Diagnostic DuplicateParty(string file, SourcePosition at, string agency) =>
        DiagnosticFactory.Create(C.DuplicateParty, file, at,
            $"`{agency}` is listed twice under `parties`; list each agency once (use `role: both` for an agency that gives and receives data)");

    /// <summary>DULA033: <paramref name="path"/> is the data item's, such as <c>data[0]</c>.</summary>
    [DiagnosticFactory(C.FlowSource)]
    public static Diagnostic FlowSourceNotParty(string file, SourcePosition at, string path, string from) =>
        DiagnosticFactory.Create(C.FlowSource, file, at,
            $"`{path}.from` is `{from}`, which is not a party of this agreement; add it under `parties` as an owner, or correct the id");

    /// <summary>DULA033: <paramref name="role"/> is the party's role as written.</summary>
    [DiagnosticFactory(C.FlowSource)]
    public static Diagnostic FlowSourceNotOwner(string file, SourcePosition at, string path, string from, string role) =>
        DiagnosticFactory.Create(C.FlowSource, file, at,
            $"`{path}.from` is `{from}`, whose role is `{role}`; data comes from an owner, so make its role `owner` or `both`");

    /// <summary>DULA034: <paramref name="path"/> is the data item's.</summary>
    [DiagnosticFactory(C.FlowTarget)]
    public static Diagnostic FlowTargetNotParty(string file, SourcePosition at, string path, string to) =>
        DiagnosticFactory.Create(C.FlowTarget, file, at,
            $"`{path}.to` names `{to}`, which is not a party of this agreement; add it under `parties` as a recipient, or correct the id");

    /// <summary>DULA034: <paramref name="role"/> is the party's role as written.</summary>
    [DiagnosticFactory(C.FlowTarget)]
    public static Diagnostic FlowTargetNotRecipient(string file, SourcePosition at, string path, string to, string role) =>
        DiagnosticFactory.Create(C.FlowTarget, file, at,
            $"`{path}.to` names `{to}`, whose role is `{role}`; data goes to a recipient, so make its role `recipient` or `both`");

    /// <summary>DULA034: a data item that flows from a party to itself.</summary>
    [DiagnosticFactory(C.FlowTarget)]
    public static Diagnostic FlowToItself(string file, SourcePosition at, string path, string to) =>
        DiagnosticFactory.Create(C.FlowTarget, file, at, $"`{path}` flows from `{to}` to itself; name the receiving agency");

    /// <summary>DULA035.</summary>
    [DiagnosticFactory(C.ProtectedNeedsAuthority)]
    public static Diagnostic ProtectedNeedsAuthority(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.ProtectedNeedsAuthority, file, at,
            "this agreement shares PII or protected data, so `legal_authority` must cite the law that allows it (`- { citation: \"M.G.L. c. 62C, § 21\" }`)");

    /// <summary>DULA036.</summary>
    [DiagnosticFactory(C.ProtectedNeedsRetention)]
    public static Diagnostic ProtectedNeedsRetention(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.ProtectedNeedsRetention, file, at,
            "this agreement shares PII or protected data, so `retention` must say how long the data is kept and how it is destroyed");

    /// <summary>DULA037: <paramref name="section"/> is the heading of the safeguards section.</summary>
    [DiagnosticFactory(C.ProtectedNeedsSafeguards)]
    public static Diagnostic ProtectedNeedsSafeguards(string file, int line, string section) =>
        DiagnosticFactory.Create(C.ProtectedNeedsSafeguards, file, new(line, 1),
            $"this agreement shares PII or protected data, so the body needs a `## {section}` section that describes them");
}
