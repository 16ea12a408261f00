using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Customers;

public sealed record AtRiskRow(Guid Id, string Name, CustomerTier? Tier, string? Owner, string? Advisor, decimal? Score, DateOnly? AsOf,
    decimal? Activity, decimal? Purchases, decimal? Satisfaction, string? OpenFollowUp, DateOnly? FollowUpDue);

public sealed record AtRiskCount(CustomerTier? Tier, string? Owner, int Accounts);

public sealed record AtRiskList(IReadOnlyList<AtRiskRow> Rows, IReadOnlyList<AtRiskCount> ByTierAndOwner);

/// <summary>
/// Customers whose latest health is "at risk", worst first, with the components that pulled them
/// down and the open follow-up of A-tier ones; and how many there are by tier and owner (counted
/// by the database).
/// </summary>
public sealed class ListAtRiskAccounts(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<AtRiskList> Handle(Viewer viewer, CustomerTier? tier, Guid? ownerId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var accounts = db.Accounts.AsNoTracking().Visible(db, viewer).Where(a => a.HealthBand == HealthBand.AtRisk && a.Status != AccountStatus.Prospect);
        if (tier is { } t) accounts = accounts.Where(a => a.Tier == t);
        if (ownerId is { } o) accounts = accounts.Where(a => a.OwnerId == o);

        var rows = await accounts.OrderBy(a => a.Tier).ThenBy(a => a.HealthScore).ThenBy(a => a.Name)
            .Select(a => new
            {
                a.Id,
                a.Name,
                a.Tier,
                a.HealthScore,
                a.HealthAsOf,
                Owner = db.People.Where(p => p.Id == a.OwnerId).Select(p => p.Name).FirstOrDefault(),
                Advisor = db.People.Where(p => p.Id == a.AdvisorId).Select(p => p.Name).FirstOrDefault(),
                Snapshot = db.HealthSnapshots.Where(s => s.AccountId == a.Id && s.AsOf == a.HealthAsOf).Select(s => new { s.Activity, s.Purchases, s.Satisfaction }).FirstOrDefault(),
                FollowUp = db.FollowUps.Where(f => f.AccountId == a.Id && f.Status == FollowUpStatus.Open).OrderBy(f => f.DueOn).Select(f => new { f.Title, f.DueOn }).FirstOrDefault(),
            })
            .Take(1000).ToListAsync(ct);
        var counts = await accounts.GroupBy(a => new { a.Tier, a.OwnerId })
            .Select(g => new { g.Key.Tier, g.Key.OwnerId, Count = g.Count() }).ToListAsync(ct);
        var names = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return new AtRiskList(
            rows.Select(r => new AtRiskRow(r.Id, r.Name, r.Tier, r.Owner, r.Advisor, r.HealthScore, r.HealthAsOf,
                r.Snapshot?.Activity, r.Snapshot?.Purchases, r.Snapshot?.Satisfaction, r.FollowUp?.Title, r.FollowUp?.DueOn)).ToList(),
            counts.Select(c => new AtRiskCount(c.Tier, c.OwnerId is { } id ? names.GetValueOrDefault(id) : null, c.Count))
                .OrderBy(c => c.Tier).ThenByDescending(c => c.Accounts).ThenBy(c => c.Owner, StringComparer.Ordinal).ToList());
    }

    /// <summary>Marks a follow-up done; false when it does not exist or belongs to an account the viewer cannot see.</summary>
    public async Task<bool> Complete(Guid followUpId, Viewer viewer, DateTime at, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == followUpId, ct);
        if (followUp is null || !await db.Accounts.Visible(db, viewer).AnyAsync(a => a.Id == followUp.AccountId, ct)) return false;
        followUp.Complete(at);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
