using Custody.Notifications;
using Custody.Persistence;

namespace Custody.Transfers;

/// <summary>
/// The transfer tables of the database inside a command's unit of work: rows this transaction
/// added or changed are found first (the context's local view), then the committed ones.
/// Commands load what they change before applying, so the fall-back queries are rare.
/// </summary>
public sealed class DbTransferState(CustodyDbContext db) : ITransferState
{
    public Manifest? FindManifest(Guid id) => db.Manifests.Find(id);

    public ManifestPerson? FindManifestPerson(Guid manifestId, Guid personId) => db.ManifestPeople.Find(manifestId, personId);

    public CustodyRecord? CurrentCustody(Guid personId)
    {
        var local = db.CustodyRecords.Local.FirstOrDefault(r => r.PersonId == personId && r.IsCurrent);
        if (local is not null)
        {
            return local;
        }
        // A stored current row already superseded here is tracked with IsCurrent false: not current.
        var stored = db.CustodyRecords.SingleOrDefault(r => r.PersonId == personId && r.IsCurrent);
        return stored is { IsCurrent: true } ? stored : null;
    }

    public Notification? FindNotification(Guid id) => db.Notifications.Find(id);

    public Facilities.Cell? FindCell(string id) => db.Cells.Find(id);

    public Facilities.Admission? OpenAdmission(Guid personId) =>
        Open(db.Admissions.Local.FirstOrDefault(a => a.PersonId == personId && a.EndedAt == null), () => db.Admissions.SingleOrDefault(a => a.PersonId == personId && a.EndedAt == null), a => a.EndedAt is null);

    public Facilities.CellAssignment? OpenAssignment(Guid personId) =>
        Open(db.CellAssignments.Local.FirstOrDefault(a => a.PersonId == personId && a.Until == null), () => db.CellAssignments.SingleOrDefault(a => a.PersonId == personId && a.Until == null), a => a.Until is null);

    public Facilities.AccessVisit? FindVisit(Guid id) => db.AccessVisits.Find(id);

    public Facilities.InformationRestriction? FindRestriction(Guid id) => db.InformationRestrictions.Find(id);

    public Facilities.FollowUpAction? FindAction(Guid id) => db.FollowUpActions.Find(id);

    public Billing.PaymentHold? FindHold(Guid id) => db.PaymentHolds.Find(id);

    public Billing.Dispute? FindDispute(Guid id) => db.Disputes.Find(id);

    public void Add(object row) => db.Add(row);

    // The local (changed in this transaction) row wins; a stored one still open there may have been closed here.
    private static T? Open<T>(T? local, Func<T?> stored, Func<T, bool> isOpen)
        where T : class =>
        local ?? (stored() is { } row && isOpen(row) ? row : null);
}
