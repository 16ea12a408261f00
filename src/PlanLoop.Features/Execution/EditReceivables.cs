using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

/// <summary>
/// Finance records what is invoiced and received against a signed contract's payment nodes:
/// partial payments are fine, more than a node's open amount is refused (422 with the figures), also
/// when entries arrive in parallel (the node is locked while its total is checked).
/// Only Finance (and admins) write here; every entry is audited.
/// </summary>
public sealed class EditReceivables(IDbContextFactory<PlanLoopDbContext> dbs, BusinessDay businessDay, TimeProvider clock)
{
    public async Task<EditResult> RecordPayment(Guid contractId, Guid nodeId, DateOnly? receivedOn, decimal amount, string? reference, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        FinanceOnly(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Node(db, contractId, nodeId, viewer, ct) is not { } found) return EditResult.NotFound;
        var (contract, node) = found;
        await Lock(db, nodeId, ct);
        var on = receivedOn ?? businessDay.Today();
        if (on < contract.SignedOn) return Invalid("receivedOn", $"回款日 {on:yyyy-MM-dd} 早于合同签署日 {contract.SignedOn:yyyy-MM-dd}。");
        if (decimal.Round(amount, 2) != amount) return Invalid("amount", "金额精确到分。");
        var paid = await db.Payments.Where(p => p.InstalmentId == nodeId).SumAsync(p => p.Amount, ct);
        node.CheckPayment(amount, paid);
        var payment = new Payment(contractId, nodeId, on, amount, reference, viewer.UserName, clock.GetUtcNow().UtcDateTime);
        db.Payments.Add(payment);
        db.AuditEntries.Add(Audit(viewer, contractId, "contract.payment", $"{node.Name} 已收 {paid}", $"{node.Name} 已收 {paid + amount} ({on:yyyy-MM-dd} {payment.Reference})"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return EditResult.Saved(payment.Id);
    }

    public async Task<EditResult> RecordInvoice(Guid contractId, Guid nodeId, string number, DateOnly? issuedOn, decimal amount, Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        FinanceOnly(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Node(db, contractId, nodeId, viewer, ct) is not { } found) return EditResult.NotFound;
        var (_, node) = found;
        if (string.IsNullOrWhiteSpace(number)) return Invalid("number", "发票号不能为空。");
        await Lock(db, nodeId, ct);
        if (await db.Invoices.AnyAsync(i => i.Number == number.Trim(), ct)) return Invalid("number", $"发票号 {number.Trim()} 已登记。");
        var invoiced = await db.Invoices.Where(i => i.InstalmentId == nodeId).SumAsync(i => i.Amount, ct);
        if (amount <= 0m || decimal.Round(amount, 2) != amount) return Invalid("amount", "金额应大于 0,精确到分。");
        if (invoiced + amount > node.Amount) return Invalid("amount", $"开票合计 {invoiced + amount:N2} 将超过节点“{node.Name}”金额 {node.Amount:N2}。");
        var invoice = new Invoice(contractId, nodeId, number, issuedOn ?? businessDay.Today(), amount, viewer.UserName, clock.GetUtcNow().UtcDateTime);
        db.Invoices.Add(invoice);
        db.AuditEntries.Add(Audit(viewer, contractId, "contract.invoice", null, $"{invoice.Number} {node.Name} {amount} ({invoice.IssuedOn:yyyy-MM-dd})"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return EditResult.Saved(invoice.Id);
    }

    /// <summary>
    /// Takes the node's row for the rest of the transaction (a row lock on PostgreSQL, the write lock on
    /// SQLite) before its invoiced or paid total is read, so that parallel entries on one node are
    /// checked one after the other and its open amount can never go below zero.
    /// </summary>
    static Task<int> Lock(PlanLoopDbContext db, Guid nodeId, CancellationToken ct) =>
        db.Instalments.Where(n => n.Id == nodeId).ExecuteUpdateAsync(n => n.SetProperty(x => x.Amount, x => x.Amount), ct);

    static void FinanceOnly(Viewer viewer)
    {
        if (!viewer.Allows(Permission.RecordCollections)) throw new RuleException("finance-only");
    }

    static async Task<(Contract Contract, Instalment Node)?> Node(PlanLoopDbContext db, Guid contractId, Guid nodeId, Viewer viewer, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().Visible(db, viewer).SingleOrDefaultAsync(c => c.Id == contractId, ct);
        var node = contract is null ? null : await db.Instalments.AsNoTracking().SingleOrDefaultAsync(n => n.Id == nodeId && n.ContractId == contractId, ct);
        if (contract is null || node is null) return null;
        if (contract.Status != ContractStatus.Signed) throw new RuleException("contract-not-signed", contract.Number);
        return (contract, node);
    }

    static EditResult Invalid(string field, string message) => EditResult.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    AuditEntry Audit(Viewer viewer, Guid id, string action, string? before, string? after) =>
        new(clock.GetUtcNow().UtcDateTime, viewer.UserName, "contract", id, action, before, after);
}
