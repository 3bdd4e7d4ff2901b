using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Facilities;

/// <summary>
/// A welfare check as its recorder states it. The capacity in which they vouch is not stated here:
/// it comes from their account. <c>IdentityConfirmedBy</c>: verified-identifier, biometric-match or
/// photograph-compared.
/// </summary>
public sealed record WelfareCheckRequest(string? SeenBy, string? SeenAt, string? Condition, bool PrivateConversation, string? Notes, string? IdentityConfirmedBy = null);

/// <summary>
/// Records that someone saw a person held here: who, when, how identity was confirmed, the
/// condition, whether they spoke privately. Welfare checks are what make a detention visible (and
/// what the sending state pays against), so the capacity in which one vouches is the account's,
/// never the request's.
/// </summary>
public sealed class RecordWelfareCheck(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<WelfareCheckView>> HandleAsync(PersonId personId, WelfareCheckRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "seenBy", r.SeenBy, 200);
        if (r.IdentityConfirmedBy is not null && !WelfareCheck.IdentityMethods.Contains(r.IdentityConfirmedBy))
        {
            errors.Add(new FieldError("identityConfirmedBy", $"One of: {string.Join(", ", WelfareCheck.IdentityMethods)}."));
        }
        TransferInput.Require(errors, "condition", r.Condition, 2000);
        var seenAt = TransferInput.Past(errors, "seenAt", r.SeenAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await HeldInFacility.RunAsync<WelfareCheckView>(db, time, personId, viewer, (work, admission) =>
        {
            if (seenAt < admission.AdmittedAt)
            {
                return Task.FromResult<Result<WelfareCheckView>>(new Invalid([new FieldError("seenAt", "A welfare check in this facility is after the admission.")]));
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            // The capacity is the account's, never the request's: the payee's staff cannot vouch for its own invoice.
            work.Record(new WelfareChecked(id, personId, r.SeenBy!.Trim(), WelfareCheck.CapacityOf(viewer.Roles ?? []), seenAt!.Value, r.Condition!.Trim(),
                r.PrivateConversation, string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim(), r.IdentityConfirmedBy), viewer.Actor, seenAt);
            return Task.FromResult(Result<WelfareCheckView>.Ok(WelfareCheckView.Of(work.Store.Find<WelfareCheck>(id)!)));
        }, cancellationToken);
    }
}
