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
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        // Defence in depth: anything that slips past the endpoint test still needs a signed-in user.
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }
}
