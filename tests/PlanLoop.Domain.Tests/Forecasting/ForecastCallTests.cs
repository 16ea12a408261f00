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
