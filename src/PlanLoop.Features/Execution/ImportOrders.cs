using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
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
public sealed partial class ImportOrders(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
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
}
