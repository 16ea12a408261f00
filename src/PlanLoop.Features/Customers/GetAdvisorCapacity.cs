using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Organisation;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Customers;

/// <summary>One advisor's accounts by tier and their load in full-time advisors under the tiers' service models.</summary>
public sealed record AdvisorLoad(Guid PersonId, string Name, int A, int B, int C, decimal Load)
{
    public bool Overloaded => Load > 1m;
}

public sealed record TierNeed(CustomerTier Tier, string ServiceModel, int AccountsPerAdvisor, int Customers, int Advised, decimal AdvisorsNeeded);

/// <summary>
/// Advisor capacity against the service models (seed §4.1: A one advisor per account, B/C one per
/// ten): per advisor their load (A ÷ 1 + B ÷ 10 + C ÷ 10 with the current rules), per tier the
/// advisors the customers need, against the advisors there are.
/// </summary>
public sealed record AdvisorCapacity(IReadOnlyList<AdvisorLoad> Advisors, IReadOnlyList<TierNeed> Tiers, int AdvisorsAvailable, int PolicyVersion)
{
    public decimal AdvisorsNeeded => Tiers.Sum(t => t.AdvisorsNeeded);
}

public sealed class GetAdvisorCapacity(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<AdvisorCapacity> Handle(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var policy = await EditTierPolicy.Current(db, ct);
        var customers = db.Accounts.Where(a => a.Status == AccountStatus.Customer && a.Tier != null);
        var byAdvisor = await customers.Where(a => a.AdvisorId != null).GroupBy(a => new { a.AdvisorId, a.Tier })
            .Select(g => new { g.Key.AdvisorId, g.Key.Tier, Count = g.Count() }).ToListAsync(ct);
        var byTier = await customers.GroupBy(a => a.Tier)
            .Select(g => new { Tier = g.Key, Count = g.Count(), Advised = g.Count(a => a.AdvisorId != null) }).ToListAsync(ct);
        var advisorIds = byAdvisor.Select(x => x.AdvisorId!.Value).ToHashSet();
        var people = await db.People.AsNoTracking().Where(p => p.Position == Position.CustomerSuccess || advisorIds.Contains(p.Id)).ToListAsync(ct);

        int Count(Guid id, CustomerTier tier) => byAdvisor.Where(x => x.AdvisorId == id && x.Tier == tier).Sum(x => x.Count);
        decimal Load(int count, CustomerTier tier) => (decimal)count / policy.Service(tier).AccountsPerAdvisor;
        var advisors = people.Select(p =>
            {
                var (a, b, c) = (Count(p.Id, CustomerTier.A), Count(p.Id, CustomerTier.B), Count(p.Id, CustomerTier.C));
                return new AdvisorLoad(p.Id, p.Name, a, b, c, Math.Round(Load(a, CustomerTier.A) + Load(b, CustomerTier.B) + Load(c, CustomerTier.C), 2, MidpointRounding.AwayFromZero));
            })
            .OrderByDescending(x => x.Load).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        var tiers = Enum.GetValues<CustomerTier>().Select(t =>
        {
            var row = byTier.FirstOrDefault(x => x.Tier == t);
            var service = policy.Service(t);
            var count = row?.Count ?? 0;
            return new TierNeed(t, service.ServiceModel, service.AccountsPerAdvisor, count, row?.Advised ?? 0,
                Math.Round(Load(count, t), 2, MidpointRounding.AwayFromZero));
        }).ToList();
        return new AdvisorCapacity(advisors, tiers, people.Count(p => p.Position == Position.CustomerSuccess && p.IsActive), policy.Version);
    }
}
