using PlanLoop.Domain.Planning;

namespace PlanLoop.Domain.Tests.Planning;

public class KpiSheetTests
{
    [Fact]
    public void Lines_SeedPlan_ComputesGrowthAndTheDerivedDealSize()
    {
        var lines = KpiSheet.Lines(SeedPlan.Kpis).ToDictionary(l => l.Kpi);

        Assert.Equal(0.25m, lines[Kpi.Revenue].Growth);
        Assert.Equal(250m / 850m, lines[Kpi.CustomerCount].Growth);
        var deal = lines[Kpi.AverageDealSize];
        Assert.True(deal.IsDerived);
        Assert.Equal(120_000_000m / 850m, deal.Baseline);       // 141,176.47…, not the typed 14.1万
        Assert.Equal(150_000_000m / 1100m, deal.Target);        // 136,363.63…
        Assert.Equal(-0.0341, (double)deal.Growth!.Value, 4);
        Assert.Equal(141_000m, deal.Stated!.Baseline);           // what the document says is kept for the checks
        Assert.Equal(7m, lines[Kpi.CollectionRate].Growth);      // 85% → 92%: 7pt
        Assert.True(lines[Kpi.CollectionRate].GrowthInPoints);
        Assert.Equal(7m, lines[Kpi.Satisfaction].Growth);
        Assert.Null(lines[Kpi.Nps].Growth);                      // no baseline in the document
        Assert.False(lines.ContainsKey(Kpi.Arpu));
    }

    [Fact]
    public void Lines_DerivedWithoutInputs_HasNoValue()
    {
        var lines = KpiSheet.Lines([new KpiFigure(Kpi.Revenue, 100m, 200m)]);
        Assert.DoesNotContain(lines, l => l.Kpi == Kpi.AverageDealSize);
    }

    [Theory]
    [InlineData(Kpi.Revenue, 0, 5, null)]
    [InlineData(Kpi.Revenue, 100, 80, -0.2)]
    [InlineData(Kpi.Nps, -10, 45, 55.0)]
    [InlineData(Kpi.ConversionRate, 0.1, 0.18, 8.0)]
    public void Growth_ByUnit(Kpi kpi, double baseline, double target, double? expected)
    {
        Assert.Equal(expected is null ? null : (decimal)expected.Value, KpiSheet.Growth(kpi, (decimal)baseline, (decimal)target));
    }
}
