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
    private readonly DbParameter[] _parameters;

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
        // One parameter per column, typed once by its mapping; rows only set values.
        _parameters = _columns.Select(c => c.Mapping.CreateParameter(_command, c.Name, null, c.Property.IsNullable)).ToArray();
        _command.Parameters.AddRange(_parameters);
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
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, _) = _columns[i];
            var value = property.GetGetter().GetClrValue(row);
            if (value is not null && mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            _parameters[i].Value = value ?? DBNull.Value;
        }
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    public void Dispose() => _command.Dispose();
}
