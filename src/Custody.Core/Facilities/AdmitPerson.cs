using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Facilities;

/// <summary>One register field: a value, or <c>status</c> <c>declined</c> (the person declined to say) or <c>unknown</c>.</summary>
public sealed record RegisterField(string? Value, string? Status);

/// <summary>An admission's register fields (see <see cref="Admission.RequiredFields"/>); admittedAt defaults to now.</summary>
public sealed record AdmitRequest(IReadOnlyDictionary<string, RegisterField>? Register, string? AdmittedAt);

/// <summary>
/// Admits to the receiving facility's register a person whose hand-over to this state completed
/// and who is not yet admitted. Every register field is stated or marked declined/unknown (with who
/// said so): a blank is never silently taken for "nothing to report".
/// </summary>
public sealed class AdmitPerson(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<AdmissionView>> HandleAsync(PersonId personId, AdmitRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var register = new JsonObject();
        foreach (var field in Admission.RequiredFields)
        {
            var given = request.Register?.GetValueOrDefault(field);
            if (given is { Value: { } value } && !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 4000)
            {
                register[field] = new JsonObject { ["value"] = value.Trim() };
            }
            else if (given is { Status: "declined" or "unknown" })
            {
                register[field] = new JsonObject { ["status"] = given.Status, ["recordedBy"] = viewer.Actor };
            }
            else
            {
                errors.Add(new FieldError($"register.{field}", "Required: the value, or status \"declined\" or \"unknown\" (recorded with who said so)."));
            }
        }
        foreach (var extra in (request.Register?.Keys ?? []).Except(Admission.RequiredFields))
        {
            errors.Add(new FieldError($"register.{extra}", $"Not a register field; the fields are: {string.Join(", ", Admission.RequiredFields)}."));
        }
        var admittedAt = TransferInput.Past(errors, "admittedAt", request.AdmittedAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<AdmissionView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var custody = work.Store.CurrentCustody(personId)!;
            if (custody is not { Event: CustodyEvents.HandedOver, FacilityId: not null, OnBehalfOf: not null })
            {
                return new StateConflict($"Only a person whose hand-over completed is admitted; the current custody record is {custody.Event} ({custody.PlaceKind}).", custody.Event);
            }
            if (work.Store.OpenAdmission(personId) is { } open)
            {
                return new StateConflict($"The person is already admitted at {open.FacilityId} since {Instants.ToText(open.AdmittedAt)}.", open.Id);
            }
            if (admittedAt < custody.OccurredAt)
            {
                return new Invalid([new FieldError("admittedAt", "Admission follows the hand-over; this is before it.")]);
            }
            work.Record(new PersonAdmitted(Guid.CreateVersion7(time.GetUtcNow()), personId, custody.FacilityId, custody.AgreementId!, admittedAt!.Value, register,
                custody.ManifestId), viewer.Actor, admittedAt);
            return AdmissionView.Of(work.Store.OpenAdmission(personId)!);
        }, cancellationToken);
    }
}
