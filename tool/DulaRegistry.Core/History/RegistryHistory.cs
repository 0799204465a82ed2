using DulaRegistry.Model;

namespace DulaRegistry.History;

/// <summary>One change of an agreement's <c>status</c>: the commit on main that set it, when, and its subject.</summary>
public sealed record StatusChange(AgreementStatus Status, DateTimeOffset Date, string Commit, string Subject);

/// <summary>The last commit on main that changed an agreement's file at all.</summary>
public sealed record LastChange(DateTimeOffset Date, string Commit, string Subject);

/// <summary>What Git records about one agreement: its status changes, oldest first, and its last change.</summary>
public sealed record AgreementHistory(IReadOnlyList<StatusChange> StatusChanges, LastChange? LastChanged)
{
    public static readonly AgreementHistory None = new([], null);
}

/// <summary>
/// The history of every agreement, by id (the file's name without <c>.md</c>). <paramref name="Note"/> says, in plain words,
/// why it is empty or incomplete (no repository, a shallow clone), or is null when it is whole.
/// </summary>
public sealed record RegistryHistory(IReadOnlyDictionary<string, AgreementHistory> Agreements, string? Note = null)
{
    public static RegistryHistory Empty(string? note = null) => new(new Dictionary<string, AgreementHistory>(StringComparer.Ordinal), note);

    public AgreementHistory For(string id) => Agreements.TryGetValue(id, out var history) ? history : AgreementHistory.None;
}
