using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

/// <summary>Won deals of one tier: how many, their cycle from creation to close (calendar days), against the tier's expected decision cycle.</summary>
public sealed record TierCycle(CustomerTier? Tier, int Deals, decimal? AverageDays, int? MedianDays, int ExpectedMinDays, int ExpectedMaxDays, int Faster, int Within, int Slower);

public sealed record CycleTimes(int Year, IReadOnlyList<TierCycle> Tiers);

/// <summary>
/// Cycle time of the deals won in a year, by the account's tier, against the tier rules' expected
/// decision cycle (A 60–90 days, B 30–45, C 15–30 in the seed): average, median and how many closed
/// faster, within or slower than expected. Deals in the viewer's scope only.
/// </summary>
public sealed class GetCycleTimes(IDbContextFactory<PlanLoopDbContext> dbs, EditTierPolicy tiers)
{
    public async Task<CycleTimes> Handle(int year, Viewer viewer, CancellationToken ct)
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var policy = await tiers.Current(ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var won = await db.Opportunities.AsNoTracking().Visible(db, viewer)
            .Where(o => o.StageCode == SopStages.Won && o.ClosedOn >= first && o.ClosedOn <= last)
            .Select(o => new { o.CreatedOn, ClosedOn = o.ClosedOn!.Value, Tier = db.Accounts.Where(a => a.Id == o.AccountId).Select(a => a.Tier).FirstOrDefault() })
            .ToListAsync(ct);
        var rows = Enum.GetValues<CustomerTier>().Select(tier =>
        {
            var expected = policy.Service(tier);
            var days = won.Where(w => w.Tier == tier).Select(w => w.ClosedOn.DayNumber - w.CreatedOn.DayNumber).Order().ToList();
            return new TierCycle(tier, days.Count, days.Count == 0 ? null : Math.Round((decimal)days.Sum() / days.Count, 1, MidpointRounding.AwayFromZero),
                days.Count == 0 ? null : days[(days.Count - 1) / 2], expected.CycleMinDays, expected.CycleMaxDays,
                days.Count(d => d < expected.CycleMinDays), days.Count(d => d >= expected.CycleMinDays && d <= expected.CycleMaxDays), days.Count(d => d > expected.CycleMaxDays));
        }).ToList();
        return new CycleTimes(year, rows);
    }
}
