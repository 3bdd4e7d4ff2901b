using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Billing;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Demo;
using Custody.Facilities;
using Custody.Imports;
using Custody.Persistence;
using Custody.Production;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Infrastructure;

/// <summary>
/// The demo's story, so the first <c>dotnet run</c> shows every page with content: six people held
/// at CECOT for ten weeks (admitted, in three cells, seen weekly by a monitor except one, who is
/// overdue), an inspection of a cell counted far over the standard with an overdue follow-up, the
/// invoice of the month before last issued and disputed, a court's request for a person's
/// whereabouts and an order reported but not yet verified, and one movement at each stage (boarded
/// with a stay that has just arrived and raised a must-disembark alert, in the air, landed). All of
/// it through the same commands as real work, each at the time it happened on the demo clock.
/// </summary>
internal sealed class DemoScenes(CustodyDbContext db, DemoClock clock)
{
    /// <summary>How far back the story starts: long enough that the month before last is a whole month of custody.</summary>
    public static readonly TimeSpan StoryLength = TimeSpan.FromDays(70);

    public const int HeldPeople = 6;
    public const int TravellingPeople = 6;

    private const string Agreement = "us-sv-2025";
    private const string Origin = "us-processing-centre";
    private const string Prison = "sv-cecot";

    private static readonly (string Id, string Given, string Family, string Cell)[] Held =
    [
        ("DEMO-HELD-1", "Carlos", "Ayala", "sv-cecot/A/01"), ("DEMO-HELD-2", "Luis", "Portillo", "sv-cecot/A/01"), ("DEMO-HELD-3", "Mario", "Castillo", "sv-cecot/A/01"),
        ("DEMO-HELD-4", "Jorge", "Molina", "sv-cecot/A/02"), ("DEMO-HELD-5", "Óscar", "Flores", "sv-cecot/A/02"),
        // Never seen by a monitor: the director's "not seen" item and the invoice's withheld days.
        ("DEMO-HELD-6", "Kevin", "Mendoza", "sv-cecot/B/01"),
    ];

    private static readonly (string Id, string Given, string Family)[] Travelling =
    [
        ("DEMO-FLT-1", "Marta", "Ríos"), ("DEMO-FLT-2", "Pedro", "Sosa"), ("DEMO-FLT-3", "Ana", "Guardado"),
        ("DEMO-FLT-4", "Raúl", "Pineda"), ("DEMO-FLT-5", "Silvia", "Orellana"), ("DEMO-FLT-6", "Hugo", "Cruz"),
    ];

    private static readonly Viewer Reception = new("demo:reception-officer", Roles: [Roles.ReceptionOfficer]);
    private static readonly Viewer Monitor = new("demo:inspector", Roles: [Roles.Inspector]);

    /// <summary>Starts <see cref="StoryLength"/> ago and ends at the present: the clock's <c>Back</c> is zero afterwards.</summary>
    public async Task HeldAsync(CancellationToken cancellationToken)
    {
        var ids = await ImportAsync(Held.Select(h => EligiblePerson.Create(h.Id, h.Given, h.Family)), "DEMO-HELD-", cancellationToken);
        await DemoMovement.HandOverAsync(db, clock, Agreement, Origin, Prison, ids, cancellationToken);
        var register = Admission.RequiredFields.ToDictionary(f => f, f => new RegisterField(AdmissionValue(f), null));
        foreach (var (id, externalId) in ids)
        {
            db.ChangeTracker.Clear();
            Require(await new AdmitPerson(db, clock).HandleAsync(new PersonId(id), new AdmitRequest(register, null), Reception, cancellationToken));
            db.ChangeTracker.Clear();
            var cell = Held.Single(h => h.Id == externalId).Cell;
            Require(await new AssignCell(db, clock).HandleAsync(new PersonId(id), new AssignCellRequest(cell), Reception, cancellationToken));
        }
        var seen = ids.Where(p => p.ExternalId != "DEMO-HELD-6").ToList();
        var check = new RecordWelfareCheck(db, clock);
        while (clock.Back > TimeSpan.FromDays(7))
        {
            clock.Back -= TimeSpan.FromDays(7);
            foreach (var (id, _) in seen)
            {
                db.ChangeTracker.Clear();
                Require(await check.HandleAsync(new PersonId(id), new WelfareCheckRequest("Demo monitor (ICRC)", Instants.ToText(Instants.Now(clock)), "Well; no complaint",
                    true, null, "verified-identifier"), Monitor, cancellationToken));
            }
        }
        clock.Back = TimeSpan.Zero;
        db.ChangeTracker.Clear();
    }

    /// <summary>The present: the inspection, the month before last's invoice and its dispute, and the movements in progress.</summary>
    public async Task PresentAsync(CancellationToken cancellationToken)
    {
        await InspectionAsync(cancellationToken);
        await InvoiceAsync(cancellationToken);
        await MovementsAsync(cancellationToken);
        await CourtsAsync(cancellationToken);
    }

    /// <summary>
    /// Work for the court and the legal reviewer: a court asks where DEMO-HELD-3 is held, and a
    /// case officer reports an order for DEMO-HELD-5 that nobody has checked with the court yet.
    /// </summary>
    private async Task CourtsAsync(CancellationToken cancellationToken)
    {
        var court = "US District Court for the District of Maryland";
        var now = Instants.Now(clock);
        Require(await new OrderProduction(db, clock).HandleAsync(await PersonAsync("DEMO-HELD-3", cancellationToken),
            new OrderProductionRequest(ProductionRequest.Whereabouts, court, Instants.ToText(now.AddDays(3)), "8:25-cv-00951", "Declare where the petitioner is held and by whom."),
            new Viewer("demo:court-user", Roles: [Roles.CourtUser]), cancellationToken));
        db.ChangeTracker.Clear();
        Require(await new EnterCourtOrder(db, clock).HandleAsync(await PersonAsync("DEMO-HELD-5", cancellationToken),
            new EnterCourtOrderRequest("facilitate-return", court, "8:25-cv-01203", Instants.ToText(now.AddDays(-1)), null, null, "Order of the court, as sent by counsel"),
            new Viewer("demo:case-officer", Roles: [Roles.CaseOfficer]), mayRecordVerified: false, cancellationToken));
        db.ChangeTracker.Clear();
    }

    private async Task<PersonId> PersonAsync(string externalId, CancellationToken cancellationToken) =>
        new(await db.People.AsNoTracking().Where(p => p.ExternalId == externalId).Select(p => p.Id).SingleAsync(cancellationToken));

    private async Task InspectionAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Instants.Now(clock));
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The inspector counts everyone in the cell, the receiving state's own prisoners too: 158 in 100 m².
        var measured = new InspectionMeasurements(158, 8m, 2, 2, 33m, 24, true, false, "mechanical", "inadequate", 80);
        Require(await new RecordInspection(db, clock).HandleAsync(new FacilityId(Prison), new RecordInspectionRequest("sv-cecot/A/02", Instants.ToText(Instants.Now(clock).AddDays(-10)),
            measured,
            [
                new FollowUpRequest("Bring cell A-02 down to its operational capacity (80)", "Director, CECOT", Day(-3)),
                new FollowUpRequest("Restore the water supply to 15 litres per person-day", "Ministry of Justice and Public Security", Day(20)),
            ]), Monitor, cancellationToken));
        db.ChangeTracker.Clear();
    }

    private async Task InvoiceAsync(CancellationToken cancellationToken)
    {
        var month = Instants.Now(clock).AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var invoice = Require(await new IssueInvoice(db, clock).HandleAsync(new IssueInvoiceRequest(Agreement, month),
            new Viewer("demo:receiving-finance-officer", Roles: [Roles.ReceivingFinanceOfficer]), cancellationToken));
        db.ChangeTracker.Clear();
        Require(await new RaiseDispute(db, clock).HandleAsync(invoice.Id, new RaiseDisputeRequest("DEMO-HELD-4",
            "Cell A-02 held 158 people at the inspection (0.63 m² each, 8 litres of water a day): the agreement's standards were not met on these days."),
            new Viewer("demo:sending-finance-officer", Roles: [Roles.SendingFinanceOfficer]), cancellationToken));
        db.ChangeTracker.Clear();
    }

    private async Task MovementsAsync(CancellationToken cancellationToken)
    {
        var people = Travelling.Select(t => EligiblePerson.Create(t.Id, t.Given, t.Family)).ToArray();
        var ids = await ImportAsync(people, "DEMO-FLT-", cancellationToken);
        await DemoMovement.MoveAsync(db, clock, Agreement, Origin, Prison, ids[..2], DemoStage.Boarded, "DA-102", cancellationToken);
        await DemoMovement.MoveAsync(db, clock, Agreement, Origin, Prison, ids[2..4], DemoStage.Departed, "DA-103", cancellationToken);
        await DemoMovement.MoveAsync(db, clock, Agreement, Origin, Prison, ids[4..], DemoStage.Arrived, "DA-104", cancellationToken);
        // The agency's feed brings a stay for the first person while DA-102 is still at the gate: the import's reaction raises the alert.
        people[0]["courtOrders"] = new JsonArray(new JsonObject
        {
            ["kind"] = "stay-of-removal", ["court"] = "US Court of Appeals for the Fifth Circuit", ["issuedAt"] = Instants.ToText(Instants.Now(clock).AddMinutes(-20)), ["verified"] = true,
        });
        await ImportAsync(people, "DEMO-FLT-", cancellationToken);
    }

    private async Task<List<(Guid Id, string ExternalId)>> ImportAsync(IEnumerable<JsonObject> people, string prefix, CancellationToken cancellationToken)
    {
        // Cloned: a bundle adopts its nodes, and the travellers are imported twice.
        var bytes = Encoding.UTF8.GetBytes(EligiblePerson.Bundle(people.Select(p => p.DeepClone().AsObject())));
        var imported = await new ImportFile(db, clock).HandleAsync(() => new MemoryStream(bytes), "system:demo-seed", null, cancellationToken);
        if (imported.Failure is { } failure)
        {
            throw new InvalidOperationException($"Demo people failed to import: {failure.Message}");
        }
        db.ChangeTracker.Clear();
        return (await db.People.AsNoTracking().Where(p => p.ExternalId.StartsWith(prefix)).OrderBy(p => p.ExternalId).Select(p => new { p.Id, p.ExternalId })
            .ToListAsync(cancellationToken)).Select(p => (p.Id, p.ExternalId)).ToList();
    }

    private static string AdmissionValue(string field) => field switch
    {
        "identity" => "Identity confirmed against the manifest's A-number",
        "groundsAndOrderingAuthority" => "Transfer agreement us-sv-2025; final removal order (INA 240)",
        "supervisingAuthority" => "Dirección General de Centros Penales",
        "healthAtAdmission" => "No acute condition found at the admission examination",
        "visibleInjuries" => "None seen",
        "complaintsOfIllTreatment" => "None made",
        "propertyInventory" => "Clothes, one pair of shoes, documents kept in the property store",
        "familyMembers" => "Mother in San Salvador",
        "emergencyContact" => "Mother, +503 7000 0000",
        _ => "Stated at admission",
    };

    private static T Require<T>(Result<T> result) =>
        result.Failure is { } failure ? throw new InvalidOperationException($"Demo scene refused: {failure.Message}") : result.Value!;
}
