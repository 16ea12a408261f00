using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Demo;

namespace PlanLoop.Features.Tests.Customers;

public sealed class DemoCustomersTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_HasTheSeedBaseline_850CustomersBuying12YiIn2023(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        await using var db = test.NewContext();

        var in2023 = db.OrderLines.Where(o => o.BookedOn >= new DateOnly(2023, 1, 1) && o.BookedOn <= new DateOnly(2023, 12, 31));
        Assert.Equal(850, await in2023.Select(o => o.AccountId).Distinct().CountAsync(ct));
        Assert.Equal(120_000_000m, await in2023.SumAsync(o => o.Amount, ct));
        Assert.Equal(850 + DemoCustomers.NewIn2024 + DemoCustomers.Prospects, await db.Accounts.CountAsync(ct));
        // Of the 200 prospects, the 28 that bought in 2024 (won deals) are customers now: the status follows the orders.
        Assert.Equal(172, await db.Accounts.CountAsync(a => a.Status == AccountStatus.Prospect, ct));
        Assert.Equal(172, await db.Accounts.CountAsync(a => a.Status == AccountStatus.Prospect && !db.OrderLines.Any(o => o.AccountId == a.Id), ct));

        // At the end of 2023 the tiers are the seed's: 6 A, 40 B, the rest C — recorded as tier changes by the demo job.
        var firstTiers = await db.TierChanges.Where(c => c.FromTier == null).GroupBy(c => c.ToTier).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Assert.Equal(DemoCustomers.ACount, firstTiers[CustomerTier.A]);
        Assert.Equal(DemoCustomers.BCount, firstTiers[CustomerTier.B]);

        // The job ran four times; each customer has a snapshot at the last run, the 2023 and new 2024 customers one per
        // quarter end, a prospect that bought from the run that saw its order on, and a prospect none.
        Assert.Equal(4, await db.CustomerJobRuns.CountAsync(r => r.Status == Features.Customers.Data.JobStatus.Completed, ct));
        var customers = await db.Accounts.CountAsync(a => a.Status != AccountStatus.Prospect, ct);
        Assert.Equal(1230 - 172, customers);
        Assert.Equal(customers, await db.HealthSnapshots.CountAsync(s => s.AsOf == DemoCustomers.AsOf, ct));
        var perAccount = await db.HealthSnapshots.GroupBy(s => s.AccountId).Select(g => g.Count()).ToListAsync(ct);
        Assert.Equal((customers, 850 + DemoCustomers.NewIn2024), (perAccount.Count, perAccount.Count(n => n == 4)));
        Assert.Equal(0, await db.Accounts.CountAsync(a => a.Status == AccountStatus.Prospect && a.HealthScore != null, ct));
        var codes = await db.Accounts.Select(a => a.CreditCode).ToListAsync(ct);
        Assert.All(codes, code => Assert.True(CreditCode.IsValid(code), $"{code} is not a valid credit code"));

        // Every won deal has its contract; each signed contract booked exactly its amount, its payment nodes add up to it,
        // and no node has received more than its amount.
        var won = await db.Opportunities.CountAsync(o => o.StageCode == Domain.Execution.SopStages.Won, ct);
        Assert.Equal(won, await db.Contracts.CountAsync(ct));
        var signed = await db.Contracts.Where(c => c.Status == Domain.Execution.ContractStatus.Signed)
            .Select(c => new
            {
                c.Amount,
                Booked = db.OrderLines.Where(o => o.ContractId == c.Id).Sum(o => o.Amount),
                Planned = db.Instalments.Where(n => n.ContractId == c.Id).Sum(n => n.Amount),
            }).ToListAsync(ct);
        Assert.True(signed.Count > 100, $"only {signed.Count} signed contracts");
        Assert.All(signed, c => Assert.Equal((c.Amount, c.Amount), (c.Booked, c.Planned)));
        Assert.False(await db.Instalments.AnyAsync(n => db.Payments.Where(p => p.InstalmentId == n.Id).Sum(p => p.Amount) > n.Amount, ct));
        // 2024 to the end of Q3: repeat orders from the ERP and the contracts together, 97.4% of the plan's Q1–Q3 (1.08亿).
        Assert.Equal(105_210_900m, await db.OrderLines.Where(o => o.BookedOn >= new DateOnly(2024, 1, 1)).SumAsync(o => o.Amount, ct));
    }
}
