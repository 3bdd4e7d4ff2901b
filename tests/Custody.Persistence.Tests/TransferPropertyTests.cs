using System.Text;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Demo;
using Custody.Facilities;
using Custody.Ledger;
using Custody.Transfers;
using CsCheck;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

/// <summary>
/// Random sequences of manifest, boarding, hand-over, court-order (entered, or arriving in a
/// re-imported bundle), incident (in transit, or wherever the person is), correction, admission,
/// hospital escort and return-movement commands; after
/// every command, whether it succeeded or was refused: each person has exactly one current custody
/// record, nobody blocked at a step passed it, and the ledger verifies.
/// </summary>
public sealed class TransferPropertyTests
{
    private const int People = 4;
    private const int Ops = 30;

    // Operation codes, the forward steps (board, depart, arrive, dispatch, receive) more often, so sequences get far.
    private static readonly int[] Weighted = [0, 1, 2, 2, 3, 4, 4, 4, 4, 4, 4, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 11, 12, 13, 14, 17];

    private static readonly Viewer Supervisor = new("test:supervisor");
    private static readonly Viewer Escort = new("test:escort");
    private static readonly Viewer Reception = new("test:reception");
    private static readonly Viewer Court = new("test:court");
    private static readonly Viewer SendingOfficer = new("test:case-officer", Roles: [Roles.CaseOfficer]);
    private static readonly Viewer ReceivingOfficer = new("test:facility-director", Roles: [Roles.FacilityDirector]);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RandomTransferSequences_KeepOneCustodyRecordEach_NeverPassABlockedPerson_AndVerify(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using (var setup = database.NewContext())
        {
            await Samples.ImportOkAsync(setup, Samples.Agreement);
            var facilities = new RegisterFacility(setup, TimeProvider.System);
            Assert.True((await facilities.HandleAsync(new("us-centre", "Centre", "US", "processing-centre", "1 Road", "+1 555 0100", "America/Chicago"), "test")).Succeeded);
            Assert.True((await facilities.HandleAsync(new("sv-prison", "Prison", "SV", "prison", "2 Road", "+503 0000", "America/El_Salvador"), "test")).Succeeded);
        }
        var run = 0;
        await Gen.Select(Gen.Int[0, Weighted.Length - 1].Select(i => Weighted[i]), Gen.Int[0, People - 1], Gen.Int[0, People - 1]).Array[Ops]
            .SampleAsync(async ops => await RunSequenceAsync(database, ++run, ops), iter: provider == TestDatabases.Sqlite ? 12 : 6, threads: 1);
    }

    private static async Task RunSequenceAsync(TestDatabase database, int run, (int Op, int A, int B)[] ops)
    {
        await using var db = database.NewContext();
        var prefix = $"P{run}-{Guid.NewGuid():N}"[..14];
        await Samples.ImportOkAsync(db, EligiblePerson.Bundle(Enumerable.Range(0, People).Select(i => EligiblePerson.Create($"{prefix}-{i}", "Prop", $"{prefix}-{i}"))));
        var ids = new Guid[People];
        for (var i = 0; i < People; i++)
        {
            ids[i] = await db.People.Where(p => p.ExternalId == $"{prefix}-{i}").Select(p => p.Id).SingleAsync();
        }
        var time = TimeProvider.System;
        var incidents = new RecordIncident(db, new RecordIncidentInTransit(db, time, new IncidentOptions()), new RecordIncidentInFacility(db, time, new IncidentOptions()));
        var courts = (Enter: new EnterCourtOrder(db, time), Lift: new LiftCourtOrder(db, time));
        var created = await new CreateManifest(db, time).HandleAsync(new CreateManifestRequest("us-sv-2025", "Prop Air", prefix, "us-centre", "sv-prison",
            Instants.ToText(Instants.Now(time).AddHours(1))), Supervisor);
        var manifest = created.Value!.Id;
        var stays = new Dictionary<Guid, Guid>();
        // Stays the agency's feed carries: a re-imported bundle adds or drops them (the import path of the reactions).
        var bundleStays = new HashSet<Guid>();
        // Every sequence starts from three principals, one alternate and a lock attempt, then goes at random.
        (int, int, int)[] start = [(0, 0, 0), (0, 1, 0), (0, 2, 0), (1, 3, 0), (2, 0, 0)];
        foreach (var (op, a, b) in start.Concat(ops))
        {
            db.ChangeTracker.Clear();
            var before = await SnapshotAsync(db, manifest);
            var blocked = stays.Keys.Concat(bundleStays).ToHashSet();
            // Forward steps pick among the people in the state they need (the a-th of them), so sequences get far; the rest pick anyone.
            var wanted = op switch
            {
                4 => before.People.Where(x => x.Value == (ManifestRoles.Principal, ManifestPersonStatuses.Listed)).Select(x => x.Key).ToList(),
                5 or 8 or 10 => before.People.Where(x => x.Value.Status == ManifestPersonStatuses.Boarded).Select(x => x.Key).ToList(),
                9 => before.People.Where(x => x.Value.Status == ManifestPersonStatuses.Dispatched).Select(x => x.Key).ToList(),
                _ => [],
            };
            var p = wanted.Count > 0 ? wanted.OrderBy(x => x).ElementAt(a % wanted.Count) : ids[a];
            var q = ids[b];
            Result<ManifestView> result = op switch
            {
                0 => await new AddToManifest(db, time).HandleAsync(new ManifestId(manifest), new AddToManifestRequest(new PersonId(p), ManifestRoles.Principal), Supervisor),
                1 => await new AddToManifest(db, time).HandleAsync(new ManifestId(manifest), new AddToManifestRequest(new PersonId(p), ManifestRoles.Alternate), Supervisor),
                2 => await new LockManifest(db, time).HandleAsync(new ManifestId(manifest), Supervisor),
                3 => await new SubstituteAlternate(db, time).HandleAsync(new ManifestId(manifest), new SubstituteRequest(new PersonId(p), new PersonId(q), "swap"), Supervisor),
                4 => await new RecordBoarding(db, time).HandleAsync(new ManifestId(manifest), new PersonId(p), new BoardingRequest("boarded", $"A{await ExternalAsync(db, p)}", null, null), Escort),
                5 => await new DisembarkPerson(db, time).HandleAsync(new ManifestId(manifest), new PersonId(p), new ReasonRequest("off"), Escort),
                6 => await new DepartManifest(db, time).HandleAsync(new ManifestId(manifest), new DepartRequest(null), Supervisor),
                7 => await new ArriveManifest(db, time).HandleAsync(new ManifestId(manifest), new ArriveRequest(null), Escort),
                8 => await new DispatchPerson(db, time).HandleAsync(new ManifestId(manifest), new PersonId(p), Escort),
                9 => await new ReceivePerson(db, time).HandleAsync(new ManifestId(manifest), new PersonId(p), Reception),
                10 => await new RecordIncidentInTransit(db, time, new IncidentOptions()).HandleAsync(new ManifestId(manifest), new RecordIncidentRequest(b % 2 == 0 ? Incident.Escape : Incident.Death, new PersonId(p), null, "random", "random", null, null), Escort),
                11 => await new UnlockManifest(db, time).HandleAsync(new ManifestId(manifest), new ReasonRequest("recheck"), Supervisor),
                13 => await ToggleBundleStayAsync(db, bundleStays, p, prefix, Array.IndexOf(ids, p)),
                14 => await CorrectLatestTimeAsync(db, p),
                17 => Step(await incidents.HandleAsync(new PersonId(p), new RecordIncidentRequest((b % 3) switch { 0 => Incident.SeriousInjury, 1 => Incident.Escape, _ => Incident.Death },
                    new PersonId(p), null, "random", "random", "unknown", "Instituto de Medicina Legal"), Escort)),
                _ => await ToggleStayAsync(courts, stays, p),
            };
            db.ChangeTracker.Clear();
            await AssertOneCurrentRecordEachAsync(db, ids);
            // CUSTODY_TRACE_PROPERTY=FILE appends each command's outcome to FILE (the runner hides a passing test's output).
            if (Environment.GetEnvironmentVariable("CUSTODY_TRACE_PROPERTY") is { Length: > 0 } trace)
            {
                await File.AppendAllTextAsync(trace, $"op {op}: {(result.Succeeded ? "ok" : result.Failure!.GetType().Name + " " + result.Failure!.Message)}\n");
            }
            if (result.Succeeded && op is not (12 or 13 or 14 or 17))
            {
                AssertNobodyBlockedPassed(op, p, q, blocked, before, await SnapshotAsync(db, manifest));
            }
            var verification = await new VerifyLedger(db).RunAsync();
            Assert.True(verification.Ok, $"{verification.Table} {verification.Key} {verification.FirstBadSeq}: {verification.Problem}");
        }
    }

    // After arrival: what happens to people once they are in the receiving state (admission, hospital, incidents
    // wherever they are, release, corrections) and to one held pending return (the way home), in random order.
    private static readonly int[] AfterArrival = [12, 14, 15, 15, 16, 16, 17, 18, 18, 19];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RandomSequencesAfterArrival_KeepOneCustodyRecordEach_NeverAdmitOneHeldPendingReturn_AndVerify(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using (var setup = database.NewContext())
        {
            await Samples.ImportOkAsync(setup, Samples.Agreement);
            var facilities = new RegisterFacility(setup, TimeProvider.System);
            Assert.True((await facilities.HandleAsync(new("us-centre", "Centre", "US", "processing-centre", "1 Road", "+1 555 0100", "America/Chicago"), "test")).Succeeded);
            Assert.True((await facilities.HandleAsync(new("sv-prison", "Prison", "SV", "prison", "2 Road", "+503 0000", "America/El_Salvador"), "test")).Succeeded);
        }
        var run = 0;
        await Gen.Select(Gen.Int[0, AfterArrival.Length - 1].Select(i => AfterArrival[i]), Gen.Int[0, People - 1], Gen.Int[0, People - 1]).Array[Ops]
            .SampleAsync(async ops => await RunAfterArrivalAsync(database, ++run, ops), iter: provider == TestDatabases.Sqlite ? 8 : 4, threads: 1);
    }

    private static async Task RunAfterArrivalAsync(TestDatabase database, int run, (int Op, int A, int B)[] ops)
    {
        await using var db = database.NewContext();
        var prefix = $"Q{run}-{Guid.NewGuid():N}"[..14];
        await Samples.ImportOkAsync(db, EligiblePerson.Bundle(Enumerable.Range(0, People).Select(i => EligiblePerson.Create($"{prefix}-{i}", "Prop", $"{prefix}-{i}"))));
        var ids = await db.People.Where(p => p.ExternalId.StartsWith(prefix)).OrderBy(p => p.ExternalId).Select(p => p.Id).ToArrayAsync();
        var time = TimeProvider.System;
        var incidents = new RecordIncident(db, new RecordIncidentInTransit(db, time, new IncidentOptions()), new RecordIncidentInFacility(db, time, new IncidentOptions()));
        var courts = (Enter: new EnterCourtOrder(db, time), Lift: new LiftCourtOrder(db, time));
        var admit = new AdmitPerson(db, time);
        var takeToHospital = new TakeToHospital(db, time);
        var bringBack = new BringBackFromHospital(db, time);
        var release = new ReleasePerson(db, time);
        // Everyone travels; a court stays the last person's removal in flight, so they arrive held pending return; the others are handed over.
        var manifest = (await new CreateManifest(db, time).HandleAsync(new CreateManifestRequest("us-sv-2025", "Prop Air", prefix, "us-centre", "sv-prison",
            Instants.ToText(Instants.Now(time).AddHours(1))), Supervisor)).Value!.Id;
        var stays = new Dictionary<Guid, Guid>();
        foreach (var id in ids)
        {
            Assert.True((await new AddToManifest(db, time).HandleAsync(new ManifestId(manifest), new AddToManifestRequest(new PersonId(id), ManifestRoles.Principal), Supervisor)).Succeeded);
        }
        Assert.True((await new LockManifest(db, time).HandleAsync(new ManifestId(manifest), Supervisor)).Succeeded);
        foreach (var id in ids)
        {
            Assert.True((await new RecordBoarding(db, time).HandleAsync(new ManifestId(manifest), new PersonId(id), new BoardingRequest("boarded", $"A{await ExternalAsync(db, id)}", null, null), Escort)).Succeeded);
        }
        Assert.True((await new DepartManifest(db, time).HandleAsync(new ManifestId(manifest), new DepartRequest(null), Supervisor)).Succeeded);
        await ToggleStayAsync(courts, stays, ids[^1]);
        Assert.True((await new ArriveManifest(db, time).HandleAsync(new ManifestId(manifest), new ArriveRequest(null), Escort)).Succeeded);
        foreach (var id in ids[..^1])
        {
            Assert.True((await new DispatchPerson(db, time).HandleAsync(new ManifestId(manifest), new PersonId(id), Escort)).Succeeded);
            Assert.True((await new ReceivePerson(db, time).HandleAsync(new ManifestId(manifest), new PersonId(id), Reception)).Succeeded);
        }
        foreach (var (op, a, b) in ops)
        {
            db.ChangeTracker.Clear();
            var pendingReturn = (await db.ManifestPeople.AsNoTracking().Where(x => x.ManifestId == manifest && x.Alert == ManifestAlerts.ReturnRequired)
                .Select(x => x.PersonId).ToListAsync()).ToHashSet();
            var p = ids[a];
            var result = op switch
            {
                12 => await ToggleStayAsync(courts, stays, p),
                14 => await CorrectLatestTimeAsync(db, p),
                15 => Step(await admit.HandleAsync(new PersonId(p), new AdmitRequest(Admission.RequiredFields.ToDictionary(f => f, _ => new RegisterField("as recorded", null)), null), Reception)),
                16 => Step(await db.CustodyRecords.AnyAsync(r => r.PersonId == p && r.IsCurrent && r.PlaceKind == CustodyPlaces.Hospital)
                    ? await bringBack.HandleAsync(new PersonId(p), new BackFromHospitalRequest(null), Reception)
                    : await takeToHospital.HandleAsync(new PersonId(p), new TakeToHospitalRequest("Hospital Rosales", "random", null), Reception)),
                17 => Step(await incidents.HandleAsync(new PersonId(p), new RecordIncidentRequest((b % 3) switch { 0 => Incident.SeriousInjury, 1 => Incident.Escape, _ => Incident.Death },
                    new PersonId(p), null, "random", "random", "unknown", "Instituto de Medicina Legal"), Escort)),
                18 => await ReturnAsync(db, p, prefix + a),
                _ => Step(await release.HandleAsync(new PersonId(p), new ReleaseRequest(b % 2 == 0 ? CustodyEvents.Released : CustodyEvents.Returned, null, "Airport", "Court 3"), Reception)),
            };
            db.ChangeTracker.Clear();
            if (Environment.GetEnvironmentVariable("CUSTODY_TRACE_PROPERTY") is { Length: > 0 } trace)
            {
                await File.AppendAllTextAsync(trace, $"after-arrival op {op}: {result.Failure!.Message}\n");
            }
            await AssertOneCurrentRecordEachAsync(db, ids);
            Assert.False(op == 15 && pendingReturn.Contains(p) && result.Failure!.Message == "done", $"a person held pending return {p} was admitted");
            // Nobody is out in hospital without being on a facility's register, and nobody dead or at large is still on one.
            var current = await db.CustodyRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId) && r.IsCurrent).ToListAsync();
            var admitted = (await db.Admissions.AsNoTracking().Where(x => ids.Contains(x.PersonId) && x.EndedAt == null).Select(x => x.PersonId).ToListAsync()).ToHashSet();
            Assert.All(current.Where(r => r.PlaceKind == CustodyPlaces.Hospital), r => Assert.Contains(r.PersonId, admitted));
            Assert.All(current.Where(r => r.PlaceKind is CustodyPlaces.Deceased or CustodyPlaces.AtLarge or CustodyPlaces.Released), r => Assert.DoesNotContain(r.PersonId, admitted));
            var verification = await new VerifyLedger(db).RunAsync();
            Assert.True(verification.Ok, $"{verification.Table} {verification.Key} {verification.FirstBadSeq}: {verification.Problem}");
        }
    }

    // The outcome of a command that is not a manifest step, for the trace (the invariants are checked after every command all the same).
    private static Result<ManifestView> Step<T>(Result<T> result) => new Conflict(result.Succeeded ? "done" : result.Failure!.Message);

    // Carries a person held pending return home on a return movement, step by step; stops at the first refusal.
    private static async Task<Result<ManifestView>> ReturnAsync(CustodyDbContext db, Guid person, string prefix)
    {
        var time = TimeProvider.System;
        var created = await new CreateManifest(db, time).HandleAsync(new CreateManifestRequest("us-sv-2025", "Return Air", "R" + prefix, "sv-prison", "us-centre",
            Instants.ToText(Instants.Now(time).AddHours(1)), ManifestDirections.Return), Supervisor);
        var home = created.Value!.Id;
        var steps = new Func<Task<Result<ManifestView>>>[]
        {
            () => new AddToManifest(db, time).HandleAsync(new ManifestId(home), new AddToManifestRequest(new PersonId(person), ManifestRoles.Principal), Supervisor),
            () => new LockManifest(db, time).HandleAsync(new ManifestId(home), Supervisor),
            async () => await new RecordBoarding(db, time).HandleAsync(new ManifestId(home), new PersonId(person), new BoardingRequest("boarded", $"A{await ExternalAsync(db, person)}", null, null), Escort),
            () => new DepartManifest(db, time).HandleAsync(new ManifestId(home), new DepartRequest(null), Supervisor),
            () => new ArriveManifest(db, time).HandleAsync(new ManifestId(home), new ArriveRequest(null), Escort),
            () => new DispatchPerson(db, time).HandleAsync(new ManifestId(home), new PersonId(person), Reception),
            () => new ReceivePerson(db, time).HandleAsync(new ManifestId(home), new PersonId(person), Supervisor),
        };
        foreach (var step in steps)
        {
            db.ChangeTracker.Clear();
            var result = await step();
            if (!result.Succeeded)
            {
                return new Conflict("return stopped: " + result.Failure!.Message);
            }
        }
        return new Conflict("returned");
    }

    private static async Task<Result<ManifestView>> ToggleStayAsync((EnterCourtOrder Enter, LiftCourtOrder Lift) courts, Dictionary<Guid, Guid> stays, Guid person)
    {
        if (stays.Remove(person, out var order))
        {
            var lifted = await courts.Lift.HandleAsync(order, new LiftCourtOrderRequest(null), Court);
            Assert.True(lifted.Succeeded, lifted.Failure?.Message);
        }
        else
        {
            var entered = await courts.Enter.HandleAsync(new PersonId(person), new EnterCourtOrderRequest("stay-of-removal", "Court", null,
                Instants.ToText(Instants.Now(TimeProvider.System).AddMinutes(-1)), null, ["SV"], null, true), Court, true);
            Assert.True(entered.Succeeded, entered.Failure?.Message);
            stays[person] = entered.Value!.Id;
        }
        return new Conflict("a court order, not a manifest step");
    }

    // A correction of the person's latest custody record time (a millisecond earlier, or later, staying
    // between its neighbours and never past now), proposed by the supervisor and approved by an officer of
    // the side that holds the record.
    private static async Task<Result<ManifestView>> CorrectLatestTimeAsync(CustodyDbContext db, Guid person)
    {
        var records = await db.CustodyRecords.AsNoTracking().Where(r => r.PersonId == person).OrderByDescending(r => r.Number).Take(2).ToListAsync();
        var latest = records[0];
        var corrected = records.Count > 1 && latest.OccurredAt.AddMilliseconds(-1) >= records[1].OccurredAt
            ? latest.OccurredAt.AddMilliseconds(-1)
            : latest.OccurredAt.AddMilliseconds(1);
        if (corrected > Instants.Now(TimeProvider.System))
        {
            return new Conflict("too recent to correct forward");
        }
        var proposed = await new Custody.Corrections.ProposeCorrection(db, TimeProvider.System).HandleAsync(new PersonId(person), new(latest.Number, Instants.ToText(corrected), null, null, "clock drift"), Supervisor);
        Assert.True(proposed.Succeeded, proposed.Failure?.Message);
        db.ChangeTracker.Clear();
        var decider = proposed.Value!.Side == Custody.Corrections.CorrectionSides.Sending ? SendingOfficer : ReceivingOfficer;
        var approved = await new Custody.Corrections.DecideCorrection(db, TimeProvider.System).HandleAsync(proposed.Value.Id, new(true), decider);
        Assert.True(approved.Succeeded, approved.Failure?.Message);
        return new Conflict("a correction, not a manifest step");
    }

    private static async Task<Result<ManifestView>> ToggleBundleStayAsync(CustodyDbContext db, HashSet<Guid> bundleStays, Guid person, string prefix, int index)
    {
        var facts = EligiblePerson.Create($"{prefix}-{index}", "Prop", $"{prefix}-{index}");
        if (!bundleStays.Remove(person))
        {
            facts["courtOrders"] = new JsonArray(new JsonObject
            {
                ["kind"] = "stay-of-removal", ["court"] = "Court of Appeals", ["verified"] = true,
                ["issuedAt"] = Instants.ToText(Instants.Now(TimeProvider.System).AddMinutes(-1)),
            });
            bundleStays.Add(person);
        }
        await Samples.ImportOkAsync(db, EligiblePerson.Bundle([facts]));
        return new Conflict("an import, not a manifest step");
    }

    private sealed record Snapshot(string Status, Dictionary<Guid, (string Role, string Status)> People);

    private static async Task<Snapshot> SnapshotAsync(CustodyDbContext db, Guid manifest) => new(
        await db.Manifests.AsNoTracking().Where(m => m.Id == manifest).Select(m => m.Status).SingleAsync(),
        await db.ManifestPeople.AsNoTracking().Where(p => p.ManifestId == manifest).ToDictionaryAsync(p => p.PersonId, p => (p.Role, p.Status)));

    private static void AssertNobodyBlockedPassed(int op, Guid p, Guid q, HashSet<Guid> blocked, Snapshot before, Snapshot after)
    {
        string Why(Guid who) => $"op {op} let a blocked person {who} pass";
        switch (op)
        {
            case 0 or 1 or 4 or 8 or 9:
                Assert.False(blocked.Contains(p), Why(p));
                break;
            case 3:
                Assert.False(blocked.Contains(q), Why(q));
                break;
            case 2:
                Assert.DoesNotContain(after.People, x => x.Value.Status == ManifestPersonStatuses.Listed && blocked.Contains(x.Key));
                break;
            case 6:
                Assert.DoesNotContain(after.People, x => x.Value.Status == ManifestPersonStatuses.Boarded && blocked.Contains(x.Key));
                break;
        }
        Assert.True(before.People.Count <= after.People.Count);
    }

    private static async Task AssertOneCurrentRecordEachAsync(CustodyDbContext db, Guid[] ids)
    {
        var current = await db.CustodyRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId) && r.IsCurrent).GroupBy(r => r.PersonId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(ids.Length, current.Count);
        Assert.All(current, c => Assert.Equal(1, c.Count));
    }

    private static async Task<string> ExternalAsync(CustodyDbContext db, Guid person) =>
        await db.People.AsNoTracking().Where(p => p.Id == person).Select(p => p.ExternalId).SingleAsync();

}
