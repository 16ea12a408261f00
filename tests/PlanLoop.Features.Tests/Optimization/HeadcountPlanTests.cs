using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Optimization;

namespace PlanLoop.Features.Tests.Optimization;

/// <summary>Hiring plans on cases solved by hand: ramp-up, lead time, attrition, hires that come too late.</summary>
public class HeadcountPlanTests
{
    static readonly OrToolsSolver Solver = new();

    // 1.2 million a year per seller (10万 a month), half in the second month, full from the third; hires start a month after the decision.
    static readonly HeadcountSegment Small = new("直销", 6_000_000m, 4, 1_200_000m, [0m, 0.5m, 1m], 0m, LeadTimeMonths: 1);

    [Fact]
    public void TheFewestHires_AsLateAsTheyCanStart_CarryTheTarget()
    {
        var plan = HeadcountPlan.Solve(Small, Solver, TimeSpan.FromSeconds(10));

        // 4 sellers bring 480万; a hire starting in month s brings 115万 − 10万 × s. Two hires whose start months add up to 11 bring 120万.
        Assert.Equal(0m, plan.Shortfall);
        Assert.Equal(2, plan.Hires);
        var starts = plan.Starting.Select((n, i) => (n, Month: i + 1)).Where(x => x.n > 0).SelectMany(x => Enumerable.Repeat(x.Month, x.n)).ToList();
        Assert.Equal(11, starts.Sum());
        Assert.Equal(6_000_000m, plan.YearCapacity);
        Assert.Equal(plan.Starting.Skip(1).Concat([0]), plan.Decided);   // decided a month before each start
        Assert.Equal(6m, plan.Heads[11]);
        Assert.Equal(10, plan.LatestUsefulDecision);   // decided in October, starting in November (5万 in December); a December start brings nothing this year
    }

    [Fact]
    public void HiresDecidedTooLate_LeaveTheSmallestShortfall_AndSaySo()
    {
        var plan = HeadcountPlan.Solve(Small with { FirstDecisionMonth = 10 }, Solver, TimeSpan.FromSeconds(10));

        // Only November starts still bring anything (5万 each, at most 10 a month): 480万 + 50万.
        Assert.Equal(10, plan.Starting[10]);
        Assert.Equal(5_300_000m, plan.YearCapacity);
        Assert.Equal(700_000m, plan.Shortfall);
        Assert.Equal(10, plan.Hires);
    }

    [Fact]
    public void Attrition_ThinsTheSellersMonthByMonth()
    {
        var plan = HeadcountPlan.Solve(Small with { MonthlyAttrition = 0.1m, MaxHiresPerMonth = 0 }, Solver, TimeSpan.FromSeconds(10));

        // 40万 × (1 − 0.9¹²) ÷ 0.1 = 287.03万.
        Assert.InRange(plan.YearCapacity, 2_870_281.80m, 2_870_281.90m);
        Assert.Equal(0, plan.Hires);
        Assert.Equal(1.3m, plan.Heads[11]);   // 4 × 0.9¹¹
    }

    [Fact]
    public void BadInput_IsNamedByField()
    {
        var errors = (Small with { Ramp = [0.5m, 0.2m], MonthlyAttrition = 0.9m, LeadTimeMonths = 13, ProductivityPerHead = 0m }).Errors();

        Assert.Equal(["productivity", "ramp", "attrition", "leadTime"], errors.Keys);
    }
}
