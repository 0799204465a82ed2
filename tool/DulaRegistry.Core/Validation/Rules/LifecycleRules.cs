using System.Globalization;
using DulaRegistry.Diagnostics;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>What each lifecycle stage requires: managers and signatories from <c>final</c>, the service request from
/// <c>submitted</c>, signatures and the executed copy from <c>executed</c>, end dates for ended agreements.</summary>
public sealed class LifecycleRules : IRule
{
    public void Check(RuleContext context)
    {
        foreach (var agreement in context.Registry.Agreements)
        {
            var m = agreement.Model;
            if (m.Status is not { } status) continue;
            var stage = FrontMatterName(status);

            if (Lifecycle.AtLeast(status, AgreementStatus.Final))
            {
                // Point at `term` when it is there, else at `status`, the reason the dates are needed.
                var termAt = agreement.Map.Contains("term") ? "term" : "status";
                if (m.Term?.Effective is null && !agreement.Map.IsInvalid("term.effective") && !agreement.Map.IsInvalid("term"))
                {
                    context.Report(agreement, DiagnosticCodes.NeedsTerm, termAt, $"{Article(stage)} `{stage}` agreement needs `term.effective` (YYYY-MM-DD)");
                }
                if (m.Term?.Expires is null && !agreement.Map.IsInvalid("term.expires") && !agreement.Map.IsInvalid("term"))
                {
                    context.Report(agreement, DiagnosticCodes.NeedsTerm, termAt, $"{Article(stage)} `{stage}` agreement needs `term.expires` (YYYY-MM-DD)");
                }
                for (var i = 0; i < m.Parties.Count; i++)
                {
                    var party = m.Parties[i];
                    var path = $"parties[{i}]";
                    var who = party.Agency ?? $"party {i + 1}";
                    if (string.IsNullOrWhiteSpace(party.DulaManager?.Name) && !agreement.Map.IsInvalid($"{path}.dula_manager"))
                    {
                        context.Report(agreement, DiagnosticCodes.NeedsManagerAndSignatory, path,
                            $"{Article(stage)} `{stage}` agreement needs a DULA manager for `{who}`: add `dula_manager: {{ name: ..., title: ..., email: ... }}`");
                    }
                    if (string.IsNullOrWhiteSpace(party.Signatory?.Name))
                    {
                        if (!agreement.Map.IsInvalid($"{path}.signatory")) // a wrong-typed signatory was already reported
                        {
                            context.Report(agreement, DiagnosticCodes.NeedsManagerAndSignatory, path,
                                $"{Article(stage)} `{stage}` agreement needs a signatory for `{who}`: add `signatory: {{ name: ..., title: ... }}`");
                        }
                    }
                    else if (party.Agency is { } id && context.Registry.AgencyById.TryGetValue(id, out var agency)
                        && !agency.Model.Signatories.Any(s => SameName(s.Name, party.Signatory.Name)))
                    {
                        context.Report(agreement, DiagnosticCodes.SignatoryNotAuthorized, $"{path}.signatory",
                            $"`{party.Signatory.Name}` is not listed under `signatories` in `agencies/{id}.md`; only people with signing authority for `{id}` may sign (ask its Data Sharing Coordinator to add them)");
                    }
                }
            }

            if (Lifecycle.AtLeast(status, AgreementStatus.Submitted) && string.IsNullOrWhiteSpace(m.ServiceRequest)
                && !agreement.Map.IsInvalid("service_request"))
            {
                context.Report(agreement, DiagnosticCodes.NeedsServiceRequest, "status",
                    $"{Article(stage)} `{stage}` agreement needs `service_request`: the number of the Data Office request (such as RITM0041234)");
            }

            if (Lifecycle.WasExecuted(status))
            {
                if (!agreement.Map.IsInvalid("signatures")) CheckSignatures(context, agreement, stage);
                var sha = m.ExecutedCopy?.Sha256;
                if (string.IsNullOrWhiteSpace(sha))
                {
                    // A wrong-typed `executed_copy` or `sha256` was already reported by the binder.
                    if (!agreement.Map.IsInvalid("executed_copy") && !agreement.Map.IsInvalid("executed_copy.sha256"))
                    {
                        context.Report(agreement, DiagnosticCodes.NeedsExecutedCopy, agreement.Map.Contains("executed_copy") ? "executed_copy" : "status",
                            $"{Article(stage)} `{stage}` agreement needs `executed_copy: {{ sha256: ... }}`, the SHA-256 of the signed PDF (`sha256sum file.pdf`)");
                    }
                }
                else if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
                {
                    context.Report(agreement, DiagnosticCodes.NeedsExecutedCopy, "executed_copy.sha256",
                        "`executed_copy.sha256` must be exactly 64 hexadecimal digits (the output of `sha256sum`)");
                }
            }

            if (status is AgreementStatus.Terminated or AgreementStatus.Superseded && m.Ended is null && !agreement.Map.IsInvalid("ended"))
            {
                context.Report(agreement, DiagnosticCodes.NeedsEndDate, "status", $"{Article(stage)} `{stage}` agreement needs `ended:`, the date it ended (YYYY-MM-DD)");
            }
            if (status == AgreementStatus.Superseded && string.IsNullOrWhiteSpace(m.SupersededBy))
            {
                context.Report(agreement, DiagnosticCodes.NeedsEndDate, "status", "a `superseded` agreement needs `superseded_by:`, the id of the agreement that replaces it");
            }
        }
    }

    private static void CheckSignatures(RuleContext context, Loading.RegistryDocument<Agreement> agreement, string stage)
    {
        var m = agreement.Model;
        var parties = m.Parties.Select(p => p.Agency).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var signed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < m.Signatures.Count; i++)
        {
            var signature = m.Signatures[i];
            var path = $"signatures[{i}]";
            if (string.IsNullOrWhiteSpace(signature.Agency) || !parties.Contains(signature.Agency))
            {
                context.Report(agreement, DiagnosticCodes.NeedsSignatures, path,
                    $"signature {i + 1} is for `{signature.Agency ?? "(no agency)"}`, which is not a party; each signature names a party's agency");
                continue;
            }
            if (!signed.Add(signature.Agency))
            {
                context.Report(agreement, DiagnosticCodes.NeedsSignatures, path, $"`{signature.Agency}` has signed twice; keep one signature per party");
            }
            if (signature.Date is null && !agreement.Map.IsInvalid($"{path}.date"))
            {
                context.Report(agreement, DiagnosticCodes.NeedsSignatures, path, $"the signature of `{signature.Agency}` needs `date:` (YYYY-MM-DD)");
            }
            if (string.IsNullOrWhiteSpace(signature.Name))
            {
                context.Report(agreement, DiagnosticCodes.NeedsSignatures, path, $"the signature of `{signature.Agency}` needs the signer's `name`");
            }
        }
        foreach (var party in parties.Where(p => !signed.Contains(p)).Order(StringComparer.Ordinal))
        {
            context.Report(agreement, DiagnosticCodes.NeedsSignatures, m.Signatures.Count > 0 ? "signatures" : "status",
                $"{Article(stage)} `{stage}` agreement needs a dated signature from every party; `{party}` has none under `signatures`");
        }
    }

    private static bool SameName(string? a, string? b) =>
        a is not null && b is not null && string.Compare(a.Trim(), b.Trim(), CultureInfo.InvariantCulture, CompareOptions.IgnoreCase) == 0;

    /// <summary>"an executed", "an in-review", "a final".</summary>
    private static string Article(string stage) => stage[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";

    private static string FrontMatterName(AgreementStatus status) => Loading.FrontMatterBinder.EnumName(status);
}
