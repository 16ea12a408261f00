using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Customers;

/// <summary>The health model's weights, bands and activity norms: current version, history, save as a new version (SalesOps).</summary>
public sealed class EditHealthModel(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    /// <summary>Activities a month that count as full marks: a person works about 22 days, so 1,000 is past any real norm.</summary>
    public const int MaxActivityNorm = 1000;

    public async Task<IReadOnlyList<HealthModelVersion>> History(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.HealthModels.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(ct);
    }

    public async Task<HealthModelVersion> Current(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Current(db, ct);
    }

    internal static async Task<HealthModelVersion> Current(PlanLoopDbContext db, CancellationToken ct) =>
        await db.HealthModels.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException("No health model: the database is not migrated.");

    public async Task<EditResult<HealthModelVersion>> Save(HealthModel model, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, w) in new[] { ("activityWeight", model.ActivityWeight), ("purchaseWeight", model.PurchaseWeight), ("satisfactionWeight", model.SatisfactionWeight), ("paymentWeight", model.PaymentWeight) })
            if (w < 0m) errors[field] = ["权重不能为负。"];
        if (errors.Count == 0 && model.ActivityWeight + model.PurchaseWeight + model.SatisfactionWeight + model.PaymentWeight == 0m)
            errors["activityWeight"] = ["至少一个权重大于 0。"];
        if (model.HealthyFrom is < 0m or > 100m) errors["healthyFrom"] = ["“健康”下限应在 0 到 100 之间。"];
        if (model.WatchFrom is < 0m or > 100m || model.WatchFrom > model.HealthyFrom) errors["watchFrom"] = ["“关注”下限应在 0 到 100 之间,且不高于“健康”下限。"];
        foreach (var (field, n) in new[] { ("activityNormA", model.ActivityNormA), ("activityNormB", model.ActivityNormB), ("activityNormC", model.ActivityNormC) })
            if (n is < 0 or > MaxActivityNorm) errors[field] = [$"活动基准应在 0 到 {MaxActivityNorm} 之间(每月活动次数)。"];
        if (errors.Count > 0) return EditResult<HealthModelVersion>.Invalid(errors);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var next = await db.HealthModels.MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var saved = new HealthModelVersion(next + 1, model, user, clock.GetUtcNow().UtcDateTime);
        db.HealthModels.Add(saved);
        await db.SaveChangesAsync(ct);
        return EditResult<HealthModelVersion>.Saved(saved);
    }
}
