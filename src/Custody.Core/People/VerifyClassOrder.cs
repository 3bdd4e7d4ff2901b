using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.People;

/// <summary>
/// Confirms an imported class order against the court's record (courts, legal reviewers): from
/// then on no import changes, narrows or lifts it, since the sending state's copy is not the court's.
/// </summary>
public sealed class VerifyClassOrder(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ClassOrderView>> HandleAsync(string id, Viewer viewer, CancellationToken cancellationToken = default) =>
        ClassOrderChanges.RunAsync(db, time, id, viewer, ClassOrderRules.Verify, cancellationToken);
}
