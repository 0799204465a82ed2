using DulaRegistry.GitHub;
using DulaRegistry.Model;

namespace DulaRegistry.Approvals;

/// <summary>An agreement file a pull request changes, as read from the checkout of its head.</summary>
/// <param name="Path">Relative to the registry root, with forward slashes.</param>
/// <param name="Agreement">The file's front matter at the head; null when it could not be read.</param>
/// <param name="BaseParties">The party agencies of the file's base version (when known), so that a pull request cannot
/// drop a party to avoid that party's review.</param>
public sealed record ChangedAgreement(string Path, FileChange Change, Agreement? Agreement, IReadOnlyList<string>? BaseParties = null);

/// <summary>An agency's legal reviewers, as the policy needs them.</summary>
/// <param name="Label">How a person names the agency: its acronym, else its id.</param>
/// <param name="Reviewers">Entries of <c>legal_reviewers</c>: <c>@user</c> or <c>@org/team</c>.</param>
public sealed record AgencyReviewers(string Id, string Label, IReadOnlyList<string> Reviewers);

/// <summary>Everything the decision depends on, already fetched.</summary>
/// <param name="Author">The pull request's author, who cannot approve for a party.</param>
/// <param name="Agencies">By agency id; an agency missing here has no known reviewers.</param>
/// <param name="TeamMembers">Logins by team (<c>org/team</c>, case-insensitive), for every team the agencies list.</param>
public sealed record ApprovalInput(
    string HeadSha,
    string? Author,
    IReadOnlyList<ChangedAgreement> Agreements,
    IReadOnlyList<ReviewInfo> Reviews,
    IReadOnlyDictionary<string, AgencyReviewers> Agencies,
    IReadOnlyDictionary<string, IReadOnlyList<string>> TeamMembers);

/// <summary>One party's review of one agreement.</summary>
/// <param name="ApprovedBy">Logins whose approval counts for this party; empty when still needed.</param>
/// <param name="Ask">Whom to ask when still needed: the agency's <c>legal_reviewers</c> entries.</param>
/// <param name="Notes">Why approvals that were given do not count (stale, by the author, dismissed, …).</param>
public sealed record PartyApproval(string Agency, string Label, IReadOnlyList<string> ApprovedBy, IReadOnlyList<string> Ask, IReadOnlyList<string> Notes)
{
    public bool Approved => ApprovedBy.Count > 0;
}

/// <summary>The verdict for one changed agreement.</summary>
/// <param name="Problem">Why the requirement cannot be checked (an unreadable file); such an agreement is never satisfied.</param>
public sealed record AgreementApproval(string Path, string? Id, AgreementStatus? Status, IReadOnlyList<PartyApproval> Parties, string? Problem = null)
{
    public bool Satisfied => Problem is null && Parties.Count > 0 && Parties.All(p => p.Approved);
}

/// <summary>The verdict for a pull request.</summary>
/// <param name="Agreements">Only the agreements that need every party's legal approval.</param>
/// <param name="Skipped">Changed agreement files that need no approval, with the reason.</param>
public sealed record ApprovalReport(string HeadSha, IReadOnlyList<AgreementApproval> Agreements, IReadOnlyList<string> Skipped)
{
    public bool Satisfied => Agreements.All(a => a.Satisfied);
}
