using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;
using DulaRegistry.Validation.Changes;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of how agreements change against a base revision (<c>validate --base</c>): DULA070-076.</summary>
public static class ChangeDiagnostics
{
    private static string Name(AgreementStatus status) => FrontMatterBinder.EnumName(status);

    /// <summary>DULA070: an executed agreement moved to a status other than its three ends.</summary>
    [DiagnosticFactory(C.StatusTransition)]
    public static Diagnostic ExecutedStatusMove(string file, SourcePosition at, string id, AgreementStatus to) =>
        DiagnosticFactory.Create(C.StatusTransition, file, at,
            $"{id} is executed, so its status can only become `expired`, `terminated` (with `ended`) or `superseded` (with `ended` and `superseded_by`), not `{Name(to)}`; for any other change create an amendment with `registry amend {id}`");

    /// <summary>DULA070: a move forward by more than one step; <paramref name="next"/> is the one step allowed.</summary>
    [DiagnosticFactory(C.StatusTransition)]
    public static Diagnostic StatusSkipsSteps(string file, SourcePosition at, AgreementStatus from, AgreementStatus to, AgreementStatus next) =>
        DiagnosticFactory.Create(C.StatusTransition, file, at,
            $"`status` jumps from `{Name(from)}` to `{Name(to)}`, skipping steps; move one step at a time ({StatusTransitions.Order}): the next step after `{Name(from)}` is `{Name(next)}`");

    /// <summary>DULA070: a move back that is not allowed; <paramref name="previous"/> is the one step back allowed, or null when none is.</summary>
    [DiagnosticFactory(C.StatusTransition)]
    public static Diagnostic StatusMovesBack(string file, SourcePosition at, AgreementStatus from, AgreementStatus to, AgreementStatus? previous)
    {
        var back = previous is { } p ? $"the only step back from `{Name(from)}` is to `{Name(p)}`" : $"`{Name(from)}` has no step back";
        return DiagnosticFactory.Create(C.StatusTransition, file, at, $"`status` cannot move back from `{Name(from)}` to `{Name(to)}`; {back} (or `withdrawn` to abandon the agreement)");
    }

    /// <summary>DULA071: a new agreement that starts past <c>drafting</c>.</summary>
    [DiagnosticFactory(C.NewFileStatus)]
    public static Diagnostic NewFileStatus(string file, SourcePosition at, AgreementStatus status) =>
        DiagnosticFactory.Create(C.NewFileStatus, file, at,
            $"a new agreement starts at `proposed` or `drafting`, not `{Name(status)}`; set `status: drafting` (to import an agreement signed before the framework, mark it `framework: legacy`)");

    /// <summary>DULA072: <paramref name="changes"/> are the parts that changed.</summary>
    [DiagnosticFactory(C.ExecutedChanged)]
    public static Diagnostic ExecutedChanged(string file, SourcePosition at, string id, IEnumerable<string> changes) =>
        DiagnosticFactory.Create(C.ExecutedChanged, file, at,
            $"{id} is executed and cannot change (changed: {string.Join(", ", changes)}); only its `status` may move to `expired`, `terminated` or `superseded`, with `ended` and `superseded_by`; create an amendment with `registry amend {id}`");

    /// <summary>DULA073: an ended agreement (<paramref name="status"/>) changed; <paramref name="revision"/> is the base to restore it from.</summary>
    [DiagnosticFactory(C.EndedChanged)]
    public static Diagnostic EndedChanged(string file, SourcePosition at, string id, AgreementStatus status, IEnumerable<string> changes, string revision) =>
        DiagnosticFactory.Create(C.EndedChanged, file, at,
            $"{id} is already `{Name(status)}` and cannot change (changed: {string.Join(", ", changes)}); restore it (git checkout {revision} -- {file}) and start a new agreement for new work (`registry new`)");

    /// <summary>DULA074: an agreement file of the base that is gone, deleted or (<paramref name="renamedTo"/>) renamed.</summary>
    [DiagnosticFactory(C.FileDeletedOrRenamed)]
    public static Diagnostic AgreementGone(string file, string id, string? renamedTo, string revision) =>
        DiagnosticFactory.Create(C.FileDeletedOrRenamed, file, SourcePosition.Start,
            $"`{file}` ({id}) {(renamedTo is null ? "was deleted" : $"was renamed to `{renamedTo}`")}, but agreement files are never deleted or renamed; restore it (git checkout {revision} -- {file}) and end the agreement through its `status` instead (`withdrawn` before execution, `terminated` after)");

    /// <summary>DULA074: at the new name of a renamed agreement file.</summary>
    [DiagnosticFactory(C.FileDeletedOrRenamed)]
    public static Diagnostic AgreementRenamed(string file, SourcePosition at, string renamedFrom) =>
        DiagnosticFactory.Create(C.FileDeletedOrRenamed, file, at,
            $"`{file}` is `{renamedFrom}` renamed, but agreement files are never renamed; move it back to `{renamedFrom}`");

    /// <summary>DULA075: <paramref name="owner"/> is the base's file with that id.</summary>
    [DiagnosticFactory(C.IdReused)]
    public static Diagnostic IdReused(string file, SourcePosition at, string id, string owner) =>
        DiagnosticFactory.Create(C.IdReused, file, at,
            $"the id {id} is already used by `{owner}`, and an id is never reused; give this agreement a new id (`registry new` allocates the next one)");

    /// <summary>DULA076: <paramref name="amends"/> names an agreement whose status is <paramref name="status"/>, not executed.</summary>
    [DiagnosticFactory(C.AmendsNotExecuted)]
    public static Diagnostic AmendsNotExecuted(string file, SourcePosition at, string amends, AgreementStatus status)
    {
        var advice = Lifecycle.WasExecuted(status) || status == AgreementStatus.Withdrawn
            ? $"an agreement that has ended cannot be amended; renew it instead (`registry renew {amends}`)"
            : $"before execution, change {amends} itself instead of amending it";
        return DiagnosticFactory.Create(C.AmendsNotExecuted, file, at,
            $"`amends` names {amends}, which is `{Name(status)}`, but only an executed agreement can be amended; {advice}");
    }
}
