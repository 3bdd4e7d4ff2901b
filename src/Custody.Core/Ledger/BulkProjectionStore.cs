using System.Collections.Concurrent;
using Custody.Facilities;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Ledger;

/// <summary>
/// The store of a large import or load (a whole bundle, a whole prison): new rows are append-only and
/// are written by prepared INSERTs in <see cref="FlushAsync"/>, not tracked one by one; rows that
/// exist are found and changed through the context as in a command. <see cref="Add{T}"/> is safe
/// on every core; tables are written in the order a row of each was first added (a projector adds a
/// parent row before its children, a person before their custody record, so foreign keys hold).
/// Current custody records may be preloaded (<see cref="Preload"/>) so that a projector superseding
/// them asks the database nothing.
/// </summary>
public sealed class BulkProjectionStore(CustodyDbContext db) : IProjectionStore
{
    private readonly ConcurrentDictionary<Type, (ConcurrentQueue<object> Rows, Func<ConcurrentQueue<object>, CancellationToken, Task> Insert)> _added = new();
    private readonly List<Type> _order = [];
    private readonly ConcurrentDictionary<Guid, CustodyRecord> _currentCustody = new();
    private readonly DbProjectionStore _stored = new(db);

    /// <summary>Stored current custody records, tracked, so that superseding one needs no query.</summary>
    public void Preload(IEnumerable<CustodyRecord> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        foreach (var record in current)
        {
            _currentCustody[record.PersonId] = record;
        }
    }

    public T? Find<T>(params object[] key)
        where T : class => _stored.Find<T>(key);

    public void Add<T>(T row)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_added.TryGetValue(typeof(T), out var table))
        {
            lock (_order)
            {
                if (!_added.TryGetValue(typeof(T), out table))
                {
                    table = (new ConcurrentQueue<object>(), InsertAsync<T>);
                    _order.Add(typeof(T));
                    _added[typeof(T)] = table;
                }
            }
        }
        table.Rows.Enqueue(row);
        if (row is CustodyRecord { IsCurrent: true } record)
        {
            _currentCustody[record.PersonId] = record;
        }
    }

    public void Remove<T>(T row)
        where T : class => _stored.Remove(row);

    public CustodyRecord? CurrentCustody(Guid personId) =>
        _currentCustody.TryGetValue(personId, out var record) ? (record.IsCurrent ? record : null) : _stored.CurrentCustody(personId);

    public Admission? OpenAdmission(Guid personId) => _stored.OpenAdmission(personId);

    public CellAssignment? OpenAssignment(Guid personId) => _stored.OpenAssignment(personId);

    /// <summary>Writes the rows added since the last flush; changes to found rows are saved with the context.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var type in _order)
        {
            var (rows, insert) = _added[type];
            await insert(rows, cancellationToken);
        }
        _added.Clear();
        _order.Clear();
    }

    private async Task InsertAsync<T>(ConcurrentQueue<object> rows, CancellationToken cancellationToken)
        where T : class
    {
        await using var inserter = new BulkInserter<T>(db);
        foreach (var row in rows)
        {
            await inserter.InsertAsync((T)row, cancellationToken);
        }
    }
}
