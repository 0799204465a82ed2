using System.Globalization;
using DulaRegistry.History;
using DulaRegistry.Model;

namespace DulaRegistry.Site.ViewModels;

/// <summary>An agreement's status changes from Git as entries in plain words: "Proposed on 3 March 2026".</summary>
public static class Timelines
{
    public static IReadOnlyList<StatusChangeView> Of(AgreementHistory history, Func<string, string?> commitUrl) => Of(history, commitUrl, null);

    /// <summary>The entries of <paramref name="history"/>; with <paramref name="shared"/>, an entry equal to one made before is
    /// that one (thousands of agreements change status in the same few commits: one view per change, not per agreement).</summary>
    public static IReadOnlyList<StatusChangeView> Of(AgreementHistory history, Func<string, string?> commitUrl,
        System.Collections.Concurrent.ConcurrentDictionary<(StatusChange Change, bool First), StatusChangeView>? shared)
    {
        var changes = history.StatusChanges;
        if (changes.Count == 0) return [];
        var views = new StatusChangeView[changes.Count];
        for (var i = 0; i < views.Length; i++)
        {
            var key = (changes[i], i == 0);
            views[i] = shared is null ? View(key, commitUrl) : shared.GetOrAdd(key, View, commitUrl);
        }
        return views;
    }

    private static StatusChangeView View((StatusChange Change, bool First) key, Func<string, string?> commitUrl)
    {
        var c = key.Change;
        return new StatusChangeView(StatusView.Of(c.Status), c.Date, Sentence(c.Status, c.Date, key.First), c.Commit, c.Subject, commitUrl(c.Commit));
    }

    /// <summary>
    /// The change as a sentence. Steps that are events read as a verb ("Executed on ..."); the working stages read as a move
    /// ("Moved to In review on ..."), or, for the first entry, as where the agreement entered the registry.
    /// </summary>
    public static string Sentence(AgreementStatus status, DateTimeOffset date, bool first) =>
        // A registry's history has few commits and ten statuses, and thousands of changes: each sentence is made once.
        s_sentences.GetOrAdd((status, DateOnly.FromDateTime(date.DateTime), first), static key => Make(key.Status, key.Day, key.First));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(AgreementStatus Status, DateOnly Day, bool First), string> s_sentences = new();

    private static string Make(AgreementStatus status, DateOnly day, bool first)
    {
        var what = status switch
        {
            AgreementStatus.Drafting or AgreementStatus.InReview or AgreementStatus.Final =>
                first ? $"Added to the registry as {Labels.Status(status)}" : $"Moved to {Labels.Status(status)}",
            _ => Labels.Status(status), // Proposed, Submitted, Executed, Expired, Terminated, Superseded, Withdrawn
        };
        return $"{what} on {day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
    }

    /// <summary>A commit's date in words, in the commit's own time zone: "3 March 2026".</summary>
    public static string Date(DateTimeOffset date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
