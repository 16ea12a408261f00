using PlanLoop.Domain.Amounts;

namespace PlanLoop.Domain.Tests.Amounts;

public class AllocationTests
{
    [Fact]
    public void Allocate_SeedPlanQuarterShares_NormalisesSharesThatSumTo96Percent()
    {
        // Seed plan §3.2 gives Q1–Q4 shares 20/24/28/24 (96%, the document's own figures). Allocating by
        // them as weights spreads the whole 1.5亿, so each part is its share of the 96.
        var parts = Money.Cny(150_000_000m).Allocate([20m, 24m, 28m, 24m]);
        Assert.Equal([31_250_000m, 37_500_000m, 43_750_000m, 37_500_000m], parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocate_OneYuanInThree_RemainderGoesToTheFirstParts()
    {
        var parts = Money.Cny(1m).SplitEvenly(3);
        Assert.Equal([0.34m, 0.33m, 0.33m], parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocate_LargestRemaindersGetTheLeftoverFen()
    {
        // Quotas 0.0333…, 0.0666… fen-wise: 10 fen by 1:2 → 3.33 / 6.66 → floors 3, 6; one left → the larger remainder (6.66).
        var parts = Money.Cny(0.10m).Allocate([1m, 2m]);
        Assert.Equal([0.03m, 0.07m], parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocate_NegativeAmount_PartsAreNegativeAndSumExactly()
    {
        var parts = Money.Cny(-100m).Allocate([1m, 1m, 1m]);
        Assert.Equal([-33.34m, -33.33m, -33.33m], parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocate_ZeroWeight_GetsNothing()
    {
        var parts = Money.Cny(0.05m).Allocate([0m, 1m, 1m]);
        Assert.Equal([0m, 0.03m, 0.02m], parts.Select(p => p.Amount));
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0d, 0d })]
    [InlineData(new[] { 1d, -1d })]
    public void Allocate_BadWeights_Throws(double[] weights)
    {
        Assert.ThrowsAny<ArgumentException>(() => Money.Cny(100m).Allocate(weights.Select(w => (decimal)w).ToArray()));
    }

    [Fact]
    public void Allocate_AmountFinerThanAFen_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Money.Cny(1.005m).Allocate([1m, 1m]));
        Assert.Contains("smallest coin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_ManyRandomCases_PartsAlwaysSumToTheWholeAndStayWithinOneFenOfTheQuota()
    {
        var random = new Random(20240101);
        for (var run = 0; run < 20_000; run++)
        {
            var fen = random.NextInt64(-10_000_000_000_00L, 10_000_000_000_00L);
            var whole = Money.Cny(fen / 100m);
            var count = random.Next(1, 40);
            var weights = Enumerable.Range(0, count)
                .Select(_ => random.Next(4) == 0 ? 0m : Math.Round((decimal)random.NextDouble() * 1000m, random.Next(0, 6)))
                .ToArray();
            if (weights.Sum() == 0m) weights[0] = 1m;

            var parts = whole.Allocate(weights);

            Assert.Equal(whole, Money.Sum(parts, Currency.Cny));
            var total = weights.Sum();
            for (var i = 0; i < count; i++)
            {
                Assert.True(parts[i].IsWholeMinorUnits);
                var quota = whole.Amount * weights[i] / total;
                Assert.True(Math.Abs(parts[i].Amount - quota) < 0.01m, $"run {run}: part {i} {parts[i].Amount} vs quota {quota}");
                if (weights[i] == 0m) Assert.Equal(0m, parts[i].Amount);
            }
        }
    }

    [Fact]
    public void Allocate_YenHasNoMinorUnit_AllocatesWholeYen()
    {
        var yen = new Money(100m, Currency.FromCode("JPY"));
        Assert.Equal([34m, 33m, 33m], yen.SplitEvenly(3).Select(p => p.Amount));
    }
}
