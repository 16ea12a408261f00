using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Forecasting;

namespace PlanLoop.Domain.Tests.Forecasting;

public class ForecastCallTests
{
    static readonly DateOnly Monday = new(2024, 9, 23);
    static readonly DateTime At = new(2024, 9, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Categories_DefaultFromTheStage_TheOwnerMayOverride_AndClosedFollowsTheOutcome()
    {
        var stages = SopStages.Default;
        Assert.Equal([ForecastCategory.Pipeline, ForecastCategory.BestCase, ForecastCategory.Commit, ForecastCategory.Closed, ForecastCategory.Omitted],
            stages.Select(ForecastCategories.Default));

        var deal = new Opportunity("ERP", Guid.NewGuid(), null, new DateOnly(2024, 12, 1), new DateOnly(2024, 9, 1), "rep", stages);
        Assert.Equal(ForecastCategory.Pipeline, ForecastCategories.Of(deal, stages));
        deal.Categorise(ForecastCategory.Commit);
        Assert.Equal((ForecastCategory.Commit, 1), (ForecastCategories.Of(deal, stages), deal.Revision));
        deal.Categorise(ForecastCategory.Commit);   // no change, no new revision
        Assert.Equal(1, deal.Revision);
        Assert.Throws<ArgumentException>(() => deal.Categorise(ForecastCategory.Closed));
        deal.Categorise(null);
        Assert.Equal(ForecastCategory.Pipeline, ForecastCategories.Of(deal, stages));

        deal.Categorise(ForecastCategory.Commit);
        deal.Move(SopStages.Lost, stages, new DateOnly(2024, 9, 20), "rep", "价格过高");
        Assert.Equal(ForecastCategory.Omitted, ForecastCategories.Of(deal, stages));   // a lost deal leaves the commit whatever was said
        Assert.Equal("opportunity-closed", Assert.Throws<RuleException>(() => deal.Categorise(ForecastCategory.BestCase)).Rule);
    }

    [Fact]
    public void ACall_NamesEachBadField_AndAnAdjustedRollupNeedsAReason()
    {
        Assert.Empty(ForecastCall.Problems(CallScope.Own, 2024, 4, Monday, 100m, 150m, 90m, 120m, null, null));   // a seller's own call may differ from the system's figure
        Assert.Equal(["adjustReason"], ForecastCall.Problems(CallScope.Team, 2024, 4, Monday, 100m, 150m, 90m, 120m, null, " ").Keys);
        Assert.Empty(ForecastCall.Problems(CallScope.Team, 2024, 4, Monday, 90m, 120m, 90m, 120m, null, null));
        Assert.Equal(["quarter", "week", "commit", "bestCase"],
            ForecastCall.Problems(CallScope.Own, 2024, 5, Monday.AddDays(1), -1m, 2_000_000_000_000m, 0m, 0m, null, null).Keys);
        Assert.Equal("The best case cannot be below the commit.", ForecastCall.Problems(CallScope.Own, 2024, null, Monday, 100m, 99m, 0m, 0m, null, null)["bestCase"]);
        Assert.Equal(["comment"], ForecastCall.Problems(CallScope.Own, 2024, null, Monday, 1m, 1m, 0m, 0m, new string('x', 1001), null).Keys);
        Assert.Throws<ArgumentException>(() => new ForecastCall(CallScope.Company, null, null, "director", 2024, 4, Monday, 10m, 10m, 9m, 9m, null, null, At));
    }

    [Fact]
    public void TheRollup_AddsEachSubmittersLatestCall_AndTheWeekAndPeriodAreCalendarFacts()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        ForecastCall Call(Guid person, decimal commit, decimal best, int minutes) =>
            new(CallScope.Own, person, null, "rep", 2024, 4, Monday, commit, best, 0m, 0m, null, null, At.AddMinutes(minutes));
        var calls = new[] { Call(a, 100m, 150m, 0), Call(a, 120m, 160m, 30), Call(b, 50.25m, 80m, 10) };

        var latest = CallRollup.Latest(calls, c => c.PersonId);
        Assert.Equal((170.25m, 240m), CallRollup.Sum(latest));
        Assert.Equal(2, latest.Count);

        Assert.Equal(new DateOnly(2024, 9, 23), ForecastCall.WeekOf(new DateOnly(2024, 9, 29)));   // Sunday belongs to the week that began on Monday
        Assert.Equal(new DateOnly(2024, 9, 30), ForecastCall.WeekOf(new DateOnly(2024, 9, 30)));
        Assert.Equal((new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31)), ForecastCall.PeriodOf(2024, 4));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31)), ForecastCall.PeriodOf(2024, 1));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), ForecastCall.PeriodOf(2024, null));
        Assert.True(calls[1].Adjusted);
    }
}

public class BacktestTests
{
    [Fact]
    public void RollingOrigin_ScoresEachForecastAgainstWhatFollowed()
    {
        // A straight line: the seasonal naive (lag 1 on a short series) is always one step behind by 10 per step ahead.
        double[] y = [.. Enumerable.Range(0, 12).Select(t => 100.0 + 10 * t)];
        var naive = Backtest.Score(y, 12, origins: 3, h: 2, ForecastMethod.SeasonalNaive);

        // Origins 9, 10, 11: steps 2, 2 and 1 → 5 forecasts; errors 10, 20, 10, 20, 10 against actuals 190, 200, 200, 210, 210.
        Assert.Equal(5, naive.Forecasts);
        Assert.Equal((10 / 190.0 + 20 / 200.0 + 10 / 200.0 + 20 / 210.0 + 10 / 210.0) / 5, naive.Mape, 12);
        Assert.Equal(-naive.Mape, naive.Bias, 12);   // always too low
        Assert.Equal((1 + 2 + 1 + 2 + 1) / 5.0, naive.Mase, 12);   // the in-sample naive error is 10
        // A trend method follows the line and beats it.
        Assert.True(Backtest.Score(y, 12, 3, 2, ForecastMethod.Damped).Mase < naive.Mase);
        // An actual of 0 is scored by MASE only: no division by zero, no NaN where there is something to say.
        double[] zeros = [5, 0, 5, 0, 5, 0, 5, 0];
        var z = Backtest.Score(zeros, 12, 2, 1, ForecastMethod.SeasonalNaive);
        Assert.Equal((2, 1.0), (z.Forecasts, z.Mape));   // the one non-zero actual (5, forecast 0) is 100% off
        Assert.False(double.IsNaN(z.Mase));
    }
}

public class AutoMethodTests
{
    [Fact]
    public void Auto_ForecastsWithTheBackteststWinner_AndSaysSo()
    {
        // A clean trend: a trend method beats the seasonal naive in the backtest and is the one used.
        double[] trend = [.. Enumerable.Range(0, 20).Select(t => 100.0 + 5 * t + (t % 2 == 0 ? 1 : -1))];
        var auto = Forecaster.Run(trend, 12, 3, ForecastMethod.Auto);
        var scores = Forecaster.Candidates.Select(c => Backtest.Score(trend, 12, 6, 3, c)).OrderBy(s => s.Mase).ToList();

        Assert.Equal(scores[0].Method, auto.Method);
        Assert.NotEqual(ForecastMethod.SeasonalNaive, auto.Method);
        Assert.Equal(Forecaster.Run(trend, 12, 3, scores[0].Method).Mean, auto.Mean);
        Assert.Contains("chosen-by-backtest", auto.Notes);
        Assert.Single(auto.Notes, n => n == "short-for-season");   // said once, not once per run

        var short_ = Forecaster.Run([1, 2, 3, 4, 5, 6], 12, 2, ForecastMethod.Auto);
        Assert.Contains("too-short-to-choose", short_.Notes);
    }
}
