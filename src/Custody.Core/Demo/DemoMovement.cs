using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Demo;

/// <summary>
/// A whole movement through the real commands — create, add, lock, board (each person's "A" + record
/// id identifier), depart, arrive, and the two-official hand-over — for the demo seed, tests and the
/// benchmark. Any refusal is an exception: callers pass people who are eligible.
/// </summary>
public static class DemoMovement
{
    public static async Task<Guid> HandOverAsync(CustodyDbContext db, TimeProvider time, string agreementId, string origin, string destination,
        IReadOnlyList<(Guid Id, string ExternalId)> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        var supervisor = new Viewer("demo:transfer-supervisor");
        var escort = new Viewer("demo:escort-officer");
        var reception = new Viewer("demo:reception-officer");
        var manifests = new ManifestCommands(db, time);
        var manifest = Require(await manifests.CreateAsync(new CreateManifestRequest(agreementId, "Demo Air", "DM-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N")[^6..],
            origin, destination, Instants.ToText(Instants.Now(time).AddHours(1))), supervisor, cancellationToken)).Id;
        foreach (var (id, _) in people)
        {
            Require(await manifests.AddPersonAsync(manifest, new AddToManifestRequest(id, ManifestRoles.Principal), supervisor, cancellationToken));
            db.ChangeTracker.Clear();
        }
        Require(await manifests.LockAsync(manifest, supervisor, cancellationToken));
        var boarding = new BoardingCommands(db, time);
        foreach (var (id, externalId) in people)
        {
            db.ChangeTracker.Clear();
            Require(await boarding.BoardAsync(manifest, id, new BoardingRequest("boarded", "A" + externalId, null, null), escort, cancellationToken));
        }
        db.ChangeTracker.Clear();
        Require(await boarding.DepartAsync(manifest, new DepartRequest(null), supervisor, cancellationToken));
        var handOver = new HandOverCommands(db, time);
        Require(await handOver.ArriveAsync(manifest, new ArriveRequest(null), escort, cancellationToken));
        foreach (var (id, _) in people)
        {
            db.ChangeTracker.Clear();
            Require(await handOver.DispatchAsync(manifest, id, escort, cancellationToken));
            db.ChangeTracker.Clear();
            Require(await handOver.ReceiveAsync(manifest, id, reception, cancellationToken));
        }
        db.ChangeTracker.Clear();
        return manifest;
    }

    private static T Require<T>(Result<T> result) =>
        result.Failure is { } failure ? throw new InvalidOperationException($"demo movement refused: {failure}") : result.Value!;
}
