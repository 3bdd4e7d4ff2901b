namespace Custody.Access;

/// <summary>The roles of DOMAIN.md. Stable strings: they are stored and ledgered.</summary>
public static class Roles
{
    public const string CaseOfficer = "case-officer";
    public const string LegalReviewer = "legal-reviewer";
    public const string TransferSupervisor = "transfer-supervisor";
    public const string EscortOfficer = "escort-officer";
    public const string ReceptionOfficer = "reception-officer";
    public const string FacilityDirector = "facility-director";
    /// <summary>The paying side's finance officer: pays, places payment holds, raises disputes and accepts or rejects answers.</summary>
    public const string SendingFinanceOfficer = "sending-finance-officer";

    /// <summary>The paid side's finance officer: drafts and issues invoices, answers disputes. No user holds both.</summary>
    public const string ReceivingFinanceOfficer = "receiving-finance-officer";
    public const string Inspector = "inspector";
    public const string CourtUser = "court-user";
    public const string Counsel = "counsel";
    public const string Auditor = "auditor";

    /// <summary>Administers accounts: creates, disables and enables them, resets sign-in, grants and revokes roles. Sees no personal data.</summary>
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All =
    [
        CaseOfficer, LegalReviewer, TransferSupervisor, EscortOfficer, ReceptionOfficer, FacilityDirector,
        SendingFinanceOfficer, ReceivingFinanceOfficer, Inspector, CourtUser, Counsel, Auditor, Administrator,
    ];

    /// <summary>
    /// The roles whose grant needs a second administrator's approval: they decide on people's
    /// liberty (courts, legal review, who boards), move money, or hand out roles.
    /// </summary>
    public static readonly IReadOnlyList<string> Privileged =
    [
        CourtUser, LegalReviewer, TransferSupervisor, SendingFinanceOfficer, ReceivingFinanceOfficer, Administrator,
    ];
}
