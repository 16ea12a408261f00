using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PlanLoop.Domain;
using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Execution;

public sealed record ImportProgress(int Rows, int Errors);

/// <summary>
/// Imports booked revenue (order lines) from an ERP's .csv or .xlsx export, streaming so a million
/// rows fit in a few megabytes: accounts by credit code, normalised name or alias; products, product
/// lines, regions, channels and owners by code, name or alias (region and owner default to the
/// account's). An order already in PlanLoop is never booked twice: a line the same as one imported
/// before (order number, day, account, product, product line, amount) is skipped and counted, so next
/// month's cumulative export imports only what is new; a line that differs is refused. All
/// or nothing: rows are written in one transaction by the database's own bulk path (a prepared insert
/// on SQLite, binary COPY on PostgreSQL) and rolled back when any row has a problem.
/// </summary>
public sealed class ImportOrders(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public const int MaxListedErrors = 500;
    const int Batch = 2_000;

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("order_number", "订单号", true), new("booked_on", "下单日期", true), new("account", "客户", true), new("amount", "金额", true),
        new("product", "产品", false), new("product_line", "产品线", false), new("region", "区域", false), new("channel", "渠道", false), new("owner", "负责人", false),
    ];

    public async Task<ImportReport> Handle(Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Allows(Permission.ImportOrders)) throw new RuleException("import-not-allowed");
        using var run = BulkImport.Open("orders", content, fileName, Fields, mapping, dryRun);
        if (run.Unusable) return run.Result(false, 0, 0);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var lookup = await Lookups.Load(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var writer = dryRun ? null : await OrderLineWriter.Open(db, tx, ct);
        var seenNumbers = new HashSet<string>(StringComparer.Ordinal);
        var booked = new HashSet<string>(StringComparer.Ordinal);  // the file's order numbers that PlanLoop had before
        // The lines of orders imported before that the file has not matched yet (an order leaves when all its lines are matched).
        var imported = new Dictionary<string, List<Booked>>(StringComparer.Ordinal);
        var batch = new List<(StreamedRow Row, Parsed Line)>(Batch);
        var (rows, written, total, skipped, firstSkipped) = (0, 0, 0m, 0, 0);
        // COPY holds PostgreSQL's connection while it runs: the duplicate check reads on a second one.
        await using var second = db.Database.IsNpgsql() ? await dbs.CreateDbContextAsync(ct) : null;
        var check = second ?? db;

        async Task Flush()
        {
            var fresh = batch.Select(b => b.Line.OrderNumber).Where(n => !seenNumbers.Contains(n)).Distinct().ToList();
            if (fresh.Count > 0)
                foreach (var o in await check.OrderLines.AsNoTracking().Where(o => fresh.Contains(o.OrderNumber))
                             .Select(o => new { o.OrderNumber, Line = new Booked(o.BookedOn, o.AccountId, o.ProductId, o.ProductLineId, o.Amount) }).ToListAsync(ct))
                {
                    (imported.TryGetValue(o.OrderNumber, out var lines) ? lines : imported[o.OrderNumber] = []).Add(o.Line);
                    booked.Add(o.OrderNumber);
                }
            seenNumbers.UnionWith(fresh);
            foreach (var (row, line) in batch)
            {
                if (!booked.Contains(line.OrderNumber))
                {
                    if (run.Count == 0 && writer is not null)
                    {
                        await writer.Write(line, ct);
                        written++;
                        total += line.Amount;
                    }
                    continue;
                }
                var lines = imported.GetValueOrDefault(line.OrderNumber);
                var same = lines?.FindIndex(b => b == new Booked(line.BookedOn, line.AccountId, line.ProductId, line.ProductLineId, line.Amount)) ?? -1;
                if (lines is null || same < 0)
                {
                    run.Error(row.Number, "order_number", $"订单号 {line.OrderNumber} 已在 PlanLoop 中,这一行与已导入的行不同(日期、客户、产品或金额);已入账的订单不被导入修改,更正请在 ERP 中以新单号冲销。");
                    continue;
                }
                lines.RemoveAt(same);
                if (lines.Count == 0) imported.Remove(line.OrderNumber);
                if (skipped++ == 0) firstSkipped = row.Number;
            }
            batch.Clear();
            progress?.Report(new ImportProgress(rows, run.Count));
        }

        foreach (var row in run.Rows())
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            if (Parse(row, run, lookup) is { } line) batch.Add((row, line));
            if (batch.Count == Batch) await Flush();
        }
        run.Settle();
        await Flush();
        if (rows == 0) run.Error(2, "", "文件中没有数据行。");
        if (skipped > 0) run.Notes.Add($"{skipped:N0} 行已导入过(从第 {firstSkipped} 行起:订单号与内容都相同),已跳过。");

        var applied = !dryRun && run.Count == 0;
        if (applied)
        {
            await writer!.Complete(ct);
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, viewer.UserName, "import", Guid.NewGuid(), "import.orders", null,
                $"{fileName}: {written} order lines, {total:0.00}"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await BulkImport.Analyze(db, written, ct, "sales_order_lines");
        }
        else
        {
            if (writer is not null) await writer.DisposeAsync();
            await tx.RollbackAsync(ct);
        }
        return run.Result(applied, rows, written, lookup.UnknownValues());
    }

    /// <summary>What makes two lines of one order the same line.</summary>
    readonly record struct Booked(DateOnly On, Guid AccountId, Guid? ProductId, Guid? ProductLineId, decimal Amount);

    /// <summary>A validated order line, ready to be written.</summary>
    sealed record Parsed(string OrderNumber, Guid AccountId, DateOnly BookedOn, decimal Amount, Guid? ProductLineId, Guid? ProductId, Guid? RegionId, Guid? ChannelId, Guid? OwnerId);

    static Parsed? Parse(StreamedRow row, BulkImport run, Lookups lookup)
    {
        var before = run.Count;
        string? Text(string field) => run.Text(row, field);
        void Error(string field, string message) => run.Error(row.Number, field, message);

        var number = Text("order_number");
        if (number is null) Error("order_number", "不能为空。");
        else if (number.Length > 40) Error("order_number", $"订单号最长 40 个字符(现为 {number.Length} 个)。");
        var booked = run.Day(row, "booked_on");
        if (booked is null && Text("booked_on") is null) Error("booked_on", "不能为空。");
        var amount = run.Money(row, "amount");
        if (amount is null && Text("amount") is null) Error("amount", "不能为空。");
        else if (amount == 0m) Error("amount", "金额不能为 0。");

        var account = lookup.Account(Text("account"), row.Number, m => Error("account", m));
        var product = lookup.Product(Text("product"), row.Number, m => Error("product", m));
        var line = lookup.Line(Text("product_line"), m => Error("product_line", m)) ?? product?.LineId;
        if (product is { } p && Text("product_line") is not null && line != p.LineId) Error("product_line", $"产品 '{Text("product")}' 不属于产品线 '{Text("product_line")}'。");
        var region = lookup.Region(Text("region"), m => Error("region", m)) ?? account?.RegionId;
        var channel = lookup.Channel(Text("channel"), row.Number, m => Error("channel", m));
        var owner = lookup.Person(Text("owner"), row.Number, m => Error("owner", m)) ?? account?.OwnerId;
        if (run.Count > before || account is null) return null;
        return new Parsed(number!, account.Value.Id, booked!.Value, amount!.Value, line, product?.Id, region, channel, owner);
    }

    /// <summary>Everything a row may name, loaded once: by code, name, e-mail or saved alias.</summary>
    sealed class Lookups
    {
        readonly Dictionary<string, (Guid Id, Guid? RegionId, Guid? OwnerId)> accountsByCode = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, (Guid Id, Guid? RegionId, Guid? OwnerId)?> accountsByName = new(StringComparer.Ordinal);
        readonly Dictionary<Guid, (Guid Id, Guid? RegionId, Guid? OwnerId)> accountsById = [];
        readonly Dictionary<string, (Guid Id, Guid LineId)> products = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<Guid, (Guid Id, Guid LineId)> productsById = [];
        readonly Dictionary<string, Guid> lines = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, Guid> regions = new(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, Guid> channels = new(StringComparer.OrdinalIgnoreCase);
        PeopleLookup people = null!;
        readonly Dictionary<(AliasKind, string), Guid> aliases = [];
        readonly Dictionary<(AliasKind, string), (int Rows, int First)> unknown = [];

        public static async Task<Lookups> Load(PlanLoopDbContext db, CancellationToken ct)
        {
            var l = new Lookups();
            await foreach (var a in db.Accounts.AsNoTracking().Select(a => new { a.Id, a.CreditCode, a.ExternalId, a.NormalizedName, a.RegionId, a.OwnerId }).AsAsyncEnumerable().WithCancellation(ct))
            {
                var value = (a.Id, a.RegionId, a.OwnerId);
                l.accountsById[a.Id] = value;
                if (a.CreditCode is not null) l.accountsByCode[a.CreditCode] = value;
                if (a.ExternalId is not null) l.accountsByCode[a.ExternalId] = value;
                // Two accounts with one normalised name: the name alone cannot say which (null marks it ambiguous).
                l.accountsByName[a.NormalizedName] = l.accountsByName.ContainsKey(a.NormalizedName) ? null : value;
            }
            foreach (var p in await db.Products.AsNoTracking().ToListAsync(ct))
            {
                l.productsById[p.Id] = (p.Id, p.ProductLineId);
                l.products[p.Code] = l.products[p.Name] = l.products[p.NameEn] = (p.Id, p.ProductLineId);
            }
            foreach (var x in await db.ProductLines.AsNoTracking().ToListAsync(ct)) l.lines[x.Code] = l.lines[x.Name] = l.lines[x.NameEn] = x.Id;
            foreach (var x in await db.Regions.AsNoTracking().ToListAsync(ct)) l.regions[x.Code] = l.regions[x.Name] = l.regions[x.NameEn] = x.Id;
            foreach (var x in await db.Channels.AsNoTracking().ToListAsync(ct)) l.channels[x.Code] = l.channels[x.Name] = l.channels[x.NameEn] = x.Id;
            l.people = await PeopleLookup.Load(db, ct);
            foreach (var a in await db.ImportAliases.AsNoTracking().ToListAsync(ct)) l.aliases[(a.Kind, a.Alias)] = a.TargetId;
            return l;
        }

        Guid? Alias(AliasKind kind, string text) => aliases.TryGetValue((kind, ImportAlias.Key(text)), out var id) ? id : null;

        void Unknown(AliasKind kind, string text, int row)
        {
            var key = (kind, text);
            unknown[key] = unknown.TryGetValue(key, out var u) ? (u.Rows + 1, u.First) : (1, row);
        }

        public List<UnknownValue> UnknownValues() =>
            unknown.OrderByDescending(u => u.Value.Rows).ThenBy(u => u.Value.First).Take(200).Select(u => new UnknownValue(u.Key.Item1, u.Key.Item2, u.Value.Rows, u.Value.First)).ToList();

        public (Guid Id, Guid? RegionId, Guid? OwnerId)? Account(string? text, int row, Action<string> error)
        {
            if (text is null) { error("不能为空。"); return null; }
            if (accountsByCode.TryGetValue(text, out var byCode)) return byCode;
            if (Alias(AliasKind.Account, text) is { } id && accountsById.TryGetValue(id, out var aliased)) return aliased;
            if (accountsByName.TryGetValue(CompanyName.Normalize(text), out var byName))
            {
                if (byName is null) error($"有多个客户的名称与 '{text}' 相同;请改用统一社会信用代码,或保存别名。");
                return byName;
            }
            Unknown(AliasKind.Account, text, row);
            error($"找不到客户 '{text}'(按外部编号、统一社会信用代码、名称或别名);可把它保存为某个已有客户的别名。");
            return null;
        }

        public (Guid Id, Guid LineId)? Product(string? text, int row, Action<string> error)
        {
            if (text is null) return null;
            if (products.TryGetValue(text, out var p)) return p;
            if (Alias(AliasKind.Product, text) is { } id && productsById.TryGetValue(id, out var aliased)) return aliased;
            Unknown(AliasKind.Product, text, row);
            error($"找不到产品 '{text}'(按编码、名称或别名)。");
            return null;
        }

        public Guid? Line(string? text, Action<string> error)
        {
            if (text is null) return null;
            if (lines.TryGetValue(text, out var id)) return id;
            error($"找不到产品线 '{text}'。");
            return null;
        }

        public Guid? Region(string? text, Action<string> error)
        {
            if (text is null) return null;
            if (regions.TryGetValue(text, out var id)) return id;
            error($"找不到区域 '{text}'。");
            return null;
        }

        public Guid? Channel(string? text, int row, Action<string> error)
        {
            if (text is null) return null;
            if (channels.TryGetValue(text, out var id)) return id;
            if (Alias(AliasKind.Channel, text) is { } aliased) return aliased;
            Unknown(AliasKind.Channel, text, row);
            error($"找不到渠道 '{text}'(按编码、名称或别名)。");
            return null;
        }

        public Guid? Person(string? text, int row, Action<string> error)
        {
            if (text is null) return null;
            var (id, problem, unknown) = people.Find(text);
            if (id is not null) return id;
            if (unknown) Unknown(AliasKind.Person, text, row);
            error(problem!);
            return null;
        }
    }

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
