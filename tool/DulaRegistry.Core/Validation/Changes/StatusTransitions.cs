using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Changes;

/// <summary>
/// Which status changes the lifecycle allows: one step forward (<c>executed</c> to any of its three ends), the three steps
/// back before execution, <c>withdrawn</c> from any state before <c>executed</c>, and staying the same.
/// </summary>
public static class StatusTransitions
{
    /// <summary>The forward order, for messages.</summary>
    public const string Order = "proposed → drafting → in-review → final → submitted → executed";

    public static bool IsAllowed(AgreementStatus from, AgreementStatus to)
    {
        if (from == to) return true;
        if (from == AgreementStatus.Withdrawn) return false;
        if (to == AgreementStatus.Withdrawn) return !Lifecycle.WasExecuted(from);
        if (Lifecycle.Rank(from) == Lifecycle.Rank(AgreementStatus.Expired)) return false; // the ends are final
        if (Lifecycle.Rank(to) == Lifecycle.Rank(from) + 1) return true;
        return (from, to) is (AgreementStatus.InReview, AgreementStatus.Drafting)
            or (AgreementStatus.Final, AgreementStatus.InReview)
            or (AgreementStatus.Submitted, AgreementStatus.Final);
    }

    /// <summary>Why the move is not allowed and what to do instead, in plain words, at <paramref name="at"/> of <paramref name="file"/>; null when it is allowed.</summary>
    public static Diagnostic? Problem(AgreementStatus from, AgreementStatus to, string id, string file, SourcePosition at)
    {
        if (IsAllowed(from, to)) return null;
        if (from == AgreementStatus.Executed) return ChangeDiagnostics.ExecutedStatusMove(file, at, id, to);
        return Lifecycle.Rank(to) > Lifecycle.Rank(from)
            ? ChangeDiagnostics.StatusSkipsSteps(file, at, from, to, Next(from))
            : ChangeDiagnostics.StatusMovesBack(file, at, from, to, Previous(from));
    }

    public static string Name(AgreementStatus status) => FrontMatterBinder.EnumName(status);

    private static AgreementStatus Next(AgreementStatus status) => status switch
    {
        AgreementStatus.Proposed => AgreementStatus.Drafting,
        AgreementStatus.Drafting => AgreementStatus.InReview,
        AgreementStatus.InReview => AgreementStatus.Final,
        AgreementStatus.Final => AgreementStatus.Submitted,
        _ => AgreementStatus.Executed,
    };

    private static AgreementStatus? Previous(AgreementStatus status) => status switch
    {
        AgreementStatus.InReview => AgreementStatus.Drafting,
        AgreementStatus.Final => AgreementStatus.InReview,
        AgreementStatus.Submitted => AgreementStatus.Final,
        _ => null,
    };
}
