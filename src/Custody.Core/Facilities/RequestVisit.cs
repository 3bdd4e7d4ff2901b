using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Facilities;

public sealed record VisitRequest(string? Visitor, string? Role);

/// <summary>
/// Requests an access visit to a person held here (counsel, a relative, a monitor): recorded as
/// asked, so that a visit never granted is on the record too — a denial is decided, not ignored.
/// </summary>
public sealed class RequestVisit(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<AccessVisitView>> HandleAsync(PersonId personId, VisitRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "visitor", r.Visitor, 200);
        if (r.Role is null || !WelfareCheck.Roles.Contains(r.Role))
        {
            errors.Add(new FieldError("role", $"One of: {string.Join(", ", WelfareCheck.Roles)}."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await HeldInFacility.RunAsync<AccessVisitView>(db, time, personId, viewer, (work, _) =>
        {
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new VisitRequested(id, personId, r.Visitor!.Trim(), r.Role!), viewer.Actor);
            return Task.FromResult(Result<AccessVisitView>.Ok(AccessVisitView.Of(work.Store.Find<AccessVisit>(id)!)));
        }, cancellationToken);
    }
}
