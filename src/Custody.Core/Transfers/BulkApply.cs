using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// Appends many custody and welfare entries in one unit of work and applies them through the same
/// <see cref="TransferEvents.Apply"/> as the commands, with new rows written by prepared INSERTs:
/// for loading a whole prison (the demo at scale, the benchmark) where a command per person would
/// take minutes. Supports custody records and welfare checks; other kinds throw.
/// </summary>
public static class BulkApply
{
    public static async Task<int> RunAsync(CustodyDbContext db, TimeProvider time, IReadOnlyList<LedgerWriter.Request> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requests);
        var people = requests.Where(r => r.Kind == LedgerKinds.CustodyRecorded).Select(r => Guid.Parse(r.Payload["person"]!.GetValue<string>())).ToHashSet();
        var result = await LedgerWriter.InTransactionAsync<int>(db, time, async ledger =>
        {
            var current = (await db.CustodyRecords.AsNoTracking().Where(r => r.IsCurrent).ToListAsync(cancellationToken))
                .Where(r => people.Contains(r.PersonId)).ToDictionary(r => r.PersonId);
            var state = new State(current);
            var entries = ledger.AppendMany(requests);
            for (var i = 0; i < entries.Count; i++)
            {
                // Kinds converted to typed events (welfare checks) go through their projectors.
                if (EventRegistry.Default.ForKind(requests[i].Kind) is not null)
                {
                    EventRegistry.Default.Apply(EventRegistry.Default.Read(requests[i].Kind, requests[i].Payload), entries[i], state);
                }
                else
                {
                    TransferEvents.Apply(state, requests[i].Payload, entries[i]);
                }
            }
            await InsertAsync(db, state.Added.OfType<CustodyRecord>(), cancellationToken);
            await InsertAsync(db, state.Added.OfType<Facilities.WelfareCheck>(), cancellationToken);
            foreach (var superseded in state.Superseded)
            {
                db.CustodyRecords.Attach(superseded);
                db.Entry(superseded).Property(r => r.IsCurrent).IsModified = true;
                db.Entry(superseded).Property(r => r.EndedAt).IsModified = true;
            }
            return entries.Count;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return result.Value;
    }

    private static async Task InsertAsync<T>(CustodyDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var inserter = new BulkInserter<T>(db);
        foreach (var row in rows)
        {
            await inserter.InsertAsync(row, cancellationToken);
        }
    }

    private sealed class State(Dictionary<Guid, CustodyRecord> stored) : ITransferState, IProjectionStore
    {
        public List<object> Added { get; } = [];

        public HashSet<CustodyRecord> Superseded { get; } = new(ReferenceEqualityComparer.Instance);

        private readonly Dictionary<Guid, CustodyRecord> _current = new(stored);

        public CustodyRecord? CurrentCustody(Guid personId)
        {
            var record = _current.GetValueOrDefault(personId);
            // A stored record handed out here is about to be superseded: its end is written back.
            if (record is not null && stored.TryGetValue(personId, out var original) && ReferenceEquals(original, record))
            {
                Superseded.Add(record);
            }
            return record;
        }

        public void Add(object row)
        {
            if (row is CustodyRecord record)
            {
                _current[record.PersonId] = record;
            }
            Added.Add(row);
        }

        public void Add<T>(T row)
            where T : class => Add((object)row);

        public T? Find<T>(params object[] key)
            where T : class => throw Unsupported();

        public void Remove<T>(T row)
            where T : class => throw Unsupported();

        public Manifest? FindManifest(Guid id) => throw Unsupported();

        public ManifestPerson? FindManifestPerson(Guid manifestId, Guid personId) => throw Unsupported();

        public Notification? FindNotification(Guid id) => throw Unsupported();

        public Facilities.Admission? OpenAdmission(Guid personId) => throw Unsupported();

        public Facilities.CellAssignment? OpenAssignment(Guid personId) => throw Unsupported();

        private static NotSupportedException Unsupported() => new("bulk application supports custody records and welfare checks only");
    }
}
