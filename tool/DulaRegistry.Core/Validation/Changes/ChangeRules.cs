using DulaRegistry.Diagnostics;
using DulaRegistry.IO;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Validation.Changes;

/// <summary>
/// The rules on how agreements may change between a base revision and the work tree (DULA070-076): status moves along the
/// lifecycle, new files start at the beginning, executed agreements are immutable but for their end, ended ones are final,
/// agreement files are never deleted or renamed, ids are never reused, and amendments amend executed agreements.
/// Each finding is reported on the file concerned, at its <c>status:</c> line (or line 1), with what to do instead.
/// </summary>
public static class ChangeRules
{
    private static readonly HashSet<string> s_statusOnly = new(StringComparer.Ordinal) { "status" };
    private static readonly HashSet<string> s_statusAndEnd = new(StringComparer.Ordinal) { "status", "ended" };
    private static readonly HashSet<string> s_statusEndAndLineage = new(StringComparer.Ordinal) { "status", "ended", "superseded_by" };
    private static readonly HashSet<string> s_nothing = new(StringComparer.Ordinal);

    public static void Check(BaseSnapshot snapshot, LoadedRegistry registry, IDiagnosticSink sink)
    {
        var current = registry.Agreements.ToDictionary(a => a.Path, StringComparer.Ordinal);
        var missing = snapshot.Agreements.Values.Where(b => !ExistsInWorkTree(registry.Root, b.Path)).ToList();

        foreach (var gone in missing)
        {
            var id = gone.Document?.Model.Id ?? Path.GetFileNameWithoutExtension(gone.Path);
            var renamedTo = registry.Agreements.FirstOrDefault(a => !snapshot.Agreements.ContainsKey(a.Path) && IsSameFile(gone, a));
            var where = renamedTo is null ? "was deleted" : $"was renamed to `{renamedTo.Path}`";
            sink.Report(new(C.FileDeletedOrRenamed, Severity.Error, gone.Path, 1, 1,
                $"`{gone.Path}` ({id}) {where}, but agreement files are never deleted or renamed; restore it (git checkout {snapshot.Revision} -- {gone.Path}) and end the agreement through its `status` instead (`withdrawn` before execution, `terminated` after)"));
        }

        foreach (var agreement in registry.Agreements)
        {
            if (snapshot.Agreements.TryGetValue(agreement.Path, out var before))
            {
                if (before.Document is not null) CheckChanged(snapshot, before, before.Document, agreement, registry, sink);
            }
            else
            {
                CheckNew(snapshot, missing, agreement, sink);
            }
            CheckAmends(snapshot, agreement, registry, sink);
        }
    }

    private static void CheckNew(BaseSnapshot snapshot, List<BaseAgreement> missing, RegistryDocument<Agreement> agreement, IDiagnosticSink sink)
    {
        var m = agreement.Model;
        if (missing.FirstOrDefault(gone => IsSameFile(gone, agreement)) is { } renamedFrom)
        {
            Report(sink, agreement, C.FileDeletedOrRenamed,
                $"`{agreement.Path}` is `{renamedFrom.Path}` renamed, but agreement files are never renamed; move it back to `{renamedFrom.Path}`");
        }
        else if (snapshot.Agreements.Values.FirstOrDefault(b => SharesId(b, agreement)) is { } owner)
        {
            Report(sink, agreement, C.IdReused,
                $"the id {m.Id ?? agreement.Stem} is already used by `{owner.Path}`, and an id is never reused; give this agreement a new id (`registry new` allocates the next one)");
        }

        if (m.Status is { } status && status is not (AgreementStatus.Proposed or AgreementStatus.Drafting) && m.Framework != AgreementFramework.Legacy)
        {
            Report(sink, agreement, C.NewFileStatus,
                $"a new agreement starts at `proposed` or `drafting`, not `{StatusTransitions.Name(status)}`; set `status: drafting` (to import an agreement signed before the framework, mark it `framework: legacy`)");
        }
    }

    private static void CheckChanged(BaseSnapshot snapshot, BaseAgreement before, RegistryDocument<Agreement> old, RegistryDocument<Agreement> agreement, LoadedRegistry registry, IDiagnosticSink sink)
    {
        if (old.Model.Status is not { } from || agreement.Model.Status is not { } to) return; // an invalid status is reported by the loader
        var id = agreement.Model.Id ?? agreement.Stem;

        if (Lifecycle.Rank(from) == Lifecycle.Rank(AgreementStatus.Expired) || from == AgreementStatus.Withdrawn)
        {
            var changes = Changes(before, old, agreement, registry, s_nothing);
            if (changes.Count > 0)
            {
                Report(sink, agreement, C.EndedChanged,
                    $"{id} is already `{StatusTransitions.Name(from)}` and cannot change (changed: {string.Join(", ", changes)}); restore it (git checkout {snapshot.Revision} -- {agreement.Path}) and start a new agreement for new work (`registry new`)");
            }
            return;
        }

        if (StatusTransitions.Problem(from, to, id) is { } problem)
        {
            Report(sink, agreement, C.StatusTransition, problem);
            if (from == AgreementStatus.Executed) return; // the status is wrong; other differences would only repeat the advice
        }

        if (from == AgreementStatus.Executed)
        {
            var ignore = to switch
            {
                AgreementStatus.Expired or AgreementStatus.Terminated => s_statusAndEnd,
                AgreementStatus.Superseded => s_statusEndAndLineage,
                _ => s_statusOnly,
            };
            var changes = Changes(before, old, agreement, registry, ignore);
            if (changes.Count > 0)
            {
                Report(sink, agreement, C.ExecutedChanged,
                    $"{id} is executed and cannot change (changed: {string.Join(", ", changes)}); only its `status` may move to `expired`, `terminated` or `superseded`, with `ended` and `superseded_by`; create an amendment with `registry amend {id}`");
            }
        }
    }

    private static void CheckAmends(BaseSnapshot snapshot, RegistryDocument<Agreement> agreement, LoadedRegistry registry, IDiagnosticSink sink)
    {
        if (agreement.Model.Amends is not { Length: > 0 } amends) return;
        // Only a new or changed `amends`: an amendment made while its agreement was executed stays valid after that ends.
        if (snapshot.Agreements.TryGetValue(agreement.Path, out var before) && before.Document?.Model.Amends == amends) return;
        if (!registry.AgreementById.TryGetValue(amends, out var target)) return; // DULA024 reports a missing agreement
        if (target.Model.Status is not { } status || status == AgreementStatus.Executed) return;
        var advice = Lifecycle.WasExecuted(status) || status == AgreementStatus.Withdrawn
            ? $"an agreement that has ended cannot be amended; renew it instead (`registry renew {amends}`)"
            : $"before execution, change {amends} itself instead of amending it";
        sink.Report(At(agreement, "amends", C.AmendsNotExecuted,
            $"`amends` names {amends}, which is `{StatusTransitions.Name(status)}`, but only an executed agreement can be amended; {advice}"));
    }

    private static List<string> Changes(BaseAgreement before, RegistryDocument<Agreement> old, RegistryDocument<Agreement> agreement, LoadedRegistry registry, IReadOnlySet<string> ignore)
    {
        var fullPath = Path.Combine(registry.Root, agreement.Path);
        var text = TextFile.Read(fullPath, agreement.Path, registry.Settings.EffectiveMaxFileBytes, DiscardSink.Instance, out _);
        var body = text is null ? null : AgreementContent.Body(text, agreement.BodyLine);
        return [.. AgreementContent.Changes(old.Model, before.Body, agreement.Model, body, ignore)];
    }

    /// <summary>A file at the base and one new in the work tree are the same agreement when the bytes or the id match.</summary>
    private static bool IsSameFile(BaseAgreement gone, RegistryDocument<Agreement> added) =>
        (gone.Sha256.Length > 0 && gone.Sha256 == added.Sha256) || SharesId(gone, added);

    private static bool SharesId(BaseAgreement existing, RegistryDocument<Agreement> added)
    {
        string?[] old = [existing.Document?.Model.Id, Path.GetFileNameWithoutExtension(existing.Path)];
        string?[] now = [added.Model.Id, added.Stem];
        // Ignoring case: `dula-2026-0001.md` beside `DULA-2026-0001.md` is the same id, and one file on Windows and macOS.
        return old.Any(o => o is { Length: > 0 } && now.Any(n => string.Equals(o, n, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool ExistsInWorkTree(string root, string path)
    {
        var full = Path.Combine(root, path);
        return RegularFile.KindOf(full) != FileKind.Missing;
    }

    private static void Report(IDiagnosticSink sink, RegistryDocument<Agreement> agreement, string code, string message) =>
        sink.Report(At(agreement, "status", code, message));

    /// <summary>At the key when the file has it, else at line 1: the file's own first line, not the front matter's start.</summary>
    private static Diagnostic At(RegistryDocument<Agreement> agreement, string key, string code, string message)
    {
        var (line, column) = agreement.Map.Contains(key) ? (agreement.Map[key].Line, agreement.Map[key].Column) : (1, 1);
        return new(code, DiagnosticCodes.Get(code).Severity, agreement.Path, line, column, message);
    }
}
