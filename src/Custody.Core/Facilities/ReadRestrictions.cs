using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>
/// The restrictions' reads: every restriction on a person (ground, authority, review date, lapsed
/// when past it and not lifted), and those in force past their review date, for inspectors and
/// courts to act on.
/// </summary>
public sealed class ReadRestrictions(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<IReadOnlyList<RestrictionView>>> ListAsync(PersonId personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var today = RestrictionChange.Today(time);
        return (await db.InformationRestrictions.AsNoTracking().Where(r => r.PersonId == personId.Value).OrderBy(r => r.RecordedAt).ToListAsync(cancellationToken))
            .Select(r => RestrictionView.Of(r, today)).ToList();
    }

    /// <summary>Restrictions in force past their review date, oldest review first: for inspectors and courts.</summary>
    public async Task<IReadOnlyList<RestrictionView>> LapsedAsync(CancellationToken cancellationToken = default)
    {
        var today = RestrictionChange.Today(time);
        return (await db.InformationRestrictions.AsNoTracking().Where(r => r.LiftedAt == null && r.ReviewBy != null && r.ReviewBy < today)
            .OrderBy(r => r.ReviewBy).ToListAsync(cancellationToken)).Select(r => RestrictionView.Of(r, today)).ToList();
    }
}
