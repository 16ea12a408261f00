using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Data;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Forecasting;

/// <summary>Customers who order and money collected, forecast by month on the demo, on both databases: the closed months are the database's, the rest forecast.</summary>
public sealed class MeasureForecastTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CustomersAndCollection_ClosedMonthsAreCountedByTheDatabase_AndOctoberToDecemberAreForecast(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var rep = await test.Get<GetViewer>().Handle("rep", [Roles.Rep], Ct);
        var feature = test.Get<GetMeasureForecast>();

        var customers = await feature.Handle(director, ForecastMeasure.Customers, ForecastMethod.Combination, Ct);
        var collection = await feature.Handle(director, ForecastMeasure.Collection, ForecastMethod.Combination, Ct);
        var repCustomers = await feature.Handle(rep, ForecastMeasure.Customers, ForecastMethod.Theta, Ct);

        await using var db = test.NewContext();
        var lines = await db.OrderLines.AsNoTracking().Select(o => new { o.BookedOn, o.AccountId, o.OwnerId }).ToListAsync(Ct);
        var payments = await db.Payments.AsNoTracking().Select(p => new { p.ReceivedOn, p.Amount }).ToListAsync(Ct);
        var months = Enumerable.Range(0, 12).Select(k => new DateOnly(2023, 10, 1).AddMonths(k)).ToList();   // October 2023 to September 2024

        Assert.Equal(months, customers.Months.Take(12).Select(m => m.Month));
        Assert.Equal(months.Select(m => (decimal?)lines.Where(l => l.BookedOn.Year == m.Year && l.BookedOn.Month == m.Month).Select(l => l.AccountId).Distinct().Count()), customers.Months.Take(12).Select(m => m.Actual));
        Assert.Equal([new DateOnly(2024, 10, 1), new DateOnly(2024, 11, 1), new DateOnly(2024, 12, 1)], customers.Months.Skip(12).Select(m => m.Month));
        Assert.All(customers.Months.Skip(12), m => Assert.True(m.Lower80 <= m.Forecast && m.Forecast <= m.Upper80 && m.Forecast == Math.Round(m.Forecast!.Value)));
        Assert.Equal(33, customers.HistoryMonths);   // January 2022 to September 2024
        Assert.Null(customers.YearEstimate);   // customers are not summed over months

        Assert.Equal(months.Select(m => (decimal?)payments.Where(p => p.ReceivedOn.Year == m.Year && p.ReceivedOn.Month == m.Month).Sum(p => p.Amount)), collection.Months.Take(12).Select(m => m.Actual));
        var collected2024 = payments.Where(p => p.ReceivedOn.Year == 2024).Sum(p => p.Amount);
        Assert.Equal(collected2024, collection.YearToDate);
        Assert.Equal(collected2024 + collection.Months.Skip(12).Sum(m => m.Forecast), collection.YearEstimate);
        Assert.All(collection.Months.Skip(12), m => Assert.True(m.Forecast > 0 && m.Lower80 >= 0));

        // A seller forecasts their own customers only.
        var own = await db.People.Where(p => p.Name == "张伟").Select(p => p.Id).SingleAsync(Ct);
        Assert.Equal(months.Select(m => (decimal?)lines.Where(l => l.OwnerId == own && l.BookedOn.Year == m.Year && l.BookedOn.Month == m.Month).Select(l => l.AccountId).Distinct().Count()),
            repCustomers.Months.Take(12).Select(m => m.Actual));
        Assert.Equal(ForecastMethod.Theta, repCustomers.Method);
    }
}
