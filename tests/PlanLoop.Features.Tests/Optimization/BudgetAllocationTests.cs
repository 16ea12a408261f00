using PlanLoop.Domain.Optimization;
using PlanLoop.Features.Optimization;

namespace PlanLoop.Features.Tests.Optimization;

/// <summary>Budget allocation on small cases solved by hand; the exported mixed-integer model re-solved by GLPK gives the same optimum.</summary>
public class BudgetAllocationTests
{
    static readonly OrToolsSolver Solver = new();

    // A: 3 per yuan for the first 10万, then 1.5; B: 2 for the first 10万, then 1.
    static readonly BudgetLine A = new("A", "DIRECT", "EAST", "marketing", 0m, 0m, 0m, 200_000m, [new(0m, 0m), new(100_000m, 300_000m), new(200_000m, 450_000m)], 0.4m);
    static readonly BudgetLine B = new("B", "AGENT", "EAST", "rebates", 0m, 0m, 0m, 300_000m, [new(0m, 0m), new(100_000m, 200_000m), new(300_000m, 400_000m)], 0.6m);
    // C: people at 6万 a head, 2.5 per yuan.
    static readonly BudgetLine C = new("C", "DIRECT", "EAST", "people", 0m, 0m, 0m, 300_000m, [new(0m, 0m), new(300_000m, 750_000m)], 0.5m, HeadCost: 60_000m);

    static BudgetResult Solve(BudgetLine[] lines, BudgetRules rules) => BudgetAllocation.Solve(lines, rules, Solver, TimeSpan.FromSeconds(10));

    [Fact]
    public void Revenue_FillsTheSteepestSegmentsFirst_AndTheNextWanIsTheSlopeAtTheMargin()
    {
        var r = Solve([A, B], new BudgetRules(250_000m));

        // A's first 10万 (3), B's first 10万 (2), then 5万 of A's second segment (1.5).
        Assert.Equal((150_000m, 100_000m), (r.Lines[0].Spend, r.Lines[1].Spend));
        Assert.Equal((375_000m, 200_000m), (r.Lines[0].Revenue, r.Lines[1].Revenue));
        Assert.Equal(575_000m, r.Revenue);
        Assert.Equal((15_000m, 10_000m), (r.Lines[0].NextWan, r.Lines[1].NextWan));
        Assert.Equal(15_000m, r.NextWanOfBudget);   // the dual of the budget: the next 万 goes to A at 1.5
        Assert.Equal(2.5m, r.Lines[0].Roi);
        Assert.Equal(SolveStatus.Optimal, r.Status);
    }

    [Fact]
    public void Margin_SpendsOnlyWhatEarnsMoreThanItCosts()
    {
        var r = Solve([A, B], new BudgetRules(250_000m, BudgetGoal.Margin));

        // Contribution per yuan: A 3×0.4−1 = 0.2 then −0.4; B 2×0.6−1 = 0.2 then −0.4: only the first segments pay.
        Assert.Equal((100_000m, 100_000m), (r.Lines[0].Spend, r.Lines[1].Spend));
        Assert.Equal(40_000m, r.Contribution);
        Assert.Equal(200_000m, r.Spent);
    }

    [Fact]
    public void AChannelMix_KeepsEachChannelsShareOfRevenue()
    {
        var r = Solve([A, B], new BudgetRules(250_000m, Mix: [new MixRule("DIRECT", 0.5m, 0m)]));

        // Equal revenue R from both: R/3 + 10万 + (R − 20万) = 25万 → R = 26.25万.
        Assert.Equal((262_500m, 262_500m), (r.Lines[0].Revenue, r.Lines[1].Revenue));
        Assert.Equal((87_500m, 162_500m), (r.Lines[0].Spend, r.Lines[1].Spend));
    }

    [Fact]
    public void People_AreHiredWhole_AndTheIntegerOptimumBeatsRoundingTheLp()
    {
        var r = Solve([A, C], new BudgetRules(200_000m));

        // Heads of 6万: 1 head → 360k + 150k; 2 heads → A 8万 (240k) + C 12万 (300k) = 540k; 3 heads → 510k. The LP alone would say 550k.
        Assert.Equal(2, r.Lines[1].Heads);
        Assert.Equal((80_000m, 120_000m), (r.Lines[0].Spend, r.Lines[1].Spend));
        Assert.Equal(540_000m, r.Revenue);
        Assert.Null(r.NextWanOfBudget);   // a MIP has no duals: the curve of revenue against budget says it instead
        Assert.Equal("SCIP", r.Solution.Solver);
    }

    [Theory]
    [InlineData(ModelFormat.Lp, "--lp")]
    [InlineData(ModelFormat.Mps, "--freemps")]
    public void TheMixedIntegerModel_ReSolvedByGlpk_HasTheSameOptimum(ModelFormat format, string flag)
    {
        var r = Solve([A, B, C], new BudgetRules(320_000m, Mix: [new MixRule("DIRECT", 0.6m, 0.1m)]));
        var dir = Directory.CreateTempSubdirectory("planloop-mip");
        try
        {
            var file = Path.Combine(dir.FullName, "budget" + (format == ModelFormat.Lp ? ".lp" : ".mps"));
            File.WriteAllText(file, ModelFiles.Write(r.Model, format));

            var glpk = ReallocationTests.Glpsol(flag, file, Path.Combine(dir.FullName, "out.txt"));

            // MPS has no "maximise": the file holds the negated objective.
            var theirs = format == ModelFormat.Mps ? -glpk : glpk;
            Assert.True(Math.Abs(r.Solution.Objective - theirs) <= 1e-6 * Math.Max(1, Math.Abs(theirs)), $"{r.Solution.Objective:R} vs {theirs:R}");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void BadInput_IsNamedByField_ANonConcaveCurveByItsPoint_AndContradictoryMinimumsByTheirRules()
    {
        var convex = A with { Key = "X", Curve = [new(0m, 0m), new(100_000m, 100_000m), new(200_000m, 300_000m)] };

        var errors = BudgetAllocation.Errors([convex, A with { Min = -1m }], new BudgetRules(-5m, BudgetGoal.RevenueAtMinMargin));
        var infeasible = Solve([A with { Min = 150_000m }, B with { Min = 150_000m }], new BudgetRules(250_000m));

        Assert.Equal(["total", "minMargin", "lines[1].curve", "lines[2].min"], errors.Keys);
        Assert.StartsWith("Line X: the curve is not concave at point 3", errors["lines[1].curve"][0], StringComparison.Ordinal);
        Assert.False(infeasible.Feasible);
        Assert.Equal(["bounds:A", "bounds:B", "budget"], infeasible.Conflicts);
    }

    [Fact]
    public void ACurveFromHistory_GoesThroughLastYear_WithDiminishingReturns()
    {
        var curve = BudgetAllocation.FromHistory(1_000_000m, 4_000_000m);

        Assert.Equal(new CurvePoint(1_000_000m, 4_000_000m), curve[3]);
        Assert.Empty(BudgetAllocation.Errors([A with { Curve = curve, Max = 3_000_000m }], new BudgetRules(1m)));
    }
}
