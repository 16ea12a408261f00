using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Data;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Monitoring;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Forecasting;

/// <summary>The year's revenue forecast on the demo (order lines from January 2022 to 30 September 2024), on both databases.</summary>
public sealed class RevenueForecastTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Director_TheYearLandsAsADistribution_BookedMonthsAreTheDatabasesAndTheRestIsForecast(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var director = await test.Get<GetViewer>().Handle("director", [Roles.Director], Ct);
        var feature = test.Get<GetRevenueForecast>();

        var result = await feature.Handle(director, 2024, null, null, ForecastMethod.Combination, Ct);
        var again = await feature.Handle(director, 2024, null, null, ForecastMethod.Combination, Ct);

        Assert.Equal(EditOutcome.Saved, result.Outcome);
        var f = result.Value!;
        await using var db = test.NewContext();
        var lines = await db.OrderLines.AsNoTracking().Where(o => o.BookedOn.Year == 2024).Select(o => new { o.BookedOn.Month, o.Amount }).ToListAsync(Ct);
        var firstMonth = await db.OrderLines.MinAsync(o => o.BookedOn, Ct);
        Assert.Equal(lines.Sum(l => l.Amount), f.Booked);   // 30 September is a month end: January to September are booked
        Assert.Equal(Enumerable.Range(1, 9).Select(m => (decimal?)lines.Where(l => l.Month == m).Sum(l => l.Amount)), f.Months.Take(9).Select(m => m.Actual));
        Assert.All(f.Months.Take(9), m => Assert.Null(m.Forecast));
        Assert.Equal([10, 11, 12], f.Months.Where(m => m.Forecast is not null).Select(m => m.Month));
        Assert.Equal((2024 - firstMonth.Year) * 12 + 9 - firstMonth.Month + 1, f.HistoryMonths);
        Assert.Equal(150_000_000m, f.Target);
        Assert.True(f.P10 <= f.P50 && f.P50 <= f.P90 && f.P10 >= f.Booked, $"{f.P10} {f.P50} {f.P90}");
        Assert.InRange(f.ProbabilityOfTarget!.Value, 0m, 1m);
        Assert.Equal(f.Target - f.P50, f.GapAtP50);
        Assert.Equal((f.P10, f.P50, f.P90, f.ProbabilityOfTarget), (again.Value!.P10, again.Value.P50, again.Value.P90, again.Value.ProbabilityOfTarget));   // a fixed seed
        Assert.All(f.Months.Where(m => m.Forecast is not null), m => Assert.True(m.Lower95 <= m.Lower80 && m.Lower80 <= m.Forecast && m.Forecast <= m.Upper80 && m.Upper80 <= m.Upper95));
        if (f.HistoryMonths < 24) Assert.Contains("short-for-season", f.Notes);
        // The fan ends on the year's distribution and starts above what is booked.
        Assert.Equal((f.P10, f.P50, f.P90), (f.Months[11].ToDateP10, f.Months[11].ToDateP50, f.Months[11].ToDateP90));
        Assert.True(f.Months[9].ToDateP10 > f.Booked && f.Months[9].ToDateP50 < f.Months[10].ToDateP50);
        Assert.All(f.Months.Take(9), m => Assert.Null(m.ToDateP50));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARegion_AndARep_SeeOnlyTheirLines_AndBadCutsAreFieldErrors(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var viewers = test.Get<GetViewer>();
        var director = await viewers.Handle("director", [Roles.Director], Ct);
        var rep = await viewers.Handle("rep", [Roles.Rep], Ct);
        var feature = test.Get<GetRevenueForecast>();

        var east = (await feature.Handle(director, 2024, ActualDimension.Region, "EAST", ForecastMethod.Theta, Ct)).Value!;
        var mine = (await feature.Handle(rep, 2024, null, null, ForecastMethod.SeasonalNaive, Ct)).Value!;

        await using var db = test.NewContext();
        var eastId = await db.Regions.Where(r => r.Code == "EAST").Select(r => r.Id).SingleAsync(Ct);
        var repId = await db.People.Where(p => p.Name == "张伟").Select(p => p.Id).SingleAsync(Ct);
        var eastBooked = (await db.OrderLines.AsNoTracking().Where(o => o.BookedOn.Year == 2024 && o.RegionId == eastId).Select(o => o.Amount).ToListAsync(Ct)).Sum();
        var repBooked = (await db.OrderLines.AsNoTracking().Where(o => o.BookedOn.Year == 2024 && o.OwnerId == repId).Select(o => o.Amount).ToListAsync(Ct)).Sum();
        Assert.True(eastBooked > 0);
        Assert.Equal(eastBooked, east.Booked);
        Assert.Equal(ForecastMethod.Theta, east.Method);
        Assert.NotNull(east.Target);   // the plan breaks revenue down by region
        Assert.Equal(repBooked, mine.Booked);
        Assert.Equal(ForecastMethod.SeasonalNaive, mine.Method);

        Assert.Equal(["by"], (await feature.Handle(director, 2024, ActualDimension.Month, "1", ForecastMethod.Ets, Ct)).Errors!.Keys);
        Assert.Equal(["member"], (await feature.Handle(director, 2024, ActualDimension.Region, " ", ForecastMethod.Ets, Ct)).Errors!.Keys);
        Assert.Equal(["year"], (await feature.Handle(director, 1999, null, null, ForecastMethod.Ets, Ct)).Errors!.Keys);
        var nobody = (await feature.Handle(director, 2024, ActualDimension.Region, "ATLANTIS", ForecastMethod.Combination, Ct)).Value!;
        Assert.Equal((0m, 0m, 0m, 0), (nobody.Booked, nobody.P50, nobody.P90, nobody.HistoryMonths));
        Assert.Contains("no-history", nobody.Notes);
    }
}
