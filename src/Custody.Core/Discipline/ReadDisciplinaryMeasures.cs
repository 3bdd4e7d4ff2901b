using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Discipline;

/// <summary>A person's disciplinary measures, in order: for the register, counsel (their clients' only) and courts.</summary>
public sealed class ReadDisciplinaryMeasures(CustodyDbContext db) : IUseCase
{
    public async Task<Result<IReadOnlyList<DisciplinaryMeasureView>>> ListAsync(PersonId personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        return (await db.DisciplinaryMeasures.AsNoTracking().Where(m => m.PersonId == personId.Value).OrderBy(m => m.StartsOn).ToListAsync(cancellationToken)).Select(DisciplinaryMeasureView.Of).ToList();
    }
}
