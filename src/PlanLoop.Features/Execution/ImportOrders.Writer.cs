using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PlanLoop.Domain.Amounts;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Execution;

/// <summary>Writing validated order lines by each database's bulk path.</summary>
public sealed partial class ImportOrders
{
    /// <summary>Writes order lines on the transaction's own connection by the database's bulk path.</summary>
    abstract class OrderLineWriter : IAsyncDisposable
    {
        public static async Task<OrderLineWriter> Open(PlanLoopDbContext db, IDbContextTransaction tx, CancellationToken ct)
        {
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            return connection switch
            {
                NpgsqlConnection pg => new Copy(await Begin(pg, ct)),
                SqliteConnection sqlite => new Insert(sqlite, (SqliteTransaction)transaction),
                _ => throw new NotSupportedException($"No bulk path for {connection.GetType().Name}."),
            };
        }

        /// <summary>
        /// One COPY for the whole file, with no timeout: PostgreSQL checks the foreign keys of every row when the COPY
        /// ends, which for a million lines takes longer than the connection's 30-second command timeout (a 1,000,000-line
        /// .xlsx import failed on it in the benchmark). The caller's cancellation still stops it. Zero means "none" here
        /// (npgsql/npgsql#6122: an infinite TimeSpan does not).
        /// </summary>
        static async Task<NpgsqlBinaryImporter> Begin(NpgsqlConnection pg, CancellationToken ct)
        {
            var importer = await pg.BeginBinaryImportAsync(
                "COPY sales_order_lines (\"Id\", \"OrderNumber\", \"AccountId\", \"BookedOn\", \"Amount\", \"ProductLineId\", \"ProductId\", \"RegionId\", \"ChannelId\", \"OwnerId\") FROM STDIN (FORMAT BINARY)", ct);
            importer.Timeout = TimeSpan.Zero;
            return importer;
        }

        public abstract Task Write(Parsed line, CancellationToken ct);

        public virtual Task Complete(CancellationToken ct) => Task.CompletedTask;

        public abstract ValueTask DisposeAsync();

        sealed class Copy(NpgsqlBinaryImporter importer) : OrderLineWriter
        {
            bool done;

            public override async Task Write(Parsed l, CancellationToken ct)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, ct);
                await importer.WriteAsync(l.OrderNumber, NpgsqlDbType.Varchar, ct);
                await importer.WriteAsync(l.AccountId, NpgsqlDbType.Uuid, ct);
                await importer.WriteAsync(l.BookedOn, NpgsqlDbType.Date, ct);
                await importer.WriteAsync(MinorUnits.ToStored(l.Amount), NpgsqlDbType.Bigint, ct);
                foreach (var id in new[] { l.ProductLineId, l.ProductId, l.RegionId, l.ChannelId, l.OwnerId })
                    if (id is { } g) await importer.WriteAsync(g, NpgsqlDbType.Uuid, ct);
                    else await importer.WriteNullAsync(ct);
            }

            public override async Task Complete(CancellationToken ct)
            {
                await importer.CompleteAsync(ct);
                done = true;
                await DisposeAsync();   // the connection is usable again only once the importer is closed
            }

            bool disposed;

            public override async ValueTask DisposeAsync()
            {
                if (disposed) return;
                disposed = true;
                // Disposing an importer that was not completed cancels the COPY: nothing of it is kept.
                try { await importer.DisposeAsync(); }
                catch (PostgresException) when (!done) { }
            }
        }

        sealed class Insert : OrderLineWriter
        {
            readonly SqliteCommand command;
            readonly SqliteParameter[] parameters;

            public Insert(SqliteConnection connection, SqliteTransaction transaction)
            {
                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO sales_order_lines (Id, OrderNumber, AccountId, BookedOn, Amount, ProductLineId, ProductId, RegionId, ChannelId, OwnerId) " +
                                      "VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9)";
                parameters = Enumerable.Range(0, 10).Select(i => command.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
                command.Prepare();
            }

            // EF Core's SQLite conventions: GUIDs as upper-case text, dates as yyyy-MM-dd, money as scaled integers.
            static object Id(Guid? id) => id is { } g ? g.ToString().ToUpperInvariant() : DBNull.Value;

            public override Task Write(Parsed l, CancellationToken ct)
            {
                parameters[0].Value = Id(Guid.NewGuid());
                parameters[1].Value = l.OrderNumber;
                parameters[2].Value = Id(l.AccountId);
                parameters[3].Value = l.BookedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                parameters[4].Value = MinorUnits.ToStored(l.Amount);
                parameters[5].Value = Id(l.ProductLineId);
                parameters[6].Value = Id(l.ProductId);
                parameters[7].Value = Id(l.RegionId);
                parameters[8].Value = Id(l.ChannelId);
                parameters[9].Value = Id(l.OwnerId);
                command.ExecuteNonQuery();
                return Task.CompletedTask;
            }

            public override ValueTask DisposeAsync()
            {
                command.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
