using DulaRegistry.Model;

namespace DulaRegistry.Validation;

/// <summary>The agreement lifecycle: order of stages and which requirements apply from which stage.</summary>
public static class Lifecycle
{
    /// <summary>The stage's rank; <c>withdrawn</c> is outside the order (-1).</summary>
    public static int Rank(AgreementStatus status) => status switch
    {
        AgreementStatus.Proposed => 0,
        AgreementStatus.Drafting => 1,
        AgreementStatus.InReview => 2,
        AgreementStatus.Final => 3,
        AgreementStatus.Submitted => 4,
        AgreementStatus.Executed => 5,
        AgreementStatus.Expired or AgreementStatus.Terminated or AgreementStatus.Superseded => 6,
        _ => -1,
    };

    /// <summary>The status that follows <paramref name="status"/> on the way to execution; null from <c>executed</c> on and for <c>withdrawn</c>.</summary>
    public static AgreementStatus? Next(AgreementStatus status) => status switch
    {
        AgreementStatus.Proposed => AgreementStatus.Drafting,
        AgreementStatus.Drafting => AgreementStatus.InReview,
        AgreementStatus.InReview => AgreementStatus.Final,
        AgreementStatus.Final => AgreementStatus.Submitted,
        AgreementStatus.Submitted => AgreementStatus.Executed,
        _ => null,
    };

    public static bool AtLeast(AgreementStatus? status, AgreementStatus stage) =>
        status is { } s && Rank(s) >= Rank(stage);

    /// <summary>True for statuses that were executed at some point (executed and the three ends after it).</summary>
    public static bool WasExecuted(AgreementStatus? status) => AtLeast(status, AgreementStatus.Executed);

    public static bool IsOwner(PartyRole? role) => role is PartyRole.Owner or PartyRole.Both;

    public static bool IsRecipient(PartyRole? role) => role is PartyRole.Recipient or PartyRole.Both;

    public static bool IsProtected(DataClassification? classification) =>
        classification is DataClassification.Pii or DataClassification.Protected;
}
