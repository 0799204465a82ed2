using DulaRegistry.Diagnostics;
using DulaRegistry.IO;
using DulaRegistry.Loading;
using DulaRegistry.Model;

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
            sink.Report(ChangeDiagnostics.AgreementGone(gone.Path, id, renamedTo?.Path, snapshot.Revision));
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
            sink.Report(ChangeDiagnostics.AgreementRenamed(agreement.Path, At(agreement, "status"), renamedFrom.Path));
        }
        else if (snapshot.Agreements.Values.FirstOrDefault(b => SharesId(b, agreement)) is { } owner)
        {
            sink.Report(ChangeDiagnostics.IdReused(agreement.Path, At(agreement, "status"), m.Id ?? agreement.Stem, owner.Path));
        }

        if (m.Status is { } status && status is not (AgreementStatus.Proposed or AgreementStatus.Drafting) && m.Framework != AgreementFramework.Legacy)
        {
            sink.Report(ChangeDiagnostics.NewFileStatus(agreement.Path, At(agreement, "status"), status));
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
                sink.Report(ChangeDiagnostics.EndedChanged(agreement.Path, At(agreement, "status"), id, from, changes, snapshot.Revision));
            }
            return;
        }

        if (StatusTransitions.Problem(from, to, id, agreement.Path, At(agreement, "status")) is { } problem)
        {
            sink.Report(problem);
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
                sink.Report(ChangeDiagnostics.ExecutedChanged(agreement.Path, At(agreement, "status"), id, changes));
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
        sink.Report(ChangeDiagnostics.AmendsNotExecuted(agreement.Path, At(agreement, "amends"), amends, status));
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

    /// <summary>At the key when the file has it, else at line 1: the file's own first line, not the front matter's start.</summary>
    private static SourcePosition At(RegistryDocument<Agreement> agreement, string key) =>
        agreement.Map.Contains(key) ? agreement.Map[key] : SourcePosition.Start;
}
