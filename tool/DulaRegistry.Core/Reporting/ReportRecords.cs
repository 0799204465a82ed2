namespace DulaRegistry.Reporting;

/// <summary>How many agreements have one status (its front-matter name).</summary>
public sealed record StatusCountRow(string Status, int Count);

/// <summary>One agency's agreements (as a party) by status.</summary>
public sealed record AgencyPipelineRow(string Agency, string Name, int Total, IReadOnlyList<StatusCountRow> ByStatus);

/// <summary>An executed agreement and the days until it expires (negative: expired that many days ago).</summary>
public sealed record ExpiringRow(string Id, string Title, DateOnly Expires, int DaysLeft);

/// <summary>A draft and the last commit that changed its file.</summary>
public sealed record StaleDraftRow(string Id, string Title, string Status, DateOnly LastChanged, int DaysUntouched);

/// <summary>Drafts untouched for <see cref="PipelineReport.StaleDays"/> days or more; <paramref name="Available"/> is false
/// outside a Git repository, and <paramref name="Note"/> then says why (or notes a shallow clone).</summary>
public sealed record StaleDraftSection(bool Available, string? Note, IReadOnlyList<StaleDraftRow> Drafts);

/// <summary>One checklist item of one agreement.</summary>
public sealed record WaitingItem(string Id, string Title, string Text);

/// <summary>The checklist items one agency (or, for a null <paramref name="Agency"/>, the Data Office) must act on.</summary>
public sealed record WaitingGroup(string? Agency, string Name, IReadOnlyList<WaitingItem> Items);
