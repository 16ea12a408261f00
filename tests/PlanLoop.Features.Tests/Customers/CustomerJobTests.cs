using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Customers.Data;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Tests.Customers;

/// <summary>A small hand-made customer base on the demo organisation, for exact figures.</summary>
static class Customers
{
    public static readonly DateOnly AsOf = new(2024, 9, 30);

    public static async Task<Guid> Person(TestDatabase test, string name)
    {
        await using var db = test.NewContext();
        return await db.People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    public static async Task<Guid> Add(TestDatabase test, string name, AccountStatus status = AccountStatus.Customer, string? owner = "张伟", string? advisor = null,
        params decimal[] purchases)
    {
        await using var db = test.NewContext();
        var ownerId = owner is null ? (Guid?)null : await db.People.Where(p => p.Name == owner).Select(p => p.Id).SingleAsync();
        var advisorId = advisor is null ? (Guid?)null : await db.People.Where(p => p.Name == advisor).Select(p => p.Id).SingleAsync();
        var region = await db.Regions.Where(r => r.Code == "EAST").Select(r => r.Id).SingleAsync();
        var account = db.Accounts.Add(new Account(new AccountDetails(name, Industry: "制造业", RegionId: region, OwnerId: ownerId, AdvisorId: advisorId, Status: status), DateTime.UtcNow)).Entity;
        var line = await db.ProductLines.Where(l => l.Code == "CORE-A").Select(l => l.Id).SingleAsync();
        for (var i = 0; i < purchases.Length; i++)
            db.OrderLines.Add(new OrderLine($"T-{name}-{i}", account.Id, AsOf.AddDays(-10 * (i + 1)), purchases[i], line));
        await db.SaveChangesAsync();
        return account.Id;
    }
}

public sealed class CustomerJobTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Status_FollowsTheOrders_AProspectThatBoughtIsACustomer_AYearWithoutAnOrderIsChurn(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var recent = await Customers.Add(test, "近期采购", AccountStatus.Prospect);
        var longAgo = await Customers.Add(test, "三年前采购", AccountStatus.Prospect);
        var lapsed = await Customers.Add(test, "十三个月前", AccountStatus.Customer);
        var edge = await Customers.Add(test, "十一个月前", AccountStatus.Customer);
        var marked = await Customers.Add(test, "人工标记流失", AccountStatus.Churned);
        var never = await Customers.Add(test, "从未采购", AccountStatus.Prospect);
        await using (var db = test.NewContext())
        {
            var line = await db.ProductLines.Where(l => l.Code == "CORE-A").Select(l => l.Id).SingleAsync(ct);
            foreach (var (account, day, n) in new[] { (recent, Customers.AsOf.AddDays(-3), 1), (longAgo, Customers.AsOf.AddYears(-3), 2), (lapsed, Customers.AsOf.AddMonths(-13), 3),
                         (edge, Customers.AsOf.AddMonths(-11), 4), (marked, Customers.AsOf.AddDays(-30), 5) })
                db.OrderLines.Add(new OrderLine($"ST-{n}", account, day, 10_000m, line));
            // An order after the business day does not count yet.
            db.OrderLines.Add(new OrderLine("ST-6", never, Customers.AsOf.AddDays(1), 10_000m, line));
            await db.SaveChangesAsync(ct);
        }

        await test.Get<RefreshAccounts>().Handle("test", Customers.AsOf, null, ct);

        await using (var db = test.NewContext())
        {
            var status = await db.Accounts.ToDictionaryAsync(a => a.Id, a => a.Status, ct);
            Assert.Equal([AccountStatus.Customer, AccountStatus.Churned, AccountStatus.Churned, AccountStatus.Customer, AccountStatus.Churned, AccountStatus.Prospect],
                new[] { recent, longAgo, lapsed, edge, marked, never }.Select(id => status[id]));
            // A former customer is tiered like any other (nothing bought in the last 12 months: C).
            Assert.Equal(CustomerTier.C, (await db.Accounts.SingleAsync(a => a.Id == longAgo, ct)).Tier);
        }

        // The job's churn follows the data; a person's does not: a new order brings the lapsed account back, not the one marked churned.
        await using (var db = test.NewContext())
        {
            var line = await db.ProductLines.Where(l => l.Code == "CORE-A").Select(l => l.Id).SingleAsync(ct);
            db.OrderLines.Add(new OrderLine("ST-8", longAgo, Customers.AsOf.AddDays(-1), 5_000m, line));
            db.OrderLines.Add(new OrderLine("ST-9", marked, Customers.AsOf.AddDays(-1), 5_000m, line));
            await db.SaveChangesAsync(ct);
        }
        await test.Get<RefreshAccounts>().Handle("test", Customers.AsOf, null, ct);
        await using (var db = test.NewContext())
        {
            Assert.Equal(AccountStatus.Customer, (await db.Accounts.SingleAsync(a => a.Id == longAgo, ct)).Status);
            Assert.Equal(AccountStatus.Churned, (await db.Accounts.SingleAsync(a => a.Id == marked, ct)).Status);
        }

        // Two years without an order before churn: the account a year and a month without one is a customer again (the job churned it, under the old policy).
        var policy = await test.Get<EditTierPolicy>().Current(ct);
        var saved = await test.Get<EditTierPolicy>().Save(new TierPolicyInput(policy.AMinimumPurchase, policy.CBelowPurchase, policy.AMinimumChainDepth,
            policy.Service(CustomerTier.A), policy.Service(CustomerTier.B), policy.Service(CustomerTier.C), ChurnAfterMonths: 61), "salesops", ct);
        Assert.Equal(["churnAfterMonths"], saved.Errors!.Keys);
        Assert.True((await test.Get<EditTierPolicy>().Save(new TierPolicyInput(policy.AMinimumPurchase, policy.CBelowPurchase, policy.AMinimumChainDepth,
            policy.Service(CustomerTier.A), policy.Service(CustomerTier.B), policy.Service(CustomerTier.C), ChurnAfterMonths: 24), "salesops", ct)).Succeeded);
        var fresh = await Customers.Add(test, "十三个月前二号", AccountStatus.Prospect);
        await using (var db = test.NewContext())
        {
            db.OrderLines.Add(new OrderLine("ST-7", fresh, Customers.AsOf.AddMonths(-13), 10_000m, await db.ProductLines.Where(l => l.Code == "CORE-A").Select(l => l.Id).SingleAsync(ct)));
            await db.SaveChangesAsync(ct);
        }
        await test.Get<RefreshAccounts>().Handle("test", Customers.AsOf, null, ct);
        await using (var db = test.NewContext())
        {
            Assert.Equal(AccountStatus.Customer, (await db.Accounts.SingleAsync(a => a.Id == fresh, ct)).Status);
            Assert.Equal(AccountStatus.Customer, (await db.Accounts.SingleAsync(a => a.Id == lapsed, ct)).Status);
            Assert.Equal(AccountStatus.Churned, (await db.Accounts.SingleAsync(a => a.Id == marked, ct)).Status);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refresh_ClassifiesAtTheEdgesExactly_AndRunningTwiceChangesNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var a = await Customers.Add(test, "边界甲", purchases: [3_000_000m, 2_000_000m]);       // exactly 500万 → A
        var b1 = await Customers.Add(test, "边界乙", purchases: [4_999_999.99m]);              // a fen short of 500万 → B
        var b2 = await Customers.Add(test, "边界丙", purchases: [1_000_000m]);                 // exactly 100万 → B
        var c = await Customers.Add(test, "边界丁", purchases: [999_999.99m]);                 // a fen short of 100万 → C
        var prospect = await Customers.Add(test, "潜在戊", AccountStatus.Prospect);
        var refresh = test.Get<RefreshAccounts>();

        var first = await refresh.Handle("test", Customers.AsOf, null, ct);
        var second = await refresh.Handle("test", Customers.AsOf, null, ct);

        Assert.Equal((5, 4, 1), (first.Accounts, first.TierChanges, first.FollowUps));
        Assert.Equal((5, 0, 0), (second.Accounts, second.TierChanges, second.FollowUps));
        await using var db = test.NewContext();
        var tiers = await db.Accounts.ToDictionaryAsync(x => x.Id, x => x.Tier, ct);
        Assert.Equal(CustomerTier.A, tiers[a]);
        Assert.Equal(CustomerTier.B, tiers[b1]);
        Assert.Equal(CustomerTier.B, tiers[b2]);
        Assert.Equal(CustomerTier.C, tiers[c]);
        Assert.Null(tiers[prospect]);
        var reason = await db.TierChanges.Where(t => t.AccountId == c).Select(t => t.Reason).SingleAsync(ct);
        Assert.Equal("年采购额 999,999.99 < 1,000,000", reason);
        Assert.Equal(1, await db.TierChanges.Where(t => t.AccountId == a).Select(t => t.PolicyVersion).SingleAsync(ct));
        // One snapshot per customer and day, however often the job runs (the prospect has none); both runs recorded as completed.
        Assert.Equal(4, await db.HealthSnapshots.CountAsync(ct));
        Assert.Null((await db.Accounts.SingleAsync(x => x.Id == prospect, ct)).HealthScore);
        Assert.Equal(2, await db.CustomerJobRuns.CountAsync(r => r.Status == JobStatus.Completed && r.Processed == 5, ct));

        // The A account: no activity (0 of 12), bought but nothing the year before (50), never surveyed (50),
        // no receivables tracked (payment drops out) → (0 + 50 + 50) / 3 = 33.33, at risk, one follow-up for its owner.
        var health = await db.HealthSnapshots.SingleAsync(s => s.AccountId == a, ct);
        Assert.Equal((33.33m, HealthBand.AtRisk, 0m, 50m, 50m, (decimal?)null), (health.Score, health.Band, health.Activity, health.Purchases, health.Satisfaction, health.Payment));
        var followUp = await db.FollowUps.SingleAsync(ct);
        Assert.Equal((a, await Customers.Person(test, "张伟"), new DateOnly(2024, 10, 3)), (followUp.AccountId, followUp.AssigneeId!.Value, followUp.DueOn));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refresh_AfterATierRuleChange_RecordsTheMoveWithTheNewVersion(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var account = await Customers.Add(test, "升级客户", purchases: [4_000_000m]);
        var refresh = test.Get<RefreshAccounts>();
        await refresh.Handle("test", Customers.AsOf, null, ct);

        var seed = await test.Get<EditTierPolicy>().Current(ct);
        var saved = await test.Get<EditTierPolicy>().Save(new TierPolicyInput(4_000_000m, 1_000_000m, null,
            seed.Service(CustomerTier.A), seed.Service(CustomerTier.B), seed.Service(CustomerTier.C)), "salesops", ct);
        Assert.True(saved.Succeeded);
        Assert.Equal(2, saved.Value!.Version);
        var result = await refresh.Handle("nightly", Customers.AsOf, null, ct);

        Assert.Equal(1, result.TierChanges);
        await using var db = test.NewContext();
        var changes = await db.TierChanges.Where(c => c.AccountId == account).OrderBy(c => c.PolicyVersion).ToListAsync(ct);
        Assert.Equal([(null, CustomerTier.B, 1), (CustomerTier.B, CustomerTier.A, 2)], changes.Select(c => (c.FromTier, c.ToTier, c.PolicyVersion)));
        Assert.Equal("年采购额 4,000,000 ≥ 4,000,000", changes[1].Reason);
        Assert.Equal(("nightly", Customers.AsOf), (changes[1].ChangedBy, changes[1].AsOf));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SavePolicyAndModel_RefuseBadFigures_ByField(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var seed = await test.Get<EditTierPolicy>().Current(ct);
        var policy = await test.Get<EditTierPolicy>().Save(new TierPolicyInput(500_000m, 1_000_000m, 0,
            seed.Service(CustomerTier.A), new TierService("社群", 0, 30, 45), seed.Service(CustomerTier.C)), "salesops", ct);
        Assert.Equal(["aMinimumChainDepth", "aMinimumPurchase", "b"], policy.Errors!.Keys.Order(StringComparer.Ordinal));
        var model = await test.Get<EditHealthModel>().Save(new HealthModel(-1m, 1m, 1m, 1m, HealthyFrom: 50m, WatchFrom: 60m), "salesops", ct);
        Assert.Equal(["activityWeight", "watchFrom"], model.Errors!.Keys.Order(StringComparer.Ordinal));
        await using var db = test.NewContext();
        Assert.Equal((1, 1), (await db.TierPolicies.CountAsync(ct), await db.HealthModels.CountAsync(ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AdvisorCapacity_CountsLoadAgainstTheServiceModels(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        await Customers.Add(test, "战略一", advisor: "孔悦", purchases: [6_000_000m]);
        await Customers.Add(test, "战略二", advisor: "孔悦", purchases: [7_000_000m]);
        for (var i = 0; i < 5; i++) await Customers.Add(test, $"成长{i}", advisor: "白露", purchases: [2_000_000m]);
        await Customers.Add(test, "小客户", purchases: [50_000m]);
        await test.Get<RefreshAccounts>().Handle("test", Customers.AsOf, null, ct);

        var capacity = await test.Get<GetAdvisorCapacity>().Handle(ct);

        var kong = capacity.Advisors.Single(x => x.Name == "孔悦");
        Assert.Equal((2, 0, 0, 2m, true), (kong.A, kong.B, kong.C, kong.Load, kong.Overloaded));
        var bai = capacity.Advisors.Single(x => x.Name == "白露");
        Assert.Equal((0, 5, 0, 0.5m, false), (bai.A, bai.B, bai.C, bai.Load, bai.Overloaded));
        Assert.Equal([(CustomerTier.A, 2, 2, 2m), (CustomerTier.B, 5, 5, 0.5m), (CustomerTier.C, 1, 0, 0.1m)],
            capacity.Tiers.Select(t => (t.Tier, t.Customers, t.Advised, t.AdvisorsNeeded)));
        Assert.Equal((5, 2.6m), (capacity.AdvisorsAvailable, capacity.AdvisorsNeeded));
    }

    sealed class CancelAfterFirstBatch(CancellationTokenSource cancel) : IProgress<RefreshProgress>
    {
        public void Report(RefreshProgress value) => cancel.Cancel();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refresh_Interrupted_KeepsTheFinishedBatch_AndTheNextRunCompletesWithoutDuplicates(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var refresh = test.Get<RefreshAccounts>();
        var day = new DateOnly(2024, 12, 31);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refresh.Handle("nightly", day, new CancelAfterFirstBatch(cancel), cancel.Token));

        await using (var db = test.NewContext())
        {
            var stopped = await db.CustomerJobRuns.SingleAsync(r => r.AsOf == day, ct);
            Assert.Equal((JobStatus.Failed, "interrupted", RefreshAccounts.BatchSize, 1230), (stopped.Status, stopped.Error, stopped.Processed, stopped.Accounts));
            var customersInFirstBatch = await db.Accounts.OrderBy(a => a.Id).Take(RefreshAccounts.BatchSize).CountAsync(a => a.Status != AccountStatus.Prospect, ct);
            Assert.Equal(customersInFirstBatch, await db.HealthSnapshots.CountAsync(s => s.AsOf == day, ct));
        }
        var again = await refresh.Handle("nightly", day, null, ct);
        await using (var db = test.NewContext())
        {
            Assert.Equal(1230, again.Accounts);
            // One snapshot per customer: every account but the 172 prospects that have not bought (28 of the 200 did, in 2024).
            Assert.Equal(1230 - 172, await db.HealthSnapshots.CountAsync(s => s.AsOf == day, ct));
            Assert.Equal(1, await db.CustomerJobRuns.CountAsync(r => r.AsOf == day && r.Status == JobStatus.Completed, ct));
            // Each account's tier moved at most once for that day, although the first batch was seen twice.
            Assert.False(await db.TierChanges.Where(c => c.AsOf == day).GroupBy(c => c.AccountId).AnyAsync(g => g.Count() > 1, ct));
        }
    }
}
