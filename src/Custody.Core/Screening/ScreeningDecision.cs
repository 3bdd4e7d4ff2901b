namespace Custody.Screening;

/// <summary>The stable codes of DOMAIN.md; the API and CLI print them as written here.</summary>
public static class ScreeningCodes
{
    public const string Eligible = "eligible";
    public const string Blocked = "blocked";

    public const string AgreementNotInForce = "agreement-not-in-force";
    public const string Minor = "minor";
    public const string IdentityUnverified = "identity-unverified";
    public const string SendingStateCitizen = "sending-state-citizen";
    public const string CitizenshipClaimUnresolved = "citizenship-claim-unresolved";
    public const string NoFinalRemovalOrder = "no-final-removal-order";
    public const string ProtectionCoversDestination = "protection-covers-destination";
    public const string ProtectionClaimPending = "protection-claim-pending";
    public const string CourtOrderBlocksRemoval = "court-order-blocks-removal";
    public const string CourtOrderUnverified = "court-order-unverified";
    public const string ClassOrderBlocksRemoval = "class-order-blocks-removal";
    public const string ProceedingPending = "proceeding-pending";
    public const string ThirdCountryNoticeMissing = "third-country-notice-missing";
    public const string ThirdCountryNoticeDefective = "third-country-notice-defective";
    public const string ThirdCountryNoticePeriodRunning = "third-country-notice-period-running";
    public const string FearClaimPending = "fear-claim-pending";
    public const string FearClaimPositive = "fear-claim-positive";
    public const string ReopenWindowOpen = "reopen-window-open";
    public const string NoEnactedCategory = "no-enacted-category";

    public const string NoCriminalConviction = "no-criminal-conviction";
    public const string DesignationUnvalidated = "designation-unvalidated";
    public const string RepresentedByCounsel = "represented-by-counsel";

    /// <summary>Every reason, in the order of the table: decisions list theirs in this order.</summary>
    public static readonly IReadOnlyList<string> Reasons =
    [
        AgreementNotInForce, Minor, IdentityUnverified, SendingStateCitizen, CitizenshipClaimUnresolved, NoFinalRemovalOrder,
        ProtectionCoversDestination, ProtectionClaimPending, CourtOrderBlocksRemoval, CourtOrderUnverified, ClassOrderBlocksRemoval,
        ProceedingPending, ThirdCountryNoticeMissing, ThirdCountryNoticeDefective, ThirdCountryNoticePeriodRunning,
        FearClaimPending, FearClaimPositive, ReopenWindowOpen, NoEnactedCategory,
    ];

    public static readonly IReadOnlyList<string> Flags = [NoCriminalConviction, DesignationUnvalidated, RepresentedByCounsel];
}

/// <summary>
/// What fired and why: a reason code and where the fact that caused it is (a JSON Pointer into the
/// person's facts such as <c>/protections/0</c>, <c>classOrder:ID</c> for a class order, or
/// <c>agreement</c>), so that a decision can show and link the fact.
/// </summary>
public sealed record ScreeningCause(string Reason, string Fact);

/// <summary>
/// A screening decision at an instant: <c>eligible</c> when no reason fires, else <c>blocked</c>
/// with every reason in table order; flags never block. Cites the agreement version whose terms
/// were applied (the one in force, or the one whose parameters were used when none was).
/// </summary>
public sealed record ScreeningDecision(
    string Person,
    string Outcome,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ScreeningCause> Causes,
    string Agreement,
    int AgreementVersion,
    string Destination,
    DateTimeOffset At)
{
    public bool IsEligible => Outcome == ScreeningCodes.Eligible;
}
