using Custody.Access;
using Custody.Common;
using Custody.Complaints;
using Custody.Facilities;
using Custody.InformationRequests;
using Custody.Notifications;
using Custody.Persistence;
using Custody.Production;
using Custody.Screening;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.WorkQueue;

/// <summary>
/// One thing that needs someone's action: how many, the earliest deadline among them, and the page
/// where the work is done. Counts only — the people are named on that page, which logs the read.
/// </summary>
public sealed record WorkItem(string Kind, int Count, DateTime? NextDeadline, string Link);

/// <summary>What needs doing now, per role: each user's home page lists the items of the roles they hold.</summary>
public sealed class ReadWorkToDo(CustodyDbContext db, TimeProvider time, ReadRegister register, ReadInspections inspections, ReadComplaints complaints,
    ReadRestrictions restrictions, ReadProductionRequests production, ReadInformationRequests informationRequests, ReadOutbox outbox, ReadCellGrid cellGrid) : IUseCase
{
    /// <summary>The kinds of work each role is asked to do (a kind shown once however many roles ask for it).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> KindsByRole = new Dictionary<string, IReadOnlyList<string>>
    {
        [Roles.TransferSupervisor] = [WorkKinds.ManifestsToLock, WorkKinds.MustDisembark, WorkKinds.ReturnRequired],
        [Roles.EscortOfficer] = [WorkKinds.MustDisembark, WorkKinds.ReturnRequired],
        [Roles.ReceptionOfficer] = [WorkKinds.ArrivedNotReceived, WorkKinds.AwaitingAdmission],
        [Roles.LegalReviewer] = [WorkKinds.UnverifiedCourtOrders, WorkKinds.FearInterviewsDue, WorkKinds.DesignationsToReview, WorkKinds.ClassOrderConflicts, WorkKinds.CourtOrderConflicts],
        [Roles.FacilityDirector] = [WorkKinds.OverdueNotices, WorkKinds.NotSeen, WorkKinds.CellsBelowStandard, WorkKinds.AwaitingCell, WorkKinds.DispositionsDue, WorkKinds.OverdueInformationRequests, WorkKinds.OverdueComplaints],
        [Roles.Inspector] = [WorkKinds.OverdueInspectionActions, WorkKinds.OverdueComplaints, WorkKinds.LapsedRestrictions],
        [Roles.SendingFinanceOfficer] = [WorkKinds.PaymentHolds, WorkKinds.OpenDisputes],
        [Roles.ReceivingFinanceOfficer] = [WorkKinds.PaymentHolds, WorkKinds.OpenDisputes],
        [Roles.CourtUser] = [WorkKinds.OpenProductionRequests, WorkKinds.OverdueProductionRequests, WorkKinds.LapsedRestrictions],
        [Roles.CaseOfficer] = [WorkKinds.ManifestsToLock, WorkKinds.UnverifiedCourtOrders, WorkKinds.DesignationsToReview],
    };

    /// <summary>The work of every role the user holds, in the order of the first role that asks for each kind.</summary>
    public async Task<IReadOnlyList<WorkItem>> ForAsync(IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        var kinds = roles.Where(KindsByRole.ContainsKey).SelectMany(r => KindsByRole[r]).Distinct().ToList();
        var now = Instants.Now(time);
        // Read once for every kind that counts from them.
        var read = new SharedReads(
            kinds.Any(k => k is WorkKinds.NotSeen or WorkKinds.AwaitingCell or WorkKinds.DispositionsDue or WorkKinds.AwaitingAdmission or WorkKinds.CellsBelowStandard)
                ? await RegistersAsync(kinds.Contains(WorkKinds.CellsBelowStandard), cancellationToken) : [],
            kinds.Any(k => k is WorkKinds.OpenProductionRequests or WorkKinds.OverdueProductionRequests)
                ? await production.ListAsync(null, overdueOnly: false, cancellationToken) : [],
            kinds.Any(k => k is WorkKinds.FearInterviewsDue or WorkKinds.DesignationsToReview)
                ? await LegalReviewAsync(cancellationToken) : null);
        var items = new List<WorkItem>(kinds.Count);
        foreach (var kind in kinds)
        {
            items.Add(await ItemAsync(kind, read, now, cancellationToken));
        }
        return items;
    }

    private sealed record SharedReads(IReadOnlyList<FacilityWork> Facilities, IReadOnlyList<ProductionRequestView> OpenProductionRequests, LegalReview? LegalReview);

    private async Task<WorkItem> ItemAsync(string kind, SharedReads read, DateTime now, CancellationToken ct)
    {
        var facilities = read.Facilities;
        switch (kind)
        {
            case WorkKinds.ManifestsToLock:
                var drafts = await db.Manifests.AsNoTracking().Where(m => m.Status == ManifestStatuses.Draft).Select(m => m.ScheduledDeparture).ToListAsync(ct);
                return new(kind, drafts.Count, Earliest(drafts), "/Manifests");
            case WorkKinds.MustDisembark or WorkKinds.ReturnRequired:
                var alert = kind == WorkKinds.MustDisembark ? ManifestAlerts.MustDisembark : ManifestAlerts.ReturnRequired;
                var alerted = await db.ManifestPeople.AsNoTracking().Where(p => p.Alert == alert).Select(p => p.ManifestId).ToListAsync(ct);
                var manifests = alerted.Distinct().ToList();
                return new(kind, alerted.Count, null, manifests.Count == 1 ? $"/Manifests/Details/{manifests[0]}" : "/Manifests");
            case WorkKinds.ArrivedNotReceived:
                var waiting = await (from p in db.ManifestPeople.AsNoTracking()
                                     join m in db.Manifests.AsNoTracking() on p.ManifestId equals m.Id
                                     where m.Status == ManifestStatuses.Arrived && (p.Status == ManifestPersonStatuses.Boarded || p.Status == ManifestPersonStatuses.Dispatched)
                                     select p).CountAsync(ct);
                return new(kind, waiting, null, "/Manifests");
            case WorkKinds.AwaitingAdmission:
                var awaiting = facilities.Where(f => f.Register.Awaiting.Count > 0).ToList();
                return new(kind, awaiting.Sum(f => f.Register.Awaiting.Count), null, FacilityLink(awaiting));
            case WorkKinds.AwaitingCell:
                var noCell = facilities.Where(f => f.Register.Occupancy.AwaitingCell > 0).ToList();
                return new(kind, noCell.Sum(f => f.Register.Occupancy.AwaitingCell), null, FacilityLink(noCell));
            case WorkKinds.CellsBelowStandard:
                var crowded = facilities.Where(f => f.CellsBelowStandard > 0).ToList();
                return new(kind, crowded.Sum(f => f.CellsBelowStandard), null, FacilityLink(crowded));
            case WorkKinds.NotSeen:
                var notSeen = facilities.Where(f => f.NotSeen > 0).ToList();
                return new(kind, notSeen.Sum(f => f.NotSeen), null, FacilityLink(notSeen));
            case WorkKinds.DispositionsDue:
                var due = facilities.Where(f => f.DispositionsDue.Count > 0).ToList();
                return new(kind, due.Sum(f => f.DispositionsDue.Count), Earliest(due.SelectMany(f => f.DispositionsDue)), FacilityLink(due));
            case WorkKinds.OverdueInspectionActions:
                var late = new List<(string FacilityId, IReadOnlyList<FollowUpActionView> Actions)>();
                foreach (var facility in await register.FacilitiesAsync(ct))
                {
                    if (await inspections.OverdueAsync(new FacilityId(facility.Id), ct) is { Count: > 0 } actions)
                    {
                        late.Add((facility.Id, actions));
                    }
                }
                return new(kind, late.Sum(f => f.Actions.Count), Earliest(late.SelectMany(f => f.Actions).Select(a => a.Deadline.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))),
                    FacilityLink(late.Select(f => f.FacilityId).ToList(), "/Facilities/Inspections/"));
            case WorkKinds.UnverifiedCourtOrders:
                return new(kind, await db.CourtOrders.AsNoTracking().CountAsync(o => !o.Verified && o.LiftedAt == null, ct), null, "/People?fact=courtOrders");
            case WorkKinds.FearInterviewsDue:
                return new(kind, read.LegalReview!.PendingFearClaims, read.LegalReview.NextInterview, "/People?fact=fearClaims");
            case WorkKinds.DesignationsToReview:
                return new(kind, read.LegalReview!.UnvalidatedDesignations, null, "/People?fact=designations");
            case WorkKinds.ClassOrderConflicts:
                return new(kind, await db.ClassOrderConflicts.AsNoTracking().CountAsync(ct), null, "/ClassOrders");
            case WorkKinds.CourtOrderConflicts:
                return new(kind, await db.CourtOrderConflicts.AsNoTracking().CountAsync(ct), null, "/ClassOrders");
            case WorkKinds.OverdueNotices:
                var notices = await outbox.ListAsync(null, overdueOnly: true, now, ct);
                return new(kind, notices.Count, Earliest(notices.Select(n => n.DueBy)), "/Notifications?overdue=true");
            case WorkKinds.OverdueInformationRequests:
                var requests = await informationRequests.ListOpenAsync(overdueOnly: true, ct);
                return new(kind, requests.Count, Earliest(requests.Select(r => r.DueAt)), "/Requests");
            case WorkKinds.OverdueComplaints:
                var complaintsLate = await complaints.OverdueAsync(ct);
                return new(kind, complaintsLate.Count, Earliest(complaintsLate.Select(c => c.AcknowledgedAt is null ? c.AcknowledgeBy : c.AnswerBy)), "/Facilities");
            case WorkKinds.LapsedRestrictions:
                return new(kind, (await restrictions.LapsedAsync(ct)).Count, null, "/People");
            case WorkKinds.PaymentHolds:
                return new(kind, await db.PaymentHolds.AsNoTracking().CountAsync(h => h.LiftedOn == null, ct), null, "/Invoices");
            case WorkKinds.OpenDisputes:
                return new(kind, await db.Disputes.AsNoTracking().CountAsync(d => Billing.Dispute.Unsettled.Contains(d.Status), ct), null, "/Invoices");
            case WorkKinds.OpenProductionRequests:
                var waitingDeclaration = read.OpenProductionRequests.Where(r => r.Declaration is null).ToList();
                return new(kind, waitingDeclaration.Count, Earliest(waitingDeclaration.Select(r => r.Deadline)), "/Production");
            case WorkKinds.OverdueProductionRequests:
                var overdue = read.OpenProductionRequests.Where(r => r.Overdue).ToList();
                return new(kind, overdue.Count, Earliest(overdue.Select(r => r.Deadline)), "/Production");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "No query counts this kind of work.");
        }
    }

    private sealed record FacilityWork(FacilityRegisterView Register, int NotSeen, IReadOnlyList<DateTime> DispositionsDue, int CellsBelowStandard);

    /// <summary>The register of every facility, read once for every register item; its cells banded as the register's grid bands them when asked.</summary>
    private async Task<IReadOnlyList<FacilityWork>> RegistersAsync(bool bandCells, CancellationToken ct)
    {
        var list = new List<FacilityWork>();
        foreach (var facility in await register.FacilitiesAsync(ct))
        {
            if (await register.RegisterAsync(facility.Id, ct) is not { } view)
            {
                continue;
            }
            var below = 0;
            if (bandCells)
            {
                below = (await cellGrid.ForAsync(view, ct)).SelectMany(unit => unit).Count(t => t.Band == CellGrid.Below);
            }
            list.Add(new FacilityWork(view, register.NotSeen(view).Count, register.DispositionDue(view).Select(h => h.DispositionDue).ToList(), below));
        }
        return list;
    }

    private sealed record LegalReview(int PendingFearClaims, DateTime? NextInterview, int UnvalidatedDesignations);

    /// <summary>
    /// Fear claims still pending and designations not yet validated, from each person's facts as
    /// screening reads them (the bundle's with those entered in Custody merged in, a designation
    /// reviewed here superseding the bundle's). Reads only the people who have either kind.
    /// </summary>
    private async Task<LegalReview> LegalReviewAsync(CancellationToken ct)
    {
        var entered = (await db.EnteredFacts.AsNoTracking().Where(f => f.Kind == "fearClaims" || f.Kind == "designations").ToListAsync(ct)).ToLookup(f => f.PersonId);
        var withEntered = entered.Select(g => g.Key).ToList();
        var people = await db.People.AsNoTracking()
            .Where(p => p.FactKinds.Contains(" fearClaims ") || p.FactKinds.Contains(" designations ") || withEntered.Contains(p.Id))
            .Select(p => new { p.Id, p.Facts }).ToListAsync(ct);
        var (pending, designations) = (new List<FearClaim>(), 0);
        foreach (var person in people)
        {
            var facts = PersonFacts.Parse(person.Facts).WithEnteredFacts(entered[person.Id]);
            pending.AddRange(facts.FearClaims.Where(c => c.Outcome == "pending"));
            designations += facts.Designations.Count(d => !d.IsValidated);
        }
        return new(pending.Count, Earliest(pending.Select(c => c.InterviewAt is { } at ? Instants.Utc(at) : (DateTime?)null)), designations);
    }

    /// <summary>The facility's page when one facility has the work, else the list of facilities.</summary>
    private static string FacilityLink(IReadOnlyList<FacilityWork> with) => FacilityLink(with.Select(f => f.Register.Facility.Id).ToList(), "/Facilities/Register/");

    private static string FacilityLink(List<string> facilityIds, string page) =>
        facilityIds.Count == 1 ? page + Uri.EscapeDataString(facilityIds[0]) : "/Facilities";

    private static DateTime? Earliest(IEnumerable<DateTime> dates) => dates.Select(d => (DateTime?)d).Min();

    private static DateTime? Earliest(IEnumerable<DateTime?> dates) => dates.Min();
}

/// <summary>The kinds of work in the queue (the page names each in the reader's language).</summary>
public static class WorkKinds
{
    public const string ManifestsToLock = "manifests-to-lock";
    public const string MustDisembark = "must-disembark";
    public const string ReturnRequired = "return-required";
    public const string ArrivedNotReceived = "arrived-not-received";
    public const string AwaitingAdmission = "awaiting-admission";
    public const string AwaitingCell = "awaiting-cell";
    public const string UnverifiedCourtOrders = "unverified-court-orders";
    public const string ClassOrderConflicts = "class-order-conflicts";
    public const string CourtOrderConflicts = "court-order-conflicts";
    public const string OverdueNotices = "overdue-notices";
    public const string NotSeen = "not-seen";
    public const string CellsBelowStandard = "cells-below-standard";
    public const string FearInterviewsDue = "fear-interviews-due";
    public const string DesignationsToReview = "designations-to-review";
    public const string DispositionsDue = "dispositions-due";
    public const string OverdueInformationRequests = "overdue-information-requests";
    public const string OverdueComplaints = "overdue-complaints";
    public const string OverdueInspectionActions = "overdue-inspection-actions";
    public const string LapsedRestrictions = "lapsed-restrictions";
    public const string PaymentHolds = "payment-holds";
    public const string OpenDisputes = "open-disputes";
    public const string OpenProductionRequests = "open-production-requests";
    public const string OverdueProductionRequests = "overdue-production-requests";
}
