using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>Who is held pending return: return-required on an arrived transfer under the agreement (put on a return, and closed when handed back).</summary>
internal static class PendingReturn
{
    /// <summary>The arrived transfer on which the person is held pending return under this agreement, if any.</summary>
    public static async Task<ManifestPerson?> FindAsync(CustodyDbContext db, PersonId person, string agreementId, CancellationToken cancellationToken) =>
        await (from p in db.ManifestPeople
               join m in db.Manifests on p.ManifestId equals m.Id
               where p.PersonId == person.Value && m.AgreementId == agreementId && m.Direction == ManifestDirections.Transfer && m.Status == ManifestStatuses.Arrived
                   && p.Alert == ManifestAlerts.ReturnRequired
               select p).FirstOrDefaultAsync(cancellationToken);
}
