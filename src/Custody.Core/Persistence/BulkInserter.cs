using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custody.Persistence;

/// <summary>
/// Inserts new rows of one entity type with a single prepared INSERT inside the context's current
/// transaction, bypassing change tracking. Columns, names and value conversions come from the EF
/// model and the provider's type mappings, so a row written here reads back exactly as one
/// written by SaveChanges. For append-only rows at volume: ledger entries and imported people.
/// </summary>
internal sealed class BulkInserter<T> : IAsyncDisposable, IDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, string Name)[] _columns;

    public BulkInserter(CustodyDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Bulk inserts must run inside the unit of work's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _columns = entity.GetProperties()
            .Select((p, i) => (p, (RelationalTypeMapping)p.GetRelationalTypeMapping(), "@p" + i))
            .ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction.GetDbTransaction();
        _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", _columns.Select(c => c.Name))})";
    }

    public async Task InsertAsync(T row, CancellationToken cancellationToken)
    {
        Bind(row);
        await _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Insert(T row)
    {
        Bind(row);
        _command.ExecuteNonQuery();
    }

    private void Bind(T row)
    {
        _command.Parameters.Clear();
        foreach (var (property, mapping, name) in _columns)
        {
            _command.Parameters.Add(mapping.CreateParameter(_command, name, property.GetGetter().GetClrValue(row), property.IsNullable));
        }
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    public void Dispose() => _command.Dispose();
}
