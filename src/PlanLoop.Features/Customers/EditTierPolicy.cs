using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Customers;

public sealed record TierPolicyInput(decimal AMinimumPurchase, decimal CBelowPurchase, int? AMinimumChainDepth, TierService A, TierService B, TierService C,
    int ChurnAfterMonths = TierPolicy.DefaultChurnAfterMonths);

/// <summary>
/// The tier rules and service models: the current version, its history, and saving a change as a
/// new version (version 1 is the seed's, put there by the first migration). Existing accounts move
/// tiers when the customer job next runs (on demand or nightly), each move recorded with the version.
/// </summary>
public sealed class EditTierPolicy(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<IReadOnlyList<TierPolicy>> History(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.TierPolicies.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(ct);
    }

    public async Task<TierPolicy> Current(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Current(db, ct);
    }

    internal static async Task<TierPolicy> Current(PlanLoopDbContext db, CancellationToken ct) =>
        await db.TierPolicies.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException("No tier policy: the database is not migrated.");

    public async Task<EditResult<TierPolicy>> Save(TierPolicyInput input, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        if (input.CBelowPurchase < 0m) errors["cBelowPurchase"] = ["C 类上限不能为负。"];
        if (input.AMinimumPurchase < input.CBelowPurchase) errors["aMinimumPurchase"] = ["A 类下限不能低于 C 类上限。"];
        if (input.AMinimumChainDepth is < 1 or > ContactDetails.MaxLevel) errors["aMinimumChainDepth"] = [$"决策链层数应在 1 到 {ContactDetails.MaxLevel} 之间(联系人的决策层级最多 {ContactDetails.MaxLevel} 层)。"];
        if (input.ChurnAfterMonths is < 1 or > 60) errors["churnAfterMonths"] = ["流失判定月数应在 1 到 60 之间。"];
        foreach (var (tier, service, field) in new[] { (CustomerTier.A, input.A, "a"), (CustomerTier.B, input.B, "b"), (CustomerTier.C, input.C, "c") })
            if (service is null) errors[field] = [$"缺少 {tier} 类的服务模式。"];
            else if (service.Problem(tier) is { } p) errors[field] = [p];
        if (errors.Count > 0) return EditResult<TierPolicy>.Invalid(errors);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var next = await db.TierPolicies.MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var policy = new TierPolicy(next + 1, new TierRules(input.AMinimumPurchase, input.CBelowPurchase, input.AMinimumChainDepth),
            input.A, input.B, input.C, user, clock.GetUtcNow().UtcDateTime, input.ChurnAfterMonths);
        db.TierPolicies.Add(policy);
        await db.SaveChangesAsync(ct);
        return EditResult<TierPolicy>.Saved(policy);
    }
}
