using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;
using PlanLoop.Features.Workbooks;

using PlanLoop.Features.Rules;

namespace PlanLoop.Features.Execution;

/// <summary>
/// Imports payments received (a bank or ERP export) against signed contracts' payment nodes: the
/// contract by number, the node by its name or number (1, 2, 3 …); a payment must not take a node
/// past its amount (counting what is stored and the file's earlier rows), must not predate the
/// signing, and a row identical to a stored payment (node, day, amount, reference) is refused as
/// already recorded. Finance (and admins) only; all or nothing; read as a stream in batches.
/// </summary>
public sealed class ImportPayments(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    const int Batch = 2_000;

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("contract", "合同号", true), new("node", "付款节点", true), new("received_on", "回款日期", true), new("amount", "金额", true), new("reference", "回单号", false),
    ];

    public async Task<ImportReport> Handle(Stream content, string fileName, FieldMap? mapping, bool dryRun, Viewer viewer,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Allows(Permission.RecordCollections)) throw new RuleException("finance-only");
        using var run = BulkImport.Open("payments", content, fileName, Fields, mapping, dryRun);
        if (run.Unusable) return run.Result(false, 0, 0);
        void Error(int row, string field, string message) => run.Error(row, field, message);

        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var paid = new Dictionary<Guid, decimal>();
        var batch = new List<StreamedRow>(Batch);
        var (rows, written, total) = (0, 0, 0m);
        var now = clock.GetUtcNow().UtcDateTime;

        async Task Flush()
        {
            string? Text(StreamedRow row, string field) => run.Text(row, field);
            var numbers = batch.Select(r => Text(r, "contract")).OfType<string>().Distinct().ToList();
            var contracts = await db.Contracts.AsNoTracking().Where(c => numbers.Contains(c.Number)).Select(c => new { c.Id, c.Number, c.Status, c.SignedOn }).ToDictionaryAsync(c => c.Number, ct);
            var ids = contracts.Values.Select(c => c.Id).ToList();
            var nodes = (await db.Instalments.AsNoTracking().Where(n => ids.Contains(n.ContractId)).ToListAsync(ct)).ToLookup(n => n.ContractId);
            var nodeIds = nodes.SelectMany(g => g).Select(n => n.Id).Where(id => !paid.ContainsKey(id)).ToList();
            foreach (var s in await db.Payments.Where(p => nodeIds.Contains(p.InstalmentId)).GroupBy(p => p.InstalmentId).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) }).ToListAsync(ct))
                paid[s.Key] = s.Sum;
            var stored = (await db.Payments.AsNoTracking().Where(p => nodeIds.Contains(p.InstalmentId)).Select(p => new { p.InstalmentId, p.ReceivedOn, p.Amount, p.Reference }).ToListAsync(ct))
                .Select(p => (p.InstalmentId, p.ReceivedOn, p.Amount, p.Reference)).ToHashSet();
            var add = new List<Payment>();
            foreach (var row in batch)
            {
                var before = run.Count;
                var number = Text(row, "contract");
                var nodeText = Text(row, "node");
                var dayText = Text(row, "received_on");
                var amountText = Text(row, "amount");
                var reference = Text(row, "reference");
                foreach (var (field, value) in new[] { ("contract", number), ("node", nodeText), ("received_on", dayText), ("amount", amountText) })
                    if (value is null) Error(row.Number, field, "不能为空。");
                if (run.Count > before) continue;
                if (!contracts.TryGetValue(number!, out var contract)) { Error(row.Number, "contract", $"找不到合同 {number}。"); continue; }
                if (contract.Status != ContractStatus.Signed) { Error(row.Number, "contract", $"合同 {number} 尚未签署({RuleTexts.Name(contract.Status)}),不能登记回款。"); continue; }
                var node = nodes[contract.Id].FirstOrDefault(n => n.Name == nodeText || n.Seq.ToString(CultureInfo.InvariantCulture) == nodeText);
                if (node is null) { Error(row.Number, "node", $"合同 {number} 没有付款节点 '{nodeText}';可用: {string.Join(", ", nodes[contract.Id].OrderBy(n => n.Seq).Select(n => $"{n.Seq} {n.Name}"))}。"); continue; }
                if (!run.Map.TryDay(dayText, out var day)) { Error(row.Number, "received_on", $"'{dayText}' 不是日期(应为 {run.Map.DayExample} 这样的格式)。"); continue; }
                if (day < contract.SignedOn) { Error(row.Number, "received_on", $"回款日 {day:yyyy-MM-dd} 早于合同签署日 {contract.SignedOn:yyyy-MM-dd}。"); continue; }
                if (!decimal.TryParse(amountText!.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0m || decimal.Round(amount, 2) != amount)
                { Error(row.Number, "amount", $"'{amountText}' 不是大于 0、精确到分的金额。"); continue; }
                if (stored.Contains((node.Id, day, amount, reference))) { Error(row.Number, "reference", $"这笔回款({number} {node.Name} {day:yyyy-MM-dd} {amount:0.00})已经登记过。"); continue; }
                try
                {
                    node.CheckPayment(amount, paid.GetValueOrDefault(node.Id));
                }
                catch (RuleException e)
                {
                    Error(row.Number, "amount", $"合同 {number}: {RuleTexts.Text(e)}");
                    continue;
                }
                paid[node.Id] = paid.GetValueOrDefault(node.Id) + amount;
                add.Add(new Payment(contract.Id, node.Id, day, amount, reference, viewer.UserName, now));
            }
            if (run.Count == 0 && !dryRun)
            {
                db.Payments.AddRange(add);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                written += add.Count;
                total += add.Sum(p => p.Amount);
            }
            batch.Clear();
            progress?.Report(new ImportProgress(rows, run.Count));
        }

        foreach (var row in run.Rows())
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            batch.Add(row);
            if (batch.Count == Batch) await Flush();
        }
        run.Settle();
        await Flush();
        if (rows == 0) Error(2, "", "文件中没有数据行。");

        var applied = !dryRun && run.Count == 0;
        if (applied)
        {
            db.AuditEntries.Add(new AuditEntry(now, viewer.UserName, "import", Guid.NewGuid(), "import.payments", null, $"{fileName}: {written} payments, {total:0.00}"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await BulkImport.Analyze(db, written, ct, "exe_payments");
        }
        else await tx.RollbackAsync(ct);
        return run.Result(applied, rows, written);
    }
}
