using PlanLoop.Domain.Planning;

namespace PlanLoop.Domain.Tests.Planning;

public class TargetCubeTests
{
    static CubeAxis Axis(Breakdown b) => new(b.Dimension, [.. b.Parts.Select(p => p.Member)], [.. b.Parts.Select(p => p.Amount)]);

    [Fact]
    public void Fit_SeedRegionProductChannel_ConvergesAndEveryMarginalIsExact()
    {
        var fit = TargetCube.Fit([Axis(SeedPlan.Regions), Axis(SeedPlan.Products), Axis(SeedPlan.Channels)]);

        Assert.True(fit.Converged);
        Assert.True(fit.MarginalsAgree);
        Assert.InRange(fit.Iterations, 1, 2);
        Assert.Equal(150_000_000m, fit.Total);
        Assert.Equal(150_000_000m, fit.Amounts.Sum());
        Assert.Equal(0m, fit.ResidualAfterRounding);
        Assert.Equal(18_000_000m, fit[0, 0, 0]);    // 华东 × 核心产品A × 直销 = 1.5亿 × 40% × 60% × 50%
        Assert.Equal(75_000m, fit[3, 2, 3]);         // 西南 × 培育产品C × 合作伙伴 = 1.5亿 × 10% × 10% × 5%
        var regionByProduct = fit.Pivot(0, 1);
        Assert.Equal(36_000_000m, regionByProduct[0, 0]);
    }

    [Fact]
    public void Fit_SeedQuartersAgainstRegions_CannotMeetBothAndSaysHowFarOff()
    {
        var fit = TargetCube.Fit([Axis(SeedPlan.Regions), Axis(SeedPlan.Quarters), Axis(SeedPlan.Products)], maxIterations: 200);

        Assert.False(fit.MarginalsAgree);
        Assert.False(fit.Converged);
        Assert.Equal(200, fit.Iterations);
        Assert.True(fit.MaxRelativeError > 0.001);
        Assert.True(fit.ResidualAfterRounding >= 1_000_000m);   // the 600万 gap has to land somewhere
    }

    [Fact]
    public void Fit_PinnedCell_IsKeptAndTheRestStillMeetTheMarginals()
    {
        var regions = new CubeAxis(Dimension.Region, ["EAST", "SOUTH"], [600m, 400m]);
        var products = new CubeAxis(Dimension.ProductLine, ["A", "B"], [700m, 300m]);

        var fit = TargetCube.Fit([regions, products], [new PinnedCell([0, 0], 500m)]);

        Assert.True(fit.Converged);
        Assert.Equal([500m, 100m, 200m, 200m], fit.Amounts);
    }

    [Fact]
    public void Fit_WithPrior_KeepsItsShapeWhereTheMarginalsAllow()
    {
        var a = new CubeAxis(Dimension.Region, ["N", "S"], [100m, 100m]);
        var b = new CubeAxis(Dimension.Quarter, ["Q1", "Q2"], [100m, 100m]);

        var fit = TargetCube.Fit([a, b], prior: [3d, 1d, 1d, 3d]);

        Assert.True(fit.Converged);
        Assert.Equal([75m, 25m, 25m, 75m], fit.Amounts);
    }

    [Fact]
    public void Fit_RandomConsistentMarginals_AlwaysConvergeAndAddUpToTheFen()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var shape = Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(1, 8)).ToArray();
            var total = random.Next(1, 100_000_000) / 100m * 100m;
            var axes = shape.Select((n, i) =>
            {
                var weights = Enumerable.Range(0, n).Select(_ => (decimal)random.Next(1, 100)).ToArray();
                var parts = PlanLoop.Domain.Amounts.Money.Cny(total).Allocate(weights).Select(m => m.Amount).ToArray();
                return new CubeAxis((Dimension)i, [.. Enumerable.Range(0, n).Select(m => $"m{m}")], parts);
            }).ToList();
            var prior = Enumerable.Range(0, shape.Aggregate(1, (x, y) => x * y)).Select(_ => random.NextDouble() + 0.01).ToArray();

            var fit = TargetCube.Fit(axes, prior: prior, tolerance: 1e-12);

            Assert.True(fit.Converged, $"run {run}");
            Assert.Equal(total, fit.Amounts.Sum());
            // Each cell is rounded once, so a marginal misses by at most one fen per cell in its slice.
            var cells = shape.Aggregate(1, (x, y) => x * y);
            Assert.True(fit.ResidualAfterRounding <= 0.01m * shape.Max(n => cells / n), $"run {run}: residual {fit.ResidualAfterRounding} shape {string.Join("x", shape)} total {total} err {fit.MaxRelativeError} it {fit.Iterations}");
        }
    }

    [Fact]
    public void Fit_BadAxes_Throw()
    {
        var one = new CubeAxis(Dimension.Region, ["A"], [1m]);
        Assert.Throws<ArgumentException>(() => TargetCube.Fit([one]));
        Assert.Throws<ArgumentException>(() => TargetCube.Fit([one, new CubeAxis(Dimension.Quarter, ["Q1"], [-1m])]));
        Assert.Throws<ArgumentException>(() => TargetCube.Fit([one, new CubeAxis(Dimension.Quarter, ["Q1", "Q2"], [1m])]));
    }
}

public class TargetCubePivotTests
{
    [Fact]
    public void Pivot_FilteredOnAThirdAxis_SumsOnlyThatSlice()
    {
        var fit = TargetCube.Fit(
        [
            new CubeAxis(Dimension.Region, ["E", "W"], [60m, 40m]),
            new CubeAxis(Dimension.Quarter, ["Q1", "Q2"], [50m, 50m]),
            new CubeAxis(Dimension.Channel, ["D", "A"], [80m, 20m]),
        ]);

        var all = fit.Pivot(0, 1);
        var agentsOnly = fit.Pivot(0, 1, new Dictionary<int, int> { [2] = 1 });

        Assert.Equal(30m, all[0, 0]);
        Assert.Equal(6m, agentsOnly[0, 0]);     // 100 × 60% × 50% × 20%
        Assert.Equal(4m, agentsOnly[1, 1]);
        Assert.Throws<ArgumentException>(() => fit.Pivot(1, 1));
    }
}
