using System.Text.RegularExpressions;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>A facility as registered or corrected; every field is required because families and counsel are told them.</summary>
public sealed record RegisterFacilityRequest(string? Id, string? Name, string? State, string? Kind, string? Address, string? Telephone, string? TimeZone);

public sealed record FacilityView(string Id, string Name, string State, string Kind, string Address, string Telephone, string TimeZone)
{
    public static FacilityView Of(Facility f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.Name, f.State, f.Kind, f.Address, f.Telephone, f.TimeZone);
    }
}

/// <summary>
/// Registers a new facility, or records corrected details of an existing one (same id), each a
/// ledgered change: families and counsel are told its address and telephone, so what they were told
/// when stays provable. A facility never changes state: that is a new facility.
/// </summary>
public sealed partial class RegisterFacility(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<FacilityView>> HandleAsync(RegisterFacilityRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<FacilityView>(db, time, async work =>
        {
            var id = request.Id!.Trim();
            var existing = await db.Facilities.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
            if (existing is null)
            {
                work.Record(new FacilityRegistered(id, request.Name!.Trim(), request.State!, request.Kind!, request.Address!.Trim(), request.Telephone!.Trim(),
                    request.TimeZone!.Trim()), actor);
                return FacilityView.Of(work.Store.Find<Facility>(id)!);
            }
            if (existing.State != request.State)
            {
                return new Conflict($"Facility {existing.Id} is in {existing.State}; a facility never changes state — register a new one.");
            }
            work.Record(new FacilityUpdated(existing.Id, request.Name!.Trim(), request.State!, request.Kind!, request.Address!.Trim(), request.Telephone!.Trim(),
                request.TimeZone!.Trim()), actor);
            return FacilityView.Of(existing);
        }, cancellationToken);
    }

    private static List<FieldError> Validate(RegisterFacilityRequest r)
    {
        var errors = new List<FieldError>();
        if (r.Id is null || !Slug().IsMatch(r.Id.Trim()))
        {
            errors.Add(new FieldError("id", "A short id of lower-case letters, digits and hyphens (2 to 64), such as sv-cecot."));
        }
        Transfers.TransferInput.Require(errors, "name", r.Name, 200);
        if (r.State is null || !Country().IsMatch(r.State))
        {
            errors.Add(new FieldError("state", "An ISO 3166-1 alpha-2 code such as SV."));
        }
        if (r.Kind is null || !Facility.Kinds.Contains(r.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", Facility.Kinds)}."));
        }
        Transfers.TransferInput.Require(errors, "address", r.Address, 500);
        Transfers.TransferInput.Require(errors, "telephone", r.Telephone, 50);
        if (string.IsNullOrWhiteSpace(r.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone.Trim(), out _))
        {
            errors.Add(new FieldError("timeZone", "An IANA time zone such as America/El_Salvador."));
        }
        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Z]{2}$")]
    internal static partial Regex Country();
}
