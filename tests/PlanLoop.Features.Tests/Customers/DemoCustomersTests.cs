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
        Assert.Equal(DemoCustomers.Prospects, await db.Accounts.CountAsync(a => a.Status == AccountStatus.Prospect, ct));

        // At the end of 2023 the tiers are the seed's: 6 A, 40 B, the rest C — recorded as tier changes by the demo job.
        var firstTiers = await db.TierChanges.Where(c => c.FromTier == null).GroupBy(c => c.ToTier).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Assert.Equal(DemoCustomers.ACount, firstTiers[CustomerTier.A]);
        Assert.Equal(DemoCustomers.BCount, firstTiers[CustomerTier.B]);

        // Every customer has one health snapshot per quarter end (prospects none), and the job ran four times.
        Assert.Equal(4, await db.CustomerJobRuns.CountAsync(r => r.Status == Features.Customers.Data.JobStatus.Completed, ct));
        Assert.Equal(4 * await db.Accounts.CountAsync(a => a.Status != AccountStatus.Prospect, ct), await db.HealthSnapshots.CountAsync(ct));
        Assert.Equal(0, await db.Accounts.CountAsync(a => a.Status == AccountStatus.Prospect && a.HealthScore != null, ct));
        var codes = await db.Accounts.Select(a => a.CreditCode).ToListAsync(ct);
        Assert.All(codes, code => Assert.True(CreditCode.IsValid(code), $"{code} is not a valid credit code"));
    }
}
