using System.Globalization;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation;

/// <summary>What an unmet lifecycle requirement is about; the checklist words each kind for the people who act on it.</summary>
public enum RequirementKind
{
    TermEffective,
    TermExpires,
    DulaManager,
    Signatory,
    SignatoryAuthority,
    ServiceRequest,
    SignatureNotParty,
    SignatureTwice,
    Signature,
    SignatureDate,
    SignatureName,
    ExecutedCopy,
    ExecutedCopyFormat,
    EndDate,
    SupersededBy,
}

/// <summary>
/// One requirement of a status that an agreement does not meet.
/// </summary>
/// <param name="Since">The status from which the requirement applies (<c>final</c> for signatories, even when checked for <c>executed</c>).</param>
/// <param name="Path">The front-matter path the diagnostic points at.</param>
/// <param name="Describe">Makes what the validator reports, at <paramref name="Path"/>, worded for the target status: only when
/// asked (<see cref="Diagnostic"/>). The checklist of every agreement in a site build never asks; its messages were a tenth of
/// what building the site model allocated.</param>
/// <param name="Party">The agency id of the party concerned, or null when it concerns the whole agreement (or a party without an agency).</param>
/// <param name="Detail">A name the checklist needs (the unauthorised signatory, the agency of a stray signature), or null.</param>
public sealed record UnmetRequirement(
    RequirementKind Kind, AgreementStatus Since, string Path, Func<Diagnostic> Describe, string? Party, string? Detail = null)
{
    /// <summary>What the validator reports, made once when first asked.</summary>
    public Diagnostic Diagnostic => field ??= Describe();

    /// <summary>The diagnostic code the validator reports it with.</summary>
    public string Code => Diagnostic.Code;

    /// <summary>The validator's message, worded for the target status.</summary>
    public string Message => Diagnostic.Message;
}

/// <summary>
/// The requirements of each lifecycle status as data: given an agreement, its parties' agencies and a target status, the
/// requirements it does not yet meet. The validator (<see cref="Rules.LifecycleRules"/>) reports them for the agreement's own
/// status; the "what happens next" checklist asks about the next one. One list, so the two cannot drift apart.
/// </summary>
public static class StatusRequirements
{
    /// <summary>Every requirement of <paramref name="target"/> (and of the statuses before it) that <paramref name="agreement"/> does not meet, in file order.</summary>
    /// <param name="agencies">The registry's agencies by id, to check signing authority.</param>
    /// <param name="positions">False when the diagnostics' lines and columns are not wanted (the checklist): they are then all
    /// the top of the file, and finding them never reads the file again.</param>
    public static IReadOnlyList<UnmetRequirement> Unmet(
        RegistryDocument<Agreement> agreement, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies, AgreementStatus target,
        bool positions = true)
    {
        var unmet = new List<UnmetRequirement>();
        var m = agreement.Model;
        var map = agreement.Map;
        var where = positions ? map : SourceMap.Unplaced;
        var file = agreement.Path;

        if (Lifecycle.AtLeast(target, AgreementStatus.Final))
        {
            // Point at `term` when it is there, else at `status`, the reason the dates are needed. Only looked up when reported:
            // a file from the build cache reads its front matter again for a position.
            string TermAt() => where.Contains("term") ? "term" : "status";
            if (m.Term?.Effective is null && !map.IsInvalid("term.effective") && !map.IsInvalid("term"))
            {
                var termAt = TermAt();
                unmet.Add(new(RequirementKind.TermEffective, AgreementStatus.Final, termAt,
                    () => LifecycleDiagnostics.NeedsTermEffective(file, where[termAt], target), null));
            }
            if (m.Term?.Expires is null && !map.IsInvalid("term.expires") && !map.IsInvalid("term"))
            {
                var termAt = TermAt();
                unmet.Add(new(RequirementKind.TermExpires, AgreementStatus.Final, termAt,
                    () => LifecycleDiagnostics.NeedsTermExpires(file, where[termAt], target), null));
            }
            for (var i = 0; i < m.Parties.Count; i++)
            {
                var party = m.Parties[i];
                var path = ItemPaths.Party(i);
                var who = party.Agency ?? $"party {i + 1}";
                if (string.IsNullOrWhiteSpace(party.DulaManager?.Name) && !map.IsInvalid(path, "dula_manager"))
                {
                    unmet.Add(new(RequirementKind.DulaManager, AgreementStatus.Final, path,
                        () => LifecycleDiagnostics.NeedsManager(file, where[path], target, who), party.Agency));
                }
                if (string.IsNullOrWhiteSpace(party.Signatory?.Name))
                {
                    if (!map.IsInvalid(path, "signatory")) // a wrong-typed signatory was already reported
                    {
                        unmet.Add(new(RequirementKind.Signatory, AgreementStatus.Final, path,
                            () => LifecycleDiagnostics.NeedsSignatory(file, where[path], target, who), party.Agency));
                    }
                }
                else if (party.Agency is { } id && agencies.TryGetValue(id, out var agency)
                    && !agency.Model.Signatories.Any(s => SameName(s.Name, party.Signatory.Name)))
                {
                    unmet.Add(new(RequirementKind.SignatoryAuthority, AgreementStatus.Final, $"{path}.signatory",
                        () => LifecycleDiagnostics.SignatoryNotAuthorized(file, where[$"{path}.signatory"], party.Signatory.Name, id),
                        id, party.Signatory.Name));
                }
            }
        }

        if (Lifecycle.AtLeast(target, AgreementStatus.Submitted) && string.IsNullOrWhiteSpace(m.ServiceRequest) && !map.IsInvalid("service_request"))
        {
            unmet.Add(new(RequirementKind.ServiceRequest, AgreementStatus.Submitted, "status",
                () => LifecycleDiagnostics.NeedsServiceRequest(file, where["status"], target), null));
        }

        if (Lifecycle.WasExecuted(target))
        {
            if (!map.IsInvalid("signatures")) AddSignatures(unmet, agreement, agencies, target, where);
            var sha = m.ExecutedCopy?.Sha256;
            if (string.IsNullOrWhiteSpace(sha))
            {
                // A wrong-typed `executed_copy` or `sha256` was already reported by the binder.
                if (!map.IsInvalid("executed_copy") && !map.IsInvalid("executed_copy.sha256"))
                {
                    var at = where.Contains("executed_copy") ? "executed_copy" : "status";
                    unmet.Add(new(RequirementKind.ExecutedCopy, AgreementStatus.Executed, at,
                        () => LifecycleDiagnostics.NeedsExecutedCopy(file, where[at], target), null));
                }
            }
            else if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
            {
                unmet.Add(new(RequirementKind.ExecutedCopyFormat, AgreementStatus.Executed, "executed_copy.sha256",
                    () => LifecycleDiagnostics.ExecutedCopyFormat(file, where["executed_copy.sha256"]), null));
            }
        }

        if (target is AgreementStatus.Terminated or AgreementStatus.Superseded && m.Ended is null && !map.IsInvalid("ended"))
        {
            unmet.Add(new(RequirementKind.EndDate, target, "status", () => LifecycleDiagnostics.NeedsEnded(file, where["status"], target), null));
        }
        if (target == AgreementStatus.Superseded && string.IsNullOrWhiteSpace(m.SupersededBy))
        {
            unmet.Add(new(RequirementKind.SupersededBy, target, "status", () => LifecycleDiagnostics.NeedsSupersededBy(file, where["status"]), null));
        }
        return unmet;
    }

    private static void AddSignatures(
        List<UnmetRequirement> unmet, RegistryDocument<Agreement> agreement, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies, AgreementStatus target,
        SourceMap where)
    {
        var m = agreement.Model;
        var parties = m.Parties.Select(p => p.Agency).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // A party that names no agency is reported on the party (DULA023); its signature, under the id it meant, is not a second
        // mistake. Nearly always every party is a known agency, and then neither set is made.
        HashSet<string>? unknown = null;
        HashSet<string>? meantByUnknown = null;
        foreach (var party in parties)
        {
            if (agencies.ContainsKey(party)) continue;
            unknown = parties.Where(p => !agencies.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
            meantByUnknown = Rules.AgencyNames.MeantByUnknownParties(m, agencies);
            break;
        }
        var signed = new HashSet<string>(StringComparer.Ordinal);
        const AgreementStatus since = AgreementStatus.Executed;
        var file = agreement.Path;
        var map = agreement.Map;
        for (var i = 0; i < m.Signatures.Count; i++)
        {
            var signature = m.Signatures[i];
            var path = ItemPaths.Signature(i);
            var number = i + 1; // the message is made later: it must not see the loop's counter move on
            if (signature.Agency is { } meant && !parties.Contains(meant) && meantByUnknown?.Contains(meant) == true) continue;
            if (string.IsNullOrWhiteSpace(signature.Agency) || !parties.Contains(signature.Agency))
            {
                unmet.Add(new(RequirementKind.SignatureNotParty, since, path,
                    () => LifecycleDiagnostics.SignatureNotParty(file, where[path], number, signature.Agency),
                    null, number.ToString(CultureInfo.InvariantCulture)));
                continue;
            }
            if (!signed.Add(signature.Agency))
            {
                unmet.Add(new(RequirementKind.SignatureTwice, since, path, () => LifecycleDiagnostics.SignedTwice(file, where[path], signature.Agency), signature.Agency));
            }
            if (signature.Date is null && !map.IsInvalid(path, "date"))
            {
                unmet.Add(new(RequirementKind.SignatureDate, since, path, () => LifecycleDiagnostics.SignatureNeedsDate(file, where[path], signature.Agency), signature.Agency));
            }
            if (string.IsNullOrWhiteSpace(signature.Name))
            {
                unmet.Add(new(RequirementKind.SignatureName, since, path, () => LifecycleDiagnostics.SignatureNeedsName(file, where[path], signature.Agency), signature.Agency));
            }
        }
        List<string>? unsigned = null;
        foreach (var party in parties)
        {
            if (!signed.Contains(party) && unknown?.Contains(party) != true) (unsigned ??= []).Add(party);
        }
        if (unsigned is null) return;
        unsigned.Sort(StringComparer.Ordinal);
        foreach (var party in unsigned)
        {
            var at = m.Signatures.Count > 0 ? "signatures" : "status";
            unmet.Add(new(RequirementKind.Signature, since, at, () => LifecycleDiagnostics.NeedsSignature(file, where[at], target, party), party));
        }
    }

    private static bool SameName(string? a, string? b) =>
        a is not null && b is not null && string.Compare(a.Trim(), b.Trim(), CultureInfo.InvariantCulture, CompareOptions.IgnoreCase) == 0;
}
