using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Customers;

public sealed class AccountListTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SortedByPurchasesOrLastPurchase_PagesAreExact_AndTheWindowIsTheTwelveMonthsToTheBusinessDay(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        await Add(test, "甲", ("2024-09-20", 3_000_000m), ("2024-08-31", 2_000_000.01m));
        await Add(test, "乙", ("2024-09-28", 1_000_000m), ("2023-09-30", 123m));            // a year before the business day: outside
        await Add(test, "丙", ("2023-06-30", 9_000_000m));                                 // only long ago
        await Add(test, "丁");                                                             // never bought
        await Add(test, "戊", ("2024-10-15", 5_000_000m), ("2023-10-01", 875_000m));        // after the business day: not yet
        var list = test.Get<ListAccounts>();
        async Task<AccountPage> Page(AccountSort sort, bool descending, int page = 1, int size = 50) =>
            await list.Handle(new AccountQuery(Sort: sort, Descending: descending, Page: page, PageSize: size), Viewer.System, ct);
        static string[] Names(AccountPage p) => [.. p.Rows.Select(r => r.Name)];

        var top = await Page(AccountSort.Purchases, true, 1, 2);
        Assert.Equal(["甲", "乙"], Names(top));
        Assert.Equal([5_000_000.01m, 1_000_000m], top.Rows.Select(r => r.Purchases));
        Assert.Equal([new DateOnly(2024, 9, 20), new DateOnly(2024, 9, 28)], top.Rows.Select(r => r.LastPurchase));
        Assert.Equal((5, 6_875_000.01m, new DateOnly(2024, 9, 30)), (top.Total, top.TotalPurchases, top.AsOf));
        var second = await Page(AccountSort.Purchases, true, 2, 2);
        var third = await Page(AccountSort.Purchases, true, 3, 2);
        Assert.Equal("戊", second.Rows[0].Name);
        Assert.Equal(875_000m, second.Rows[0].Purchases);
        Assert.Equal(["丁", "丙"], Names(second).Skip(1).Concat(Names(third)).Order(StringComparer.Ordinal));   // a tie at 0, split by id
        Assert.Equal([0m, 0m], second.Rows.Skip(1).Concat(third.Rows).Select(r => r.Purchases));

        var filtered = await list.Handle(new AccountQuery(Search: "戊"), Viewer.System, ct);   // the total of a filtered list joins the sums
        Assert.Equal((1, 875_000m), (filtered.Total, filtered.TotalPurchases));
        Assert.Equal(["戊", "乙", "甲"], Names(await Page(AccountSort.Purchases, false)).Skip(2));
        Assert.Equal(["乙", "甲", "戊", "丙", "丁"], Names(await Page(AccountSort.LastPurchase, true)));
        Assert.Equal(["丙", "戊", "甲", "乙", "丁"], Names(await Page(AccountSort.LastPurchase, false)));   // never bought: last either way
        var last = await Page(AccountSort.LastPurchase, true);
        Assert.Equal([new DateOnly(2024, 9, 28), new DateOnly(2024, 9, 20), new DateOnly(2023, 10, 1), new DateOnly(2023, 6, 30), null],
            last.Rows.Select(r => r.LastPurchase));

        // A booking is on the next read (the list is cached while nothing is written).
        await using (var db = test.NewContext())
        {
            var d = await db.Accounts.Where(a => a.Name == "丁").Select(a => a.Id).SingleAsync(ct);
            var line = await db.ProductLines.Where(l => l.Code == "CORE-A").Select(l => l.Id).SingleAsync(ct);
            db.OrderLines.Add(new OrderLine("T-丁-new", d, new DateOnly(2024, 9, 30), 6_000_000m, line));
            await db.SaveChangesAsync(ct);
        }
        var after = await Page(AccountSort.Purchases, true, 1, 2);
        Assert.Equal(["丁", "甲"], Names(after));
        Assert.Equal(12_875_000.01m, after.TotalPurchases);
    }

    static async Task Add(TestDatabase test, string name, params (string On, decimal Amount)[] lines)
    {
        var id = await Customers.Add(test, name);
        await using var db = test.NewContext();
        var line = await db.ProductLines.Where(l => l.Code == "CORE-A").Select(l => l.Id).SingleAsync();
        foreach (var (on, amount) in lines)
            db.OrderLines.Add(new OrderLine($"T-{name}-{on}", id, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), amount, line));
        await db.SaveChangesAsync();
    }
}
