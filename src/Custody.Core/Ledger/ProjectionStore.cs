using Custody.Facilities;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custody.Ledger;

/// <summary>
/// The state tables as projectors read and change them. Three implementations: the database inside
/// a command's unit of work (<see cref="DbProjectionStore"/>), tables in memory when verification
/// replays the ledger (<see cref="MemoryProjectionStore"/>), and append-only batches for imports and
/// loading at scale (<see cref="BulkProjectionStore"/>). Rows are found by primary key; the three
/// "current" look-ups are the only other questions a projector asks.
/// </summary>
public interface IProjectionStore
{
    /// <summary>The row with this primary key (its values in key order), or null.</summary>
    T? Find<T>(params object[] key)
        where T : class;

    void Add<T>(T row)
        where T : class;

    void Remove<T>(T row)
        where T : class;

    /// <summary>The person's one current custody record.</summary>
    CustodyRecord? CurrentCustody(Guid personId);

    /// <summary>The person's admission that has not ended.</summary>
    Admission? OpenAdmission(Guid personId);

    /// <summary>The person's cell assignment that has not ended.</summary>
    CellAssignment? OpenAssignment(Guid personId);
}

/// <summary>
/// The database inside a command's unit of work: rows this transaction added or changed are found
/// first (the context's local view), then the committed ones.
/// </summary>
public sealed class DbProjectionStore(CustodyDbContext db) : IProjectionStore
{
    public T? Find<T>(params object[] key)
        where T : class => db.Set<T>().Find(key);

    public void Add<T>(T row)
        where T : class => db.Add(row);

    public void Remove<T>(T row)
        where T : class => db.Remove(row);

    public CustodyRecord? CurrentCustody(Guid personId) =>
        Open(db.CustodyRecords.Local.FirstOrDefault(r => r.PersonId == personId && r.IsCurrent),
            () => db.CustodyRecords.SingleOrDefault(r => r.PersonId == personId && r.IsCurrent), r => r.IsCurrent);

    public Admission? OpenAdmission(Guid personId) =>
        Open(db.Admissions.Local.FirstOrDefault(a => a.PersonId == personId && a.EndedAt == null),
            () => db.Admissions.SingleOrDefault(a => a.PersonId == personId && a.EndedAt == null), a => a.EndedAt is null);

    public CellAssignment? OpenAssignment(Guid personId) =>
        Open(db.CellAssignments.Local.FirstOrDefault(a => a.PersonId == personId && a.Until == null),
            () => db.CellAssignments.SingleOrDefault(a => a.PersonId == personId && a.Until == null), a => a.Until is null);

    // The local (changed in this transaction) row wins; a stored one still open there may have been closed here.
    private static T? Open<T>(T? local, Func<T?> stored, Func<T, bool> isOpen)
        where T : class =>
        local ?? (stored() is { } row && isOpen(row) ? row : null);
}

/// <summary>
/// Every projected table in memory, keyed as the database keys it (the EF model's primary keys), so
/// that verification can rebuild the whole state from the ledger and compare it row by row.
/// </summary>
public sealed class MemoryProjectionStore(IModel model) : IProjectionStore
{
    private readonly Dictionary<Type, Dictionary<string, object>> _tables = [];
    private readonly Dictionary<Type, Func<object, string>> _keys = [];
    private readonly Dictionary<Guid, CustodyRecord> _currentCustody = [];
    private readonly Dictionary<Guid, Admission> _lastAdmission = [];
    private readonly Dictionary<Guid, CellAssignment> _lastAssignment = [];

    /// <summary>The rebuilt rows of one entity type, by key (<see cref="KeyOf"/>).</summary>
    public IReadOnlyDictionary<string, object> Rows(Type type) =>
        _tables.TryGetValue(type, out var rows) ? rows : new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>A row's primary key as text: its key values in key order, joined by '/'.</summary>
    public string KeyOf(object row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var type = row.GetType();
        if (!_keys.TryGetValue(type, out var keyOf))
        {
            var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of the model.");
            // Compiled getters: verification asks every row's key, a million times at scale.
            var getters = entity.FindPrimaryKey()!.Properties.Select(p => Getter(type, p.PropertyInfo!)).ToArray();
            keyOf = getters.Length == 1 ? r => KeyText(getters[0](r)) : r => string.Join('/', getters.Select(g => KeyText(g(r))));
            _keys[type] = keyOf;
        }
        return keyOf(row);
    }

    private static Func<object, object?> Getter(Type type, System.Reflection.PropertyInfo property)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(object));
        var read = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(row, type), property);
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(System.Linq.Expressions.Expression.Convert(read, typeof(object)), row).Compile();
    }

    public static string KeyText(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public T? Find<T>(params object[] key)
        where T : class =>
        _tables.TryGetValue(typeof(T), out var rows) && rows.TryGetValue(key.Length == 1 ? KeyText(key[0]) : string.Join('/', key.Select(KeyText)), out var row) ? (T)row : null;

    /// <exception cref="ProjectionException">A row with the same key exists already.</exception>
    public void Add<T>(T row)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_tables.TryGetValue(row.GetType(), out var rows))
        {
            rows = new Dictionary<string, object>(StringComparer.Ordinal);
            _tables[row.GetType()] = rows;
        }
        if (!rows.TryAdd(KeyOf(row), row))
        {
            throw new ProjectionException($"a {row.GetType().Name} with the key {KeyOf(row)} is added twice");
        }
        switch (row)
        {
            case CustodyRecord { IsCurrent: true } record:
                _currentCustody[record.PersonId] = record;
                break;
            case Admission admission:
                _lastAdmission[admission.PersonId] = admission;
                break;
            case CellAssignment assignment:
                _lastAssignment[assignment.PersonId] = assignment;
                break;
        }
    }

    public void Remove<T>(T row)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_tables.TryGetValue(row.GetType(), out var rows) || !rows.Remove(KeyOf(row)))
        {
            throw new ProjectionException($"a {row.GetType().Name} with the key {KeyOf(row)} is removed but does not exist");
        }
    }

    public CustodyRecord? CurrentCustody(Guid personId) => _currentCustody.GetValueOrDefault(personId) is { IsCurrent: true } record ? record : null;

    public Admission? OpenAdmission(Guid personId) => _lastAdmission.GetValueOrDefault(personId) is { EndedAt: null } admission ? admission : null;

    public CellAssignment? OpenAssignment(Guid personId) => _lastAssignment.GetValueOrDefault(personId) is { Until: null } assignment ? assignment : null;
}
