using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Corrections;

/// <summary>Every correction proposed for a person: what it corrects, from what to what, why, and who decided.</summary>
public sealed class ReadCorrections(CustodyDbContext db) : IUseCase
{
    public async Task<Result<IReadOnlyList<CorrectionView>>> ListAsync(PersonId personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        return (await db.Corrections.AsNoTracking().Where(c => c.PersonId == personId.Value).OrderBy(c => c.ProposedAt).ToListAsync(cancellationToken))
            .Select(CorrectionView.Of).ToList();
    }
}
