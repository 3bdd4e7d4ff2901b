using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

public sealed record RegisterCellRequest(string? FacilityId, string? Unit, string? Number, decimal? FloorAreaM2, bool Shared, int? Bunks, int? Toilets, int? Showers,
    decimal? WaterLitresPerDay, int? LightingHours, string? Ventilation, int? DesignCapacity, int? OperationalCapacity);

/// <summary>One register field: a value, or <c>status</c> <c>declined</c> (the person declined to say) or <c>unknown</c>.</summary>
public sealed record RegisterField(string? Value, string? Status);

/// <summary>An admission's register fields (see <see cref="Admission.RequiredFields"/>); admittedAt defaults to now.</summary>
public sealed record AdmitRequest(IReadOnlyDictionary<string, RegisterField>? Register, string? AdmittedAt);

public sealed record AssignCellRequest(string? CellId);

/// <summary>
/// The receiving facility's register: cells, admission after a completed hand-over, and cell
/// assignments and moves held to the agreement version's facility standards.
/// </summary>
public sealed class RegisterCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<CellView>> RegisterCellAsync(RegisterCellRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var cells = await RegisterCellsAsync([r], viewer, cancellationToken);
        return cells.Failure is { } failure ? failure : cells.Value![0];
    }

    /// <summary>Registers cells in one unit of work (all or none); errors name the cell's index when there are several.</summary>
    public async Task<Result<IReadOnlyList<CellView>>> RegisterCellsAsync(IReadOnlyList<RegisterCellRequest> requests, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        for (var i = 0; i < requests.Count; i++)
        {
            var prefix = requests.Count == 1 ? "" : $"[{i}].";
            errors.AddRange(ValidateCell(requests[i]).Select(e => e with { Field = prefix + e.Field }));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<IReadOnlyList<CellView>>(db, time, async work =>
        {
            var cells = new List<CellView>();
            foreach (var r in requests)
            {
                if (!await db.Facilities.AnyAsync(f => f.Id == r.FacilityId, cancellationToken))
                {
                    return new NotFound($"No facility {r.FacilityId}.");
                }
                var id = $"{r.FacilityId}/{r.Unit!.Trim()}/{r.Number!.Trim()}";
                if (work.Store.Find<Cell>(id) is not null)
                {
                    return new Conflict($"Cell {id} is already registered.");
                }
                work.Record(new CellRegistered(id, r.FacilityId!, r.Unit.Trim(), r.Number.Trim(), r.FloorAreaM2!.Value, r.Shared, r.Bunks!.Value, r.Toilets!.Value,
                    r.Showers!.Value, r.WaterLitresPerDay!.Value, r.LightingHours!.Value, r.Ventilation!, r.DesignCapacity!.Value, r.OperationalCapacity!.Value), viewer.Actor);
                cells.Add(CellView.Of(work.Store.Find<Cell>(id)!));
            }
            return cells;
        }, cancellationToken);
    }

    private static List<FieldError> ValidateCell(RegisterCellRequest r)
    {
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "unit", r.Unit, 40);
        TransferInput.Require(errors, "number", r.Number, 40);
        Positive(errors, "floorAreaM2", r.FloorAreaM2);
        Count(errors, "bunks", r.Bunks);
        Count(errors, "toilets", r.Toilets);
        Count(errors, "showers", r.Showers);
        Positive(errors, "waterLitresPerDay", r.WaterLitresPerDay);
        if (r.LightingHours is not (>= 0 and <= 24))
        {
            errors.Add(new FieldError("lightingHours", "Hours of artificial light a day, 0 to 24."));
        }
        if (r.Ventilation is null || !Cell.VentilationKinds.Contains(r.Ventilation))
        {
            errors.Add(new FieldError("ventilation", $"One of: {string.Join(", ", Cell.VentilationKinds)}."));
        }
        Count(errors, "designCapacity", r.DesignCapacity);
        Count(errors, "operationalCapacity", r.OperationalCapacity);
        return errors;
    }

    /// <summary>Admits a person whose hand-over to this state completed and who is not yet admitted; every register field is stated or marked declined/unknown.</summary>
    public async Task<Result<AdmissionView>> AdmitAsync(Guid personId, AdmitRequest request, Viewer viewer, CancellationToken cancellationToken = default)
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

    /// <summary>Assigns (or moves) an admitted person to a cell of their facility, checked against the agreement version's standards.</summary>
    public async Task<Result<CellAssignmentView>> AssignAsync(Guid personId, AssignCellRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(request.CellId))
        {
            return new Invalid([new FieldError("cellId", "Required: the cell, such as sv-cecot/A/01.")]);
        }
        return await UnitOfWork.RunAsync<CellAssignmentView>(db, time, async work =>
        {
            var cell = work.Store.Find<Cell>(request.CellId);
            if (cell is null)
            {
                return new NotFound($"No cell {request.CellId}.");
            }
            if (work.Store.OpenAdmission(personId) is not { } admission)
            {
                return await db.People.AnyAsync(p => p.Id == personId, cancellationToken)
                    ? new StateConflict("The person is not admitted to a facility; admit them first.", "not-admitted")
                    : new NotFound($"No person {personId} in the register.");
            }
            if (cell.FacilityId != admission.FacilityId)
            {
                return new Invalid([new FieldError("cellId", $"The person is held at {admission.FacilityId}; this cell is at {cell.FacilityId} (an onward transfer is a release, not a move).")]);
            }
            var current = work.Store.OpenAssignment(personId);
            if (current?.CellId == cell.Id)
            {
                return new StateConflict($"The person is already in {cell.Id}.", current.Id);
            }
            var now = time.GetUtcNow();
            var occupants = await db.CellAssignments.CountAsync(a => a.CellId == cell.Id && a.Until == null, cancellationToken) + 1;
            var standards = await StandardsAsync(admission.AgreementId, now, cancellationToken);
            var breaches = CellStandards.Check(cell, occupants, standards);
            if (breaches.Count > 0 && standards.OnExceed == "refuse")
            {
                return new StandardsBreached(cell.Id, occupants, breaches);
            }
            work.Record(new CellAssigned(Guid.CreateVersion7(now), personId, admission.Id, cell.Id, Instants.Utc(now),
                breaches.Count > 0 ? $"{occupants} people: " + string.Join("; ", breaches) : null), viewer.Actor);
            return CellAssignmentView.Of(work.Store.OpenAssignment(personId)!);
        }, cancellationToken);
    }

    /// <summary>
    /// The standards a facility is held to: those of the agreement its latest admission is under
    /// (else the first agreement on record, else the ICRC defaults).
    /// </summary>
    public async Task<(string? AgreementId, FacilityStandards Standards)> FacilityStandardsAsync(string facilityId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var agreement = await db.Admissions.AsNoTracking().Where(a => a.FacilityId == facilityId).OrderByDescending(a => a.AdmittedAt).Select(a => a.AgreementId)
            .FirstOrDefaultAsync(cancellationToken) ?? await db.Agreements.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        return (agreement, agreement is null ? new FacilityStandards() : await StandardsAsync(agreement, at, cancellationToken));
    }

    /// <summary>The standards of the agreement version in force (the latest when none is).</summary>
    public async Task<FacilityStandards> StandardsAsync(string agreementId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var terms = await AgreementTerms.LoadAsync(db, agreementId, cancellationToken) ?? throw new InvalidOperationException($"agreement {agreementId} is not in the register");
        return terms.VersionAt(at).FacilityStandards;
    }

    private static void Positive(List<FieldError> errors, string field, decimal? value)
    {
        if (value is not > 0)
        {
            errors.Add(new FieldError(field, "Required, greater than 0."));
        }
    }

    private static void Count(List<FieldError> errors, string field, int? value)
    {
        if (value is not >= 0)
        {
            errors.Add(new FieldError(field, "Required, 0 or more."));
        }
    }
}
