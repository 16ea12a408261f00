using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace PlanLoop.Features.Data;

/// <summary>
/// Writes new aggregates (a root entity and its owned collections) by the database's own bulk path —
/// prepared inserts on SQLite, binary COPY on PostgreSQL — on the transaction's connection, with the
/// columns, value converters and owner keys read from EF Core's model, so what it writes is exactly
/// what SaveChanges would (ADR 0010). For imports of many new records; updates stay with EF.
/// Store-generated keys (the owned rows' identity) are left to the database.
/// </summary>
sealed class EntityBulkWriter<TRoot> where TRoot : class
{
    sealed record Column(string Name, Func<object, object, object?> Value, Type Provider);

    sealed record Table(string Name, IReadOnlyList<Column> Columns, Func<TRoot, IEnumerable<object>> Rows);

    readonly PlanLoopDbContext db;
    readonly IDbContextTransaction tx;
    readonly List<Table> tables = [];

    public EntityBulkWriter(PlanLoopDbContext db, IDbContextTransaction tx)
    {
        (this.db, this.tx) = (db, tx);
        var root = db.Model.FindEntityType(typeof(TRoot)) ?? throw new InvalidOperationException($"{typeof(TRoot).Name} is not in the model.");
        tables.Add(TableOf(root, r => [r]));
        foreach (var navigation in root.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.IsCollection))
        {
            var key = root.FindPrimaryKey()!.Properties.Single();
            var getter = navigation.GetGetter();
            tables.Add(TableOf(navigation.TargetEntityType, r => ((System.Collections.IEnumerable)getter.GetClrValue(r)!).Cast<object>(),
                ownerKey: (navigation.ForeignKey.Properties.Single().Name, owner => key.GetGetter().GetClrValue(owner))));
        }
    }

    static Table TableOf(IEntityType type, Func<TRoot, IEnumerable<object>> rows, (string Name, Func<object, object?> Get)? ownerKey = null)
    {
        var name = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(name, type.GetSchema());
        var columns = new List<Column>();
        foreach (var p in type.GetProperties())
        {
            if (p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey() && p.ClrType == typeof(int)) continue;   // identity: the database numbers it
            var mapping = p.GetRelationalTypeMapping();
            var converter = mapping.Converter;
            var provider = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? p.ClrType) ?? converter?.ProviderClrType ?? p.ClrType;
            Func<object, object, object?> get;
            if (ownerKey is { } k && p.Name == k.Name) get = (_, owner) => k.Get(owner);
            else if (p.IsShadowProperty()) throw new InvalidOperationException($"{type.DisplayName()}.{p.Name} is a shadow property the bulk writer cannot fill.");
            else
            {
                var getter = p.GetGetter();
                get = (entity, _) => getter.GetClrValue(entity);
            }
            Func<object, object, object?> value = converter is null ? get : (entity, owner) => get(entity, owner) is { } v ? converter.ConvertToProvider(v) : null;
            columns.Add(new Column(p.GetColumnName(store)!, value, provider));
        }
        return new Table(name, columns, rows);
    }

    /// <summary>Writes the roots and their owned rows, table by table; the caller's transaction commits or rolls back.</summary>
    public async Task Write(IReadOnlyList<TRoot> roots, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count == 0) return;
        switch (db.Database.GetDbConnection())
        {
            case NpgsqlConnection pg:
                foreach (var table in tables) await Copy(pg, table, roots, ct);
                break;
            case SqliteConnection sqlite:
                foreach (var table in tables) Insert(sqlite, (SqliteTransaction)tx.GetDbTransaction(), table, roots);
                break;
            default:
                throw new NotSupportedException("No bulk path for this database.");
        }
    }

    static async Task Copy(NpgsqlConnection pg, Table table, IReadOnlyList<TRoot> roots, CancellationToken ct)
    {
        await using var importer = await pg.BeginBinaryImportAsync(
            $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        importer.Timeout = TimeSpan.Zero;   // the caller's cancellation still stops it (see ImportOrders' COPY)
        var types = table.Columns.Select(c => PgType(c.Provider)).ToArray();
        // Values are written synchronously into the importer's buffer (an await per value made the COPY several times
        // slower than psql's); the buffer goes to the server as it fills.
        foreach (var root in roots)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var row in table.Rows(root))
            {
                importer.StartRow();
                for (var i = 0; i < types.Length; i++)
                    if (table.Columns[i].Value(row, root) is { } v) importer.Write(v, types[i]);
                    else importer.WriteNull();
            }
        }
        await importer.CompleteAsync(ct);
    }

    static NpgsqlDbType PgType(Type t) =>
        t == typeof(Guid) ? NpgsqlDbType.Uuid
        : t == typeof(string) ? NpgsqlDbType.Text
        : t == typeof(long) ? NpgsqlDbType.Bigint
        : t == typeof(int) ? NpgsqlDbType.Integer
        : t == typeof(bool) ? NpgsqlDbType.Boolean
        : t == typeof(DateOnly) ? NpgsqlDbType.Date
        : t == typeof(DateTime) ? NpgsqlDbType.TimestampTz
        : throw new NotSupportedException($"No COPY type for {t.Name}.");

    static void Insert(SqliteConnection sqlite, SqliteTransaction transaction, Table table, IReadOnlyList<TRoot> roots)
    {
        using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"${i}"))})";
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
        command.Prepare();
        foreach (var root in roots)
            foreach (var row in table.Rows(root))
            {
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = SqliteValue(table.Columns[i].Value(row, root));
                command.ExecuteNonQuery();
            }
    }

    /// <summary>EF Core's SQLite conventions: GUIDs as upper-case text, dates as yyyy-MM-dd, instants as yyyy-MM-dd HH:mm:ss.FFFFFFF, booleans as 0/1.</summary>
    static object SqliteValue(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };
}
