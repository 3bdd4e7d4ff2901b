using Microsoft.AspNetCore.Authorization;

namespace Custody.Web.Auth;

/// <summary>
/// One named policy per kind of access. Every endpoint and page names one (or allows anonymous
/// access explicitly); a test enumerates the endpoints to keep it so.
/// </summary>
public static class Policies
{
    /// <summary>Personal data of people in the register. Counsel see only their own clients (filtered in the query).</summary>
    public const string ReadPeople = "people.read";

    /// <summary>Import case bundles: the officers who register people and their legal facts.</summary>
    public const string ImportPeople = "people.import";

    /// <summary>Read agreements: every signed-in role.</summary>
    public const string ReadAgreements = "agreements.read";

    /// <summary>Import agreement definitions and versions.</summary>
    public const string ImportAgreements = "agreements.import";

    /// <summary>Reach the import page or endpoint at all (the file's format then picks one of the two import policies).</summary>
    public const string Import = "imports";

    /// <summary>Screen the whole register: the sending side's officers, courts, inspectors and auditors.</summary>
    public const string ScreenRegister = "screening.register";

    /// <summary>Report a court order naming a person: counsel (for their clients), courts, the sending side's case officers and legal reviewers.</summary>
    public const string EnterCourtOrders = "court-orders.enter";

    /// <summary>Verify or lift a court order, or enter one as already verified: courts and legal reviewers.</summary>
    public const string DecideCourtOrders = "court-orders.decide";

    /// <summary>Record legal facts between bundles (fear claims, notices, protections, proceedings): counsel (for their clients), case officers, legal reviewers, courts.</summary>
    public const string RecordFacts = "facts.record";

    /// <summary>Decide recorded facts and schedule fear interviews: legal reviewers and courts.</summary>
    public const string DecideFacts = "facts.decide";

    /// <summary>Add evidence to gang designations and review them: case officers and legal reviewers.</summary>
    public const string ReviewDesignations = "designations.review";

    /// <summary>Verify the ledger and read its head: auditors and courts.</summary>
    public const string VerifyLedger = "ledger.verify";

    /// <summary>Download a person's evidence bundle (their ledger entries with proofs): courts.</summary>
    public const string DownloadEvidence = "evidence.download";

    /// <summary>Propose and decide corrections of custody records and register fields: the officers of either side (the command checks the side).</summary>
    public const string CorrectRecords = "records.correct";

    /// <summary>Order a person's whereabouts declared or the person produced: courts.</summary>
    public const string OrderProduction = "production.order";

    /// <summary>Answer a production request: the custodians of either side.</summary>
    public const string DeclareWhereabouts = "production.declare";

    /// <summary>See production requests and declarations: courts, custodians, oversight.</summary>
    public const string ReadProduction = "production.read";

    /// <summary>Register facilities and correct their details: transfer supervisors and facility directors.</summary>
    public const string ManageFacilities = "facilities.manage";

    /// <summary>See manifests, their people and reconciliation: the officers who move people, both sides, and those who oversee them.</summary>
    public const string ReadManifests = "manifests.read";

    /// <summary>Create, fill, lock and unlock manifests, approve substitutions, re-screen and record departure: transfer supervisors.</summary>
    public const string BuildManifests = "manifests.build";

    /// <summary>Record boarding and disembarkation, arrival, and the sending side's hand-over acknowledgement: escort officers and transfer supervisors.</summary>
    public const string EscortManifests = "manifests.escort";

    /// <summary>The first hand-over acknowledgement: the state handing over (escorts and supervisors on a transfer; reception, directors and escorts on a return).</summary>
    public const string DispatchPeople = "manifests.dispatch";

    /// <summary>The second hand-over acknowledgement: the state taking the person (reception officers on a transfer; supervisors and escorts on a return).</summary>
    public const string ReceivePeople = "manifests.receive";

    /// <summary>Record that a movement arrived: either side's officers at the arrival point.</summary>
    public const string ArriveManifests = "manifests.arrive";

    /// <summary>Record discrepancies and incidents in transit: escorts, supervisors, reception officers and facility directors.</summary>
    public const string RecordIncidents = "incidents.record";

    /// <summary>Read the notification outbox: those who answer for notices being sent, and oversight.</summary>
    public const string ReadNotifications = "notifications.read";

    /// <summary>Read a facility's register, occupancy and lists: its staff, oversight, courts, and the sending side's officers (people are held on its behalf).</summary>
    public const string ReadRegister = "register.read";

    /// <summary>Admit, assign cells, move and release: reception officers and facility directors.</summary>
    public const string KeepRegister = "register.keep";

    /// <summary>Record welfare checks and ask for visits: inspectors and monitors, counsel (their clients), the sending state's legal reviewers, facility directors (medical).</summary>
    public const string RecordWelfare = "welfare.record";

    /// <summary>Grant or deny visits and restrict information (with its legal ground): facility directors; courts may restrict too.</summary>
    public const string DecideAccess = "access.decide";

    /// <summary>Ask a court to review an information restriction: counsel (their clients) and the sending state's legal reviewers.</summary>
    public const string RequestRestrictionReview = "restrictions.request-review";

    /// <summary>List relatives' information requests: the custodian's staff, inspectors and courts.</summary>
    public const string ReadInformationRequests = "information-requests.read";

    /// <summary>File a request or complaint for a person held: the facility's staff (for the person or a relative), counsel (their clients), inspectors, the sending state's legal reviewers.</summary>
    public const string FileComplaints = "complaints.file";

    /// <summary>Record hearings and their outcomes: courts, the sending state's legal reviewers, and the facility's staff who bring the person.</summary>
    public const string RecordHearings = "hearings.record";

    /// <summary>Record inspections: inspectors and monitors.</summary>
    public const string Inspect = "inspections.record";

    /// <summary>Read invoices, drafts and holds: finance officers of both sides, auditors and courts.</summary>
    public const string ReadFinance = "finance.read";

    /// <summary>Issue invoices: finance officers.</summary>
    public const string IssueInvoices = "finance.issue";

    /// <summary>Pay invoices, raise disputes and accept or reject the answers: the sending state's finance officers.</summary>
    public const string PayInvoices = "finance.pay";

    /// <summary>Settle a dispute the two sides did not settle: courts.</summary>
    public const string DecideDisputes = "finance.decide-disputes";

    /// <summary>Place and lift payment holds: finance officers and courts (an unanswered production or locate request).</summary>
    public const string HoldPayments = "finance.hold";

    /// <summary>Administer accounts: create, disable, enable, reset sign-in, grant, revoke and approve roles. Administrators only, who see no personal data.</summary>
    public const string AdministerAccounts = "accounts.administer";

    /// <summary>Change accounts (every account command, not the lists): administrators who signed in within the last 15 minutes (<see cref="RecentSignInRequirement"/>).</summary>
    public const string ChangeAccounts = "accounts.change";

    /// <summary>Any signed-in user (their own account, the home page).</summary>
    public const string SignedIn = "signed-in";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(ReadPeople, p => p.RequireRole(Roles.CaseOfficer, Roles.LegalReviewer, Roles.TransferSupervisor, Roles.EscortOfficer,
            Roles.ReceptionOfficer, Roles.FacilityDirector, Roles.Inspector, Roles.CourtUser, Roles.Counsel, Roles.Auditor));
        options.AddPolicy(ImportPeople, p => p.RequireRole(Roles.CaseOfficer, Roles.LegalReviewer));
        options.AddPolicy(ImportAgreements, p => p.RequireRole(Roles.LegalReviewer, Roles.TransferSupervisor));
        options.AddPolicy(Import, p => p.RequireRole(Roles.CaseOfficer, Roles.LegalReviewer, Roles.TransferSupervisor));
        options.AddPolicy(ReadAgreements, p => p.RequireRole(Roles.All.ToArray()));
        options.AddPolicy(ScreenRegister, p => p.RequireRole(Roles.CaseOfficer, Roles.LegalReviewer, Roles.TransferSupervisor,
            Roles.CourtUser, Roles.Inspector, Roles.Auditor));
        options.AddPolicy(EnterCourtOrders, p => p.RequireRole(Roles.Counsel, Roles.CourtUser, Roles.LegalReviewer, Roles.CaseOfficer));
        options.AddPolicy(DecideCourtOrders, p => p.RequireRole(Roles.CourtUser, Roles.LegalReviewer));
        options.AddPolicy(RecordFacts, p => p.RequireRole(Roles.Counsel, Roles.CaseOfficer, Roles.LegalReviewer, Roles.CourtUser));
        options.AddPolicy(DecideFacts, p => p.RequireRole(Roles.LegalReviewer, Roles.CourtUser));
        options.AddPolicy(ReviewDesignations, p => p.RequireRole(Roles.CaseOfficer, Roles.LegalReviewer));
        options.AddPolicy(VerifyLedger, p => p.RequireRole(Roles.Auditor, Roles.CourtUser));
        options.AddPolicy(DownloadEvidence, p => p.RequireRole(Roles.CourtUser));
        options.AddPolicy(OrderProduction, p => p.RequireRole(Roles.CourtUser));
        options.AddPolicy(CorrectRecords, p => p.RequireRole(Roles.CaseOfficer, Roles.LegalReviewer, Roles.TransferSupervisor, Roles.ReceptionOfficer, Roles.FacilityDirector));
        options.AddPolicy(DeclareWhereabouts, p => p.RequireRole(Roles.FacilityDirector, Roles.ReceptionOfficer, Roles.TransferSupervisor, Roles.CaseOfficer));
        options.AddPolicy(ReadProduction, p => p.RequireRole(Roles.CourtUser, Roles.FacilityDirector, Roles.ReceptionOfficer, Roles.TransferSupervisor,
            Roles.CaseOfficer, Roles.LegalReviewer, Roles.Inspector, Roles.Auditor));
        options.AddPolicy(ManageFacilities, p => p.RequireRole(Roles.TransferSupervisor, Roles.FacilityDirector));
        options.AddPolicy(ReadManifests, p => p.RequireRole(Roles.TransferSupervisor, Roles.EscortOfficer, Roles.ReceptionOfficer, Roles.FacilityDirector,
            Roles.CaseOfficer, Roles.LegalReviewer, Roles.Inspector, Roles.CourtUser, Roles.Auditor));
        options.AddPolicy(BuildManifests, p => p.RequireRole(Roles.TransferSupervisor));
        options.AddPolicy(EscortManifests, p => p.RequireRole(Roles.EscortOfficer, Roles.TransferSupervisor));
        // Which of these may act on a given movement depends on its direction: the command decides (HandOverSides).
        options.AddPolicy(DispatchPeople, p => p.RequireRole(Transfers.HandOverSides.AllDispatchers));
        options.AddPolicy(ReceivePeople, p => p.RequireRole(Transfers.HandOverSides.AllReceivers));
        options.AddPolicy(ArriveManifests, p => p.RequireRole(Roles.EscortOfficer, Roles.TransferSupervisor, Roles.ReceptionOfficer));
        options.AddPolicy(RecordIncidents, p => p.RequireRole(Roles.EscortOfficer, Roles.TransferSupervisor, Roles.ReceptionOfficer, Roles.FacilityDirector));
        options.AddPolicy(ReadNotifications, p => p.RequireRole(Roles.FacilityDirector, Roles.TransferSupervisor, Roles.LegalReviewer, Roles.Inspector, Roles.Auditor));
        options.AddPolicy(ReadRegister, p => p.RequireRole(Roles.ReceptionOfficer, Roles.FacilityDirector, Roles.Inspector, Roles.CourtUser, Roles.Auditor,
            Roles.TransferSupervisor, Roles.LegalReviewer, Roles.CaseOfficer));
        options.AddPolicy(KeepRegister, p => p.RequireRole(Roles.ReceptionOfficer, Roles.FacilityDirector));
        options.AddPolicy(RecordWelfare, p => p.RequireRole(Roles.Inspector, Roles.Counsel, Roles.LegalReviewer, Roles.FacilityDirector));
        options.AddPolicy(DecideAccess, p => p.RequireRole(Roles.FacilityDirector, Roles.CourtUser));
        options.AddPolicy(Inspect, p => p.RequireRole(Roles.Inspector));
        options.AddPolicy(RecordHearings, p => p.RequireRole(Roles.CourtUser, Roles.LegalReviewer, Roles.ReceptionOfficer, Roles.FacilityDirector));
        options.AddPolicy(FileComplaints, p => p.RequireRole(Roles.ReceptionOfficer, Roles.FacilityDirector, Roles.Counsel, Roles.Inspector, Roles.LegalReviewer));
        options.AddPolicy(ReadInformationRequests, p => p.RequireRole(Roles.ReceptionOfficer, Roles.FacilityDirector, Roles.Inspector, Roles.CourtUser, Roles.Auditor));
        options.AddPolicy(RequestRestrictionReview, p => p.RequireRole(Roles.Counsel, Roles.LegalReviewer));
        options.AddPolicy(ReadFinance, p => p.RequireRole(Roles.SendingFinanceOfficer, Roles.ReceivingFinanceOfficer, Roles.Auditor, Roles.CourtUser));
        options.AddPolicy(IssueInvoices, p => p.RequireRole(Roles.ReceivingFinanceOfficer));
        options.AddPolicy(PayInvoices, p => p.RequireRole(Roles.SendingFinanceOfficer));
        options.AddPolicy(DecideDisputes, p => p.RequireRole(Roles.CourtUser));
        options.AddPolicy(HoldPayments, p => p.RequireRole(Roles.SendingFinanceOfficer, Roles.CourtUser));
        options.AddPolicy(AdministerAccounts, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ChangeAccounts, p => p.RequireRole(Roles.Administrator).AddRequirements(new RecentSignInRequirement(RecentSignInRequirement.Window15Minutes)));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        // Defence in depth: anything that slips past the endpoint test still needs a signed-in user.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}
