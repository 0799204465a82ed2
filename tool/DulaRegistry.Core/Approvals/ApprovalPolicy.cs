using DulaRegistry.GitHub;
using DulaRegistry.Model;
using DulaRegistry.Validation;

namespace DulaRegistry.Approvals;

/// <summary>
/// Decides, per agreement and per party, whether the pull request carries that party's legal approval: an approving
/// review on the head commit, still standing (not followed by "changes requested" or a dismissal), by one of the
/// party agency's <c>legal_reviewers</c> (a listed user, or a member of a listed team), who is not the author.
/// GitHub's own "review from Code Owners" is satisfied by any one owner; this requires every party.
/// </summary>
public static class ApprovalPolicy
{
    /// <summary>True when a change to the agreement needs every party's legal approval: its status at the head is
    /// <c>final</c> or later (executed and the three ends included, so a termination of an executed agreement does too).</summary>
    public static bool NeedsApproval(Agreement agreement) => Lifecycle.AtLeast(agreement.Status, AgreementStatus.Final);

    public static ApprovalReport Evaluate(ApprovalInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var latest = LatestReviews.ByReviewer(input.Reviews);
        var agreements = new List<AgreementApproval>();
        var skipped = new List<string>();
        foreach (var changed in input.Agreements.OrderBy(a => a.Path, StringComparer.Ordinal))
        {
            if (changed.Change == FileChange.Removed)
            {
                skipped.Add($"{changed.Path}: removed (the validate workflow's change rules decide whether that is allowed)");
                continue;
            }
            if (changed.Agreement is null)
            {
                agreements.Add(new AgreementApproval(changed.Path, null, null, [],
                    $"{changed.Path} could not be read, so its status and parties are unknown; run `registry validate` and fix it"));
                continue;
            }
            if (!NeedsApproval(changed.Agreement))
            {
                var status = changed.Agreement.Status is { } s ? Loading.FrontMatterBinder.EnumName(s) : "no status";
                skipped.Add($"{changed.Path}: {status}, before final, so no legal approval is needed yet");
                continue;
            }
            agreements.Add(EvaluateAgreement(changed, input, latest));
        }
        return new ApprovalReport(input.HeadSha, agreements, skipped);
    }

    private static AgreementApproval EvaluateAgreement(ChangedAgreement changed, ApprovalInput input, IReadOnlyDictionary<string, ReviewInfo> latest)
    {
        var agreement = changed.Agreement!;
        var parties = agreement.Parties.Select(p => p.Agency).OfType<string>().Where(a => a.Length > 0)
            .Concat(changed.BaseParties ?? [])
            .Distinct(StringComparer.Ordinal).ToList();
        if (parties.Count == 0)
        {
            return new AgreementApproval(changed.Path, agreement.Id, agreement.Status, [],
                $"{changed.Path} names no party agency, so no party can approve it; list its parties");
        }
        return new AgreementApproval(changed.Path, agreement.Id, agreement.Status,
            parties.Select(agency => EvaluateParty(agency, input, latest)).ToList());
    }

    private static PartyApproval EvaluateParty(string agencyId, ApprovalInput input, IReadOnlyDictionary<string, ReviewInfo> latest)
    {
        if (!input.Agencies.TryGetValue(agencyId, out var agency))
        {
            return new PartyApproval(agencyId, agencyId, [], [],
                [$"agency '{agencyId}' is not in the registry's agencies/, so nobody can approve for it"]);
        }
        if (agency.Reviewers.Count == 0)
        {
            return new PartyApproval(agencyId, agency.Label, [], [],
                [$"{agency.Label} lists no legal_reviewers; add them to agencies/{agencyId}.md"]);
        }

        var approvedBy = new List<string>();
        var notes = new List<string>();
        foreach (var (login, review) in latest.OrderBy(x => x.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!IsReviewerFor(login, agency, input.TeamMembers)) continue;
            var author = input.Author is not null && login.Equals(input.Author, StringComparison.OrdinalIgnoreCase);
            switch (review.State)
            {
                case ReviewState.Approved when author:
                    notes.Add($"@{login} approved, but is the pull request's author and cannot approve for a party");
                    break;
                case ReviewState.Approved when !string.Equals(review.CommitSha, input.HeadSha, StringComparison.OrdinalIgnoreCase):
                    notes.Add($"@{login} approved an earlier commit ({Short(review.CommitSha)}), not the head ({Short(input.HeadSha)}); ask for a new approval");
                    break;
                case ReviewState.Approved:
                    approvedBy.Add(login);
                    break;
                case ReviewState.ChangesRequested:
                    notes.Add($"@{login} requested changes");
                    break;
                case ReviewState.Dismissed:
                    notes.Add($"@{login}'s review was dismissed");
                    break;
                default:
                    break;
            }
        }
        return new PartyApproval(agencyId, agency.Label, approvedBy, approvedBy.Count > 0 ? [] : agency.Reviewers, notes);
    }

    /// <summary>True when <paramref name="login"/> is listed as <c>@login</c> or belongs to a listed <c>@org/team</c>.</summary>
    public static bool IsReviewerFor(string login, AgencyReviewers agency, IReadOnlyDictionary<string, IReadOnlyList<string>> teamMembers)
    {
        foreach (var entry in agency.Reviewers)
        {
            var name = entry.TrimStart('@');
            if (name.Contains('/', StringComparison.Ordinal))
            {
                if (teamMembers.TryGetValue(name, out var members) && members.Contains(login, StringComparer.OrdinalIgnoreCase)) return true;
            }
            else if (name.Equals(login, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The teams (<c>org/team</c>) listed by the agencies that must approve, whose members must be read.</summary>
    public static IReadOnlyList<string> TeamsToRead(IEnumerable<ChangedAgreement> agreements, IReadOnlyDictionary<string, AgencyReviewers> agencies) =>
        agreements.Where(a => a.Change != FileChange.Removed && a.Agreement is { } m && NeedsApproval(m))
            .SelectMany(a => a.Agreement!.Parties.Select(p => p.Agency).OfType<string>().Concat(a.BaseParties ?? []))
            .Distinct(StringComparer.Ordinal)
            .SelectMany(id => agencies.TryGetValue(id, out var agency) ? agency.Reviewers : [])
            .Select(r => r.TrimStart('@'))
            .Where(r => r.Contains('/', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static string Short(string? sha) => sha is null ? "unknown" : sha.Length > 7 ? sha[..7] : sha;
}
