using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Screening;

/// <summary>
/// Screens one person of the register, read fresh from the database, against an agreement (the
/// only one, or the first by id, when none is named) at an instant. Logged like any read.
/// </summary>
public sealed class ScreenPerson(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<ScreeningDecision>> RunAsync(Guid personId, string? agreementId, DateTimeOffset at, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
        if (person is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        agreementId ??= await db.Agreements.OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (agreementId is null)
        {
            return new NotFound("No agreement to screen against; import one first.");
        }
        var run = await new ScreenRegister(db, time).PrepareAsync(new ScreeningRequest(agreementId, at, [person.ExternalId]), viewer, cancellationToken);
        if (run.Failure is { } failure)
        {
            return failure;
        }
        return run.Value!.Screen(person.Id, person.Facts);
    }
}
