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
}
