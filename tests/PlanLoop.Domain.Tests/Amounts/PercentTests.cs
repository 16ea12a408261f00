using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Tests.Amounts;

public class PercentTests
{
    [Fact]
    public void Growth_SeedRevenue_Is25Percent()
    {
        Assert.Equal(0.25m, Percent.Growth(120_000_000m, 150_000_000m)!.Value.Fraction);
    }

    [Fact]
    public void Growth_FromZero_IsUndefined()
    {
        Assert.Null(Percent.Growth(0m, 5m));
    }

    [Fact]
    public void Difference_OfTwoRates_IsInPoints()
    {
        // 回款率 85% → 92%: +7pt
        Assert.Equal(7m, Percent.FromPoints(92m) - Percent.FromPoints(85m));
    }

    [Fact]
    public void Of_Money_TakesTheShare()
    {
        Assert.Equal(Money.Cny(60_000_000m), Percent.FromPoints(40m).Of(Money.Cny(150_000_000m)));
    }
}
