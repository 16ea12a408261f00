using PlanLoop.Domain.Monitoring;

namespace PlanLoop.Domain.Tests.Monitoring;

public class MonitoringTests
{
    [Fact]
    public void PriceVolumeAndMix_AddUpExactlyToTheVariance_ToTheFen()
    {
        // A: plan 6 orders at 100, sold 7 at 110. B: plan 8 at 50, sold 6 at 45. Plan 1,000, actual 1,040.
        var effects = PriceVolumeMix.Decompose([new("A", 600m, 6m, 770m, 7m), new("B", 400m, 8m, 270m, 6m)]);

        // Volume: one order fewer at the plan's average 71.43; mix: the orders moved to the dearer A; price: A dearer, B cheaper.
        Assert.Equal((-71.43m, 71.43m, 40.00m), (effects.Volume, effects.Mix, effects.Price));
        Assert.Equal(40m, effects.Total);
        Assert.Equal(effects.Total, effects.Volume + effects.Mix + effects.Price);
        Assert.Equal([("A", 170m, 70m, 40.82m), ("B", -130m, -30m, 30.61m)], effects.Segments.Select(s => (s.Key, s.Variance, s.Price, s.Mix)));
    }

    [Theory]
    [InlineData(1000, 3, 999.99, 7, 1000, 3, 333.33)]
    [InlineData(100, 7, 0, 0, 0.01, 1, 0.03)]
    public void TheEffects_AlwaysAddUp_WhateverTheRounding(double planA, double volA, double actualA, double volActualA, double planB, double volB, double actualB)
    {
        var effects = PriceVolumeMix.Decompose([new("A", (decimal)planA, (decimal)volA, (decimal)actualA, (decimal)volActualA), new("B", (decimal)planB, (decimal)volB, (decimal)actualB, 2m)]);
        Assert.Equal(effects.ActualRevenue - effects.PlanRevenue, effects.Volume + effects.Mix + effects.Price);
        Assert.All(new[] { effects.Volume, effects.Mix, effects.Price }, e => Assert.Equal(e, Math.Round(e, 2)));
    }

    [Fact]
    public void TheMonthsToCome_WeighByThePlansPhasing_AndTheCurrentMonthByItsDaysLeft()
    {
        IReadOnlyList<decimal> quarters = [3000m, 3600m, 4200m, 3600m];
        // 15 September: half of September's third of Q3 (4200 / 3 × 15/30 = 700), then a third of Q4 a month.
        Assert.Equal([(9, 700m), (10, 1200m), (11, 1200m), (12, 1200m)], Phasing.RemainingMonths(new DateOnly(2024, 9, 15), quarters));
        // On a month's last day the month is over.
        Assert.Equal([(10, 1200m), (11, 1200m), (12, 1200m)], Phasing.RemainingMonths(new DateOnly(2024, 9, 30), quarters));
        Assert.Equal([(12, 1m)], Phasing.RemainingMonths(new DateOnly(2024, 11, 30), null));
        Assert.Empty(Phasing.RemainingMonths(new DateOnly(2024, 12, 31), quarters));
    }

    [Fact]
    public void Phasing_FollowsThePlansQuarters_Normalised_AndProRataWithinTheQuarter()
    {
        decimal[] quarters = [3000m, 3600m, 4200m, 3600m];   // the seed's: 1.44亿, not the 1.5亿 target
        Assert.Equal(0.75m, Phasing.Expected(new DateOnly(2024, 9, 30), quarters));
        // 15 August: Q1 and Q2 done, 46 of Q3's 92 days.
        Assert.Equal((3000m + 3600m + 2100m) / 14400m, Phasing.Expected(new DateOnly(2024, 8, 15), quarters));
        Assert.Equal(274m / 366m, Phasing.Expected(new DateOnly(2024, 9, 30), null));
        Assert.Equal(274m / 366m, Phasing.TimeElapsed(new DateOnly(2024, 9, 30)));
        Assert.Equal(3, Phasing.MonthsLeft(new DateOnly(2024, 9, 30)));
    }

    [Fact]
    public void Attainment_GapRunRateAndPace()
    {
        var revenue = new KpiAttainment(150_000_000m, 105_210_900m, 0.75m, 274m / 366m, 3);
        Assert.Equal((44_789_100m, 14_929_700m, Pace.Watch), (revenue.Remaining!.Value, revenue.RunRateNeeded!.Value, revenue.Pace!.Value));
        Assert.Equal(0.7014m, Math.Round(revenue.Attainment!.Value, 4));
        Assert.Equal(Pace.Behind, (revenue with { Actual = 100_000_000m }).Pace);
        Assert.Equal(Pace.OnTrack, (revenue with { Actual = 112_500_000m }).Pace);
        Assert.Null((revenue with { Actual = 160_000_000m }).RunRateNeeded);
        Assert.Null((revenue with { Target = null }).Pace);
    }
}
