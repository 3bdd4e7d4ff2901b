using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Demo;
using Custody.Facilities;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Transfers;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Custody.Persistence.Tests;

public sealed class RegisterTests
{
    private static readonly Viewer Reception = new("test:reception");
    private static readonly Dictionary<string, RegisterField> Register = Admission.RequiredFields.ToDictionary(f => f, f => new RegisterField("recorded", null));

    /// <summary>A migrated database with the model agreement, two facilities, two cells and <paramref name="count"/> people handed over and admitted.</summary>
    internal static async Task<(CustodyDbContext Db, List<Guid> People)> AdmittedAsync(TestDatabase database, FakeTimeProvider time, int count)
    {
        var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Agreement);
        var facilities = new RegisterFacility(db, time);
        Assert.True((await facilities.HandleAsync(new("us-centre", "Centre", "US", "processing-centre", "1 Road", "+1 555 0100", "America/Chicago"), "test")).Succeeded);
        Assert.True((await facilities.HandleAsync(new("sv-prison", "Prison", "SV", "prison", "2 Road", "+503 0000", "America/El_Salvador"), "test")).Succeeded);
        var cells = await new RegisterCells(db, time).HandleAsync(
        [
            new("sv-prison", "A", "01", 20m, true, 6, 1, 1, 200m, 12, "natural", 6, 6),
            new("sv-prison", "A", "02", 20m, true, 6, 1, 1, 200m, 12, "natural", 6, 6),
        ], Reception);
        Assert.True(cells.Succeeded, cells.Failure?.Message);
        var people = Enumerable.Range(0, count).Select(i => EligiblePerson.Create($"R-{i:D2}")).ToList();
        await Samples.ImportOkAsync(db, EligiblePerson.Bundle(people));
        var ids = await db.People.Where(p => p.ExternalId.StartsWith("R-")).OrderBy(p => p.ExternalId).Select(p => new { p.Id, p.ExternalId }).ToListAsync();
        await DemoMovement.HandOverAsync(db, time, "us-sv-2025", "us-centre", "sv-prison", ids.Select(p => (p.Id, p.ExternalId)).ToList());
        foreach (var person in ids)
        {
            var admitted = await new AdmitPerson(db, time).HandleAsync(new PersonId(person.Id), new AdmitRequest(Register, null), Reception);
            Assert.True(admitted.Succeeded, admitted.Failure?.Message);
        }
        return (db, ids.Select(p => p.Id).ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DeathRecordedAt10_QueuesTheReportKinAndSendingStateNoticesWithDeadlines_WhichAreOverdueWhenNotSent(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var (db, people) = await AdmittedAsync(database, time, 1);
        await using var owned = db;
        time.SetUtcNow(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

        var death = await new RecordIncidentInFacility(db, time, new IncidentOptions()).HandleAsync(new FacilityId("sv-prison"),
            new RecordIncidentRequest("death", new PersonId(people[0]), null, "Found in cell A-01", "During the night count", "Unknown pending autopsy", "Instituto de Medicina Legal"), Reception);

        Assert.True(death.Succeeded, death.Failure?.Message);
        var notices = await db.Notifications.AsNoTracking().Where(n => n.IncidentId == death.Value!.Id).OrderBy(n => n.Kind).ToListAsync();
        // Invariant 6's report and next-of-kin notice, and the sending state (the person is held on its behalf) told by notice too.
        Assert.Equal([NotificationKinds.IncidentNextOfKin, NotificationKinds.IncidentReport, NotificationKinds.IncidentSendingState], notices.Select(n => n.Kind));
        Assert.All(notices, n => Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), n.DueBy));
        var outbox = new ReadOutbox(db);
        Assert.DoesNotContain(await outbox.ListAsync(null, overdueOnly: true, new DateTime(2026, 3, 2, 9, 59, 0, DateTimeKind.Utc)), n => n.IncidentId == death.Value!.Id);
        Assert.Equal(3, (await outbox.ListAsync(null, overdueOnly: true, new DateTime(2026, 3, 2, 10, 1, 0, DateTimeKind.Utc))).Count(n => n.IncidentId == death.Value!.Id));
        var custody = await db.CustodyRecords.AsNoTracking().SingleAsync(r => r.PersonId == people[0] && r.IsCurrent);
        Assert.Equal(CustodyPlaces.Deceased, custody.PlaceKind);
        Assert.Equal("died", (await db.Admissions.AsNoTracking().SingleAsync(a => a.PersonId == people[0])).EndKind);
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RandomAdmissionsMovesAndReleases_OccupancyFromTheRegisterEqualsARecountFromTheLedger(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var (db, people) = await AdmittedAsync(database, time, 6);
        await using var owned = db;
        var assign = new AssignCell(db, time);
        var release = new ReleasePerson(db, time);
        var instants = new List<DateTime>();
        var cells = new[] { "sv-prison/A/01", "sv-prison/A/02" };
        await Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[1, 90]).Array[12].SampleAsync(async ops =>
        {
            foreach (var (who, what, minutes) in ops)
            {
                time.Advance(TimeSpan.FromMinutes(minutes));
                db.ChangeTracker.Clear();
                // Refusals (a released person, the same cell, a full cell) are part of the sequence too.
                if (what == 3)
                {
                    await release.HandleAsync(new PersonId(people[who]), new ReleaseRequest("returned", null, "Processing centre, US", "Ministry of Justice"), Reception);
                }
                else
                {
                    await assign.HandleAsync(new PersonId(people[who]), new AssignCellRequest(cells[what % 2]), Reception);
                }
                instants.Add(Instants.Now(time));
            }
        }, iter: 3, threads: 1);
        db.ChangeTracker.Clear();

        var recount = await RecountAsync(db);
        var admitted = await AdmittedRecountAsync(db);
        var read = new ReadRegister(db, time);
        foreach (var at in instants.Append(Instants.Now(time)))
        {
            var occupancy = await read.OccupancyAsync("sv-prison", at);
            foreach (var cell in cells)
            {
                Assert.Equal(recount(cell, at), occupancy.Cells.Single(c => c.CellId == cell).Occupants);
            }
            // Everyone admitted is held, in a cell or awaiting one.
            Assert.Equal(admitted(at), occupancy.Occupants);
            Assert.Equal(admitted(at) - cells.Sum(c => recount(c, at)), occupancy.AwaitingCell);
        }
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }

    // From the ledger alone: each admission counts from its instant until the person's release.
    private static async Task<Func<DateTime, int>> AdmittedRecountAsync(CustodyDbContext db)
    {
        var spans = new Dictionary<Guid, (DateTime From, DateTime? Until)>();
        foreach (var entry in await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == PersonAdmitted.EntryKind || e.Kind == PersonReleased.EntryKind).OrderBy(e => e.Seq).ToListAsync())
        {
            var payload = LedgerContent.Parse(entry.Content).Payload;
            var person = Guid.Parse(payload["person"]!.GetValue<string>());
            if (entry.Kind == PersonAdmitted.EntryKind)
            {
                spans[person] = (Instants.Parse(payload["admittedAt"]!.GetValue<string>()), null);
            }
            else
            {
                spans[person] = spans[person] with { Until = Instants.Parse(payload["at"]!.GetValue<string>()) };
            }
        }
        return at => spans.Values.Count(s => s.From <= at && (s.Until is null || s.Until > at));
    }

    // From the ledger alone: each assignment counts from its instant until the person's next assignment or release.
    private static async Task<Func<string, DateTime, int>> RecountAsync(CustodyDbContext db)
    {
        var spans = new List<(Guid Person, string Cell, DateTime From, DateTime? Until)>();
        foreach (var entry in await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == CellAssigned.EntryKind || e.Kind == PersonReleased.EntryKind).OrderBy(e => e.Seq).ToListAsync())
        {
            var payload = LedgerContent.Parse(entry.Content).Payload;
            var person = Guid.Parse(payload["person"]!.GetValue<string>());
            var at = Instants.Parse(payload[entry.Kind == CellAssigned.EntryKind ? "from" : "at"]!.GetValue<string>());
            var open = spans.FindIndex(s => s.Person == person && s.Until is null);
            if (open >= 0)
            {
                spans[open] = spans[open] with { Until = at };
            }
            if (entry.Kind == CellAssigned.EntryKind)
            {
                spans.Add((person, payload["cell"]!.GetValue<string>(), at, null));
            }
        }
        return (cell, at) => spans.Count(s => s.Cell == cell && s.From <= at && (s.Until is null || s.Until > at));
    }
}
