using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Hearings;

/// <summary>A person's hearings in date order, with counsel's presence and the outcome once held.</summary>
public sealed class ReadHearings(CustodyDbContext db) : IUseCase
{
    public async Task<Result<IReadOnlyList<HearingView>>> ListAsync(PersonId personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        return (await db.Hearings.AsNoTracking().Where(h => h.PersonId == personId.Value).OrderBy(h => h.At).ToListAsync(cancellationToken)).Select(HearingView.Of).ToList();
    }
}
