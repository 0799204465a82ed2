namespace DulaRegistry.Intake;

/// <summary>How an intake run ended.</summary>
public enum IntakeResult
{
    /// <summary>A branch, a draft pull request and a comment on the issue were made.</summary>
    Created,
    /// <summary>An earlier run already made the draft for this issue; nothing new was made.</summary>
    AlreadyDone,
    /// <summary>The issue is closed or not labelled <c>viable</c>; nothing was made.</summary>
    NotViable,
    /// <summary>The request's answers cannot make a draft (an unknown agency, a missing answer); the issue got a comment saying why.</summary>
    RequestProblem,
    /// <summary>The draft made from the template would not validate; nothing was made on GitHub.</summary>
    DraftInvalid,
}

/// <summary>The result and the lines to print (plain text, one finding a line).</summary>
public sealed record IntakeOutcome(IntakeResult Result, IReadOnlyList<string> Lines, string? PullRequestUrl = null);
