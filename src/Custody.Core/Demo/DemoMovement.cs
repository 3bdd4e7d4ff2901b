using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Demo;

/// <summary>How far a demo movement goes: locked and boarded, in the air, landed, or handed over.</summary>
public enum DemoStage
{
    Boarded,
    Departed,
    Arrived,
    HandedOver,
}

/// <summary>
/// A whole movement through the real commands — create, add, lock, board (each person's "A" + record
/// id identifier), depart, arrive, and the two-official hand-over — for the demo seed, tests and the
/// benchmark, or the same movement stopped at an earlier stage. Any refusal is an exception: callers
/// pass people who are eligible.
/// </summary>
public static class DemoMovement
{
    public static Task<ManifestId> HandOverAsync(CustodyDbContext db, TimeProvider time, string agreementId, string origin, string destination,
        IReadOnlyList<(Guid Id, string ExternalId)> people, CancellationToken cancellationToken = default) =>
        MoveAsync(db, time, agreementId, origin, destination, people, DemoStage.HandedOver, null, cancellationToken);

    public static async Task<ManifestId> MoveAsync(CustodyDbContext db, TimeProvider time, string agreementId, string origin, string destination,
        IReadOnlyList<(Guid Id, string ExternalId)> people, DemoStage until, string? flight = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        var supervisor = new Viewer("demo:transfer-supervisor");
        var escort = new Viewer("demo:escort-officer");
        var reception = new Viewer("demo:reception-officer");
        var manifest = new ManifestId(Require(await new CreateManifest(db, time).HandleAsync(new CreateManifestRequest(agreementId, "Demo Air",
            flight ?? "DM-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N")[^6..], origin, destination, Instants.ToText(Instants.Now(time).AddHours(1))), supervisor,
            cancellationToken)).Id);
        var add = new AddToManifest(db, time);
        foreach (var (id, _) in people)
        {
            Require(await add.HandleAsync(manifest, new AddToManifestRequest(new PersonId(id), ManifestRoles.Principal), supervisor, cancellationToken));
            db.ChangeTracker.Clear();
        }
        Require(await new LockManifest(db, time).HandleAsync(manifest, supervisor, cancellationToken));
        var board = new RecordBoarding(db, time);
        foreach (var (id, externalId) in people)
        {
            db.ChangeTracker.Clear();
            Require(await board.HandleAsync(manifest, new PersonId(id), new BoardingRequest("boarded", "A" + externalId, null, null), escort, cancellationToken));
        }
        db.ChangeTracker.Clear();
        if (until == DemoStage.Boarded)
        {
            return manifest;
        }
        Require(await new DepartManifest(db, time).HandleAsync(manifest, new DepartRequest(null), supervisor, cancellationToken));
        if (until == DemoStage.Departed)
        {
            return manifest;
        }
        Require(await new ArriveManifest(db, time).HandleAsync(manifest, new ArriveRequest(null), escort, cancellationToken));
        if (until == DemoStage.Arrived)
        {
            return manifest;
        }
        var (dispatch, receive) = (new DispatchPerson(db, time), new ReceivePerson(db, time));
        foreach (var (id, _) in people)
        {
            db.ChangeTracker.Clear();
            Require(await dispatch.HandleAsync(manifest, new PersonId(id), escort, cancellationToken));
            db.ChangeTracker.Clear();
            Require(await receive.HandleAsync(manifest, new PersonId(id), reception, cancellationToken));
        }
        db.ChangeTracker.Clear();
        return manifest;
    }

    private static T Require<T>(Result<T> result) =>
        result.Failure is { } failure ? throw new InvalidOperationException($"demo movement refused: {failure}") : result.Value!;
}
