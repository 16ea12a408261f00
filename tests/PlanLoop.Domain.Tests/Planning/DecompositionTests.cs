using PlanLoop.Domain.Amounts;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Domain.Tests.Planning;

public class DecompositionTests
{
    static readonly Money Annual = Money.Cny(150_000_000m);

    [Fact]
    public void ByShares_SeedRegions_AreTheDocumentsAmounts()
    {
        var b = Decomposition.ByShares(Kpi.Revenue, Dimension.Region, Annual, [("EAST", 0.40m), ("SOUTH", 0.30m), ("NORTH", 0.20m), ("SOUTHWEST", 0.10m)]);
        Assert.Equal([60_000_000m, 45_000_000m, 30_000_000m, 15_000_000m], b.Parts.Select(p => p.Amount));
        Assert.Equal(Annual.Amount, b.Sum);
        Assert.Equal(1m, b.ShareSum);
    }

    [Fact]
    public void ByShares_ThirdsOfAnOddAmount_SumToTheFen()
    {
        var third = 1m / 3m;
        var b = Decomposition.ByShares(Kpi.Revenue, Dimension.Team, Money.Cny(100m), [("A", third), ("B", third), ("C", 1m - third - third)]);
        Assert.Equal(100m, b.Sum);
        Assert.All(b.Parts, p => Assert.Equal(p.Amount, Math.Round(p.Amount, 2)));
    }

    [Fact]
    public void ByShares_SeedQuarters_KeepTheirLiteralMeaningAndMiss600Wan()
    {
        var b = Decomposition.ByShares(Kpi.Revenue, Dimension.Quarter, Annual, [("Q1", 0.20m), ("Q2", 0.24m), ("Q3", 0.28m), ("Q4", 0.24m)]);
        Assert.Equal([30_000_000m, 36_000_000m, 42_000_000m, 36_000_000m], b.Parts.Select(p => p.Amount));
        Assert.Equal(144_000_000m, b.Sum);
        Assert.Equal(0.96m, b.ShareSum);
    }

    [Fact]
    public void ByShares_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Decomposition.ByShares(Kpi.Revenue, Dimension.Region, Annual, [("EAST", -0.1m)]));
    }

    [Fact]
    public void ByAmounts_KeepsTheAmountsAsTypedAndStoresNoDerivedShare()
    {
        var b = Decomposition.ByAmounts(Kpi.Revenue, Dimension.Channel, [("DIRECT", 75_000_000m), ("AGENT", 45_000_000m)]);
        Assert.Equal([75_000_000m, 45_000_000m], b.Parts.Select(p => p.Amount));
        Assert.All(b.Parts, p => Assert.Null(p.Share));
        Assert.Null(b.ShareSum);
        Assert.Equal(SplitMethod.Amounts, b.Method);
    }

    [Fact]
    public void Even_TwelveMonths_DifferByAtMostOneFen()
    {
        var b = Decomposition.Even(Kpi.Revenue, Dimension.Month, Money.Cny(100_000_000.01m), [.. Enumerable.Range(1, 12).Select(m => $"M{m:00}")]);
        Assert.Equal(100_000_000.01m, b.Sum);
        Assert.Equal(8_333_333.34m, b.Parts[0].Amount);
        Assert.Equal(8_333_333.33m, b.Parts[11].Amount);
    }

    [Fact]
    public void BySeasonality_LastYearsShape_ThisYearsSize()
    {
        var b = Decomposition.BySeasonality(Kpi.Revenue, Dimension.Quarter, Annual, [("Q1", 24m), ("Q2", 28.8m), ("Q3", 33.6m), ("Q4", 33.6m)]);
        Assert.Equal([30_000_000m, 36_000_000m, 42_000_000m, 42_000_000m], b.Parts.Select(p => p.Amount));
        Assert.Null(b.Parts[0].Share);
    }

    [Fact]
    public void BySeasonality_NoHistory_SaysSo()
    {
        var e = Assert.Throws<ArgumentException>(() => Decomposition.BySeasonality(Kpi.Revenue, Dimension.Month, Annual, [("M01", 0m)]));
        Assert.Contains("no history", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByCapacity_SeedDirectTeam_Is30Times500Wan()
    {
        var b = Decomposition.ByCapacity(Kpi.Revenue, Dimension.Channel, [("DIRECT", 30m, 5_000_000m), ("PARTNER", 3m, 2_500_000m)]);
        Assert.Equal([150_000_000m, 7_500_000m], b.Parts.Select(p => p.Amount));
        Assert.Equal(157_500_000m, b.Sum);
    }

    [Fact]
    public void BlendedMargin_SeedPyramid_Is34Point25Percent()
    {
        Assert.Equal(0.3425m, Pyramid.BlendedMargin(SeedPlan.Pyramid));
        Assert.Null(Pyramid.BlendedMargin([new PyramidLevel(PyramidTier.Apex, 0.5m, 0.4m)]));
    }
}
