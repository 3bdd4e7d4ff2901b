using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.InformationRequests;

/// <summary>
/// The custodian's answer (reception officer or facility director), taken from the register now:
/// the art. 18 subset, or the restriction with its ground; when the keys matched nobody, that no one
/// by that description is held. Once per request.
/// </summary>
public sealed class AnswerInformationRequest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<InformationRequestView>> HandleAsync(Guid requestId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return await UnitOfWork.RunAsync<InformationRequestView>(db, time, async work =>
        {
            if (work.Store.Find<InformationRequest>(requestId) is not { } current)
            {
                return new NotFound($"No information request {requestId}.");
            }
            if (current.Status == InformationRequest.Answered)
            {
                return new Conflict($"Request {current.Reference} was already answered.");
            }
            await Article18Answer.RecordAsync(db, time, work, current, viewer, cancellationToken);
            return InformationRequestView.Staff(current, Instants.Now(time));
        }, cancellationToken);
    }
}
