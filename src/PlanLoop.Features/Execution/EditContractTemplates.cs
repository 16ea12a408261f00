using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Execution.Data;

namespace PlanLoop.Features.Execution;

public sealed record TemplateInput(string Code, string Name, string? ProductLineCode, CustomerTier? Tier, string Terms, IReadOnlyList<PaymentTerm> PaymentTerms);

/// <summary>
/// The standard contract library: every version of every template (the newest is used for new
/// contracts; contracts keep the version they were made from). Saving a template stores its next
/// version; the payment plan must add up to 100%, the product line must exist.
/// </summary>
public sealed class EditContractTemplates(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<IReadOnlyList<ContractTemplate>> List(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.ContractTemplates.AsNoTracking().OrderBy(t => t.Code).ThenByDescending(t => t.Version).ToListAsync(ct);
    }

    public async Task<EditResult> Save(TemplateInput input, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Code) || input.Code.Trim().Length > 40) errors["code"] = ["模板编码为 1 到 40 个字符。"];
        if (string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["模板名称不能为空。"];
        if (string.IsNullOrWhiteSpace(input.Terms)) errors["terms"] = ["条款不能为空。"];
        if (PaymentPlan.Problem(input.PaymentTerms ?? []) is { } plan) errors["paymentTerms"] = [plan];
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (input.ProductLineCode is { } line && !await db.ProductLines.AnyAsync(l => l.Code == line, ct)) errors["productLineCode"] = [$"产品线 '{line}' 不存在。"];
        if (errors.Count > 0) return EditResult.Invalid(errors);
        var code = input.Code.Trim().ToUpperInvariant();
        var next = (await db.ContractTemplates.Where(t => t.Code == code).MaxAsync(t => (int?)t.Version, ct) ?? 0) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var template = new ContractTemplate(code, next, input.Name, input.ProductLineCode, input.Tier, input.Terms, input.PaymentTerms!, user, now);
        db.ContractTemplates.Add(template);
        db.AuditEntries.Add(new AuditEntry(now, user, "contract-template", template.Id, "contract-template.save", next > 1 ? $"{code} v{next - 1}" : null, $"{code} v{next}"));
        await db.SaveChangesAsync(ct);
        return EditResult.Saved();
    }
}
