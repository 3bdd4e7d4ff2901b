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

    public void Add(object row) => db.Add(row);
}
