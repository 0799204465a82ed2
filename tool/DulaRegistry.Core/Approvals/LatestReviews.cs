using DulaRegistry.GitHub;

namespace DulaRegistry.Approvals;

/// <summary>Each reviewer's standing verdict: the latest of their reviews that approves, requests changes or was dismissed.</summary>
public static class LatestReviews
{
    /// <summary>
    /// The latest deciding review per login (case-insensitive). A comment neither approves nor cancels an approval,
    /// as on GitHub; a later "changes requested" or a dismissal cancels it. Pending (unsubmitted) reviews are ignored.
    /// </summary>
    public static IReadOnlyDictionary<string, ReviewInfo> ByReviewer(IEnumerable<ReviewInfo> reviews)
    {
        var latest = new Dictionary<string, ReviewInfo>(StringComparer.OrdinalIgnoreCase);
        var ordered = reviews
            .Where(r => r.User is { Length: > 0 } && r.State is ReviewState.Approved or ReviewState.ChangesRequested or ReviewState.Dismissed)
            .Select((review, index) => (review, index))
            // GitHub lists reviews oldest first; the time orders them when a list comes otherwise, the id breaks ties.
            .OrderBy(x => x.review.SubmittedAt ?? DateTimeOffset.MinValue).ThenBy(x => x.review.Id).ThenBy(x => x.index);
        foreach (var (review, _) in ordered) latest[review.User!] = review;
        return latest;
    }
}
