using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Features.Data;
using PlanLoop.Features.Forecasting;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Forecasting;

/// <summary>The demo's weekly calls of 2024 scored against the books once their quarters closed, and the methods' backtest, on both databases.</summary>
public sealed class ForecastAccuracyTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EachSubmittersCalls_AreScoredAgainstTheBooks_AndEachMethodOnTheHistory(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var viewers = test.Get<GetViewer>();
        var director = await viewers.Handle("director", [Roles.Director], Ct);
        var rep = await viewers.Handle("rep", [Roles.Rep], Ct);
        var feature = test.Get<GetForecastAccuracy>();

        var all = (await feature.Handle(director, 2024, Ct)).Value!;
        var mine = (await feature.Handle(rep, 2024, Ct)).Value!;

        // The company's calls recomputed from the rows: one a week for Q1–Q3 (all closed by 30 September), each against its quarter's books.
        await using var db = test.NewContext();
        var lines = await db.OrderLines.AsNoTracking().Where(o => o.BookedOn.Year == 2024).Select(o => new { o.BookedOn.Month, o.Amount }).ToListAsync(Ct);
        var calls = await db.ForecastCalls.AsNoTracking().Where(c => c.Scope == CallScope.Company && c.Year == 2024).ToListAsync(Ct);
        var errors = calls.Select(c => (c.Commit - lines.Where(l => (l.Month + 2) / 3 == c.Quarter).Sum(l => l.Amount)) / lines.Where(l => (l.Month + 2) / 3 == c.Quarter).Sum(l => l.Amount)).ToList();
        var company = all.Calls.Single(c => c.Scope == CallScope.Company);
        Assert.Equal((39, 3), (company.Calls, company.Periods));
        Assert.Equal(Math.Round(errors.Average(Math.Abs), 4), company.Mape);
        Assert.Equal(Math.Round(errors.Average(), 4), company.Bias);
        Assert.Equal(all.Calls.Select(c => c.Mape).Order(), all.Calls.Select(c => c.Mape));   // the most trustworthy first
        Assert.Contains(all.Calls, c => c.Scope == CallScope.Team);

        // A seller sees their own record only.
        Assert.Equal([(CallScope.Own, "张伟")], mine.Calls.Select(c => (c.Scope, c.Name)));

        // Every method backtested on the same forecasts; the seasonal naive is the baseline they are measured against.
        Assert.Equal(6, all.Methods.Count);   // seasonal naive, Theta, damped, ETS, ARIMA, combination
        Assert.All(all.Methods, m => Assert.Equal(15, m.Forecasts));   // 6 origins of 21 months, up to 3 ahead: 3+3+3+3+2+1
        Assert.Contains(all.Methods, m => m.Method == ForecastMethod.SeasonalNaive);
        Assert.Equal(all.Methods.Select(m => m.Mase).Order(), all.Methods.Select(m => m.Mase));
        Assert.Equal(["year"], (await feature.Handle(director, 2025, Ct)).Errors!.Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EachMethodsForecast_IsKeptAtEveryMonthsClose_OnceOnly_AndScoredWhenItsMonthHasClosed(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateWithDemo(provider, customers: true);
        var viewers = test.Get<GetViewer>();
        var director = await viewers.Handle("director", [Roles.Director], Ct);
        var rep = await viewers.Handle("rep", [Roles.Rep], Ct);
        var keep = test.Get<KeepForecasts>();

        var again = await keep.Handle(new DateOnly(2024, 9, 30), Ct);
        var midMonth = await keep.Handle(new DateOnly(2024, 9, 12), Ct);   // the last closed month then is August: kept already
        var all = (await test.Get<GetForecastAccuracy>().Handle(director, 2024, Ct)).Value!;
        var mine = (await test.Get<GetForecastAccuracy>().Handle(rep, 2024, Ct)).Value!;

        await using var db = test.NewContext();
        var kept = await db.KeptForecasts.AsNoTracking().ToListAsync(Ct);
        // The demo kept every month-end from December 2023 to September 2024: 10 × 6 methods × 3 months ahead; running again adds nothing.
        Assert.Equal(180, kept.Count);
        Assert.Equal((new DateOnly(2024, 9, 30), 0), (again.MadeOn, again.Added));
        Assert.Equal((new DateOnly(2024, 8, 31), 0), (midMonth.MadeOn, midMonth.Added));
        Assert.All(kept, k => Assert.InRange(k.Ahead, 1, 3));
        // What the seasonal naive said on 31 January 2024 about February is February 2023's books.
        var february2023 = (await db.OrderLines.AsNoTracking().Where(o => o.BookedOn.Year == 2023 && o.BookedOn.Month == 2).Select(o => o.Amount).ToListAsync(Ct)).Sum();
        Assert.Equal(february2023, kept.Single(k => k.MadeOn == new DateOnly(2024, 1, 31) && k.Method == ForecastMethod.SeasonalNaive && k.Month == new DateOnly(2024, 2, 1)).Forecast);

        // Scored: the 24 forecasts of January–September 2024 per method (those of October and later are not due), MAPE recomputed from the rows.
        Assert.Equal(6, all.Kept.Count);
        Assert.All(all.Kept, m => Assert.Equal(24, m.Forecasts));
        var booked = (await db.OrderLines.AsNoTracking().Where(o => o.BookedOn.Year == 2024).Select(o => new { o.BookedOn.Month, o.Amount }).ToListAsync(Ct))
            .GroupBy(o => o.Month).ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));
        var naive = kept.Where(k => k.Method == ForecastMethod.SeasonalNaive && k.Month <= new DateOnly(2024, 9, 1) && k.Month.Year == 2024).ToList();
        var mape = naive.Average(k => Math.Abs((double)(k.Forecast - booked[k.Month.Month]) / (double)booked[k.Month.Month]));
        Assert.Equal(mape, all.Kept.Single(m => m.Method == ForecastMethod.SeasonalNaive).Mape, 9);
        Assert.Empty(mine.Kept);   // the company's forecasts are for those who see the whole company
    }
}
