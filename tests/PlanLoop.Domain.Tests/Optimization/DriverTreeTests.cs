using PlanLoop.Domain.Optimization;

namespace PlanLoop.Domain.Tests.Optimization;

/// <summary>The driver tree by hand: one segment whose every figure is worked out on paper, the Shapley shares of two changes, the tornado and bad changes.</summary>
public sealed class DriverTreeTests
{
    // 1,000 leads × 40% × 50% × 25% = 50 wins × 20,000 = 1,000,000 new; 10 customers × 100,000 = 1,000,000 retained; margin 30%; 90% collected;
    // 73-day cycle (80% of the year's deals close in it); 5 sellers; lines X 60% and Y 40% of revenue.
    static readonly SegmentDrivers Segment = new("DIRECT", "EAST", 1000m, 0.4m, 0.5m, 0.25m, 20_000m, 10m, 100_000m, 0.5m, 0m, 0m, 0.3m, 0.9m, 73m, 5m,
        new Dictionary<string, decimal> { ["X"] = 0.6m, ["Y"] = 0.4m }, new Dictionary<string, decimal> { ["X"] = 1m, ["Y"] = 1m });

    static readonly IReadOnlyList<SegmentDrivers> Base = [Segment];

    static TreeOutcome Scenario(params DriverChange[] changes)
    {
        var errors = new Dictionary<string, string[]>();
        var now = DriverTree.Apply(Base, changes, errors);
        Assert.Empty(errors);
        return DriverTree.Evaluate(Base, now);
    }

    [Fact]
    public void TheBase_IsTheFunnelPlusTheRetainedCustomers()
    {
        var o = DriverTree.Evaluate(Base, Base);
        Assert.Equal((50m, 2_000_000m, 0m, 2_000_000m, 600_000m, 1_800_000m, 35m), (o.Wins, o.Gross, o.Rebates, o.Revenue, o.Margin, o.Collection, o.Customers));
        Assert.Equal(0.3m, o.MarginRate);
        Assert.Equal(0.9m, o.CollectionRate);
    }

    [Fact]
    public void APriceRise_IsAllMargin_ARebateComesOffRevenue_AndHeadsAndCycleMoveTheNewWins()
    {
        var price = Scenario(new DriverChange(Driver.Price, ChangeKind.Set, 0.1m, ProductLine: "X"));
        Assert.Equal((2_120_000m, 720_000m), (price.Revenue, price.Margin));   // 1 + 60% × 10% = 1.06; the cost stays 1,400,000

        var rebate = Scenario(new DriverChange(Driver.RebateRate, ChangeKind.Set, 0.05m));
        Assert.Equal((2_000_000m, 100_000m, 1_900_000m, 500_000m, 1_710_000m), (rebate.Gross, rebate.Rebates, rebate.Revenue, rebate.Margin, rebate.Collection));

        var cycle = Scenario(new DriverChange(Driver.CycleDays, ChangeKind.Set, 146m));   // 60% close in the year instead of 80%: wins × 0.75
        Assert.Equal((37.5m, 1_750_000m, 28.75m), (cycle.Wins, cycle.Revenue, cycle.Customers));

        var heads = Scenario(new DriverChange(Driver.Heads, ChangeKind.Percent, 1m));        // twice the sellers work twice the leads
        Assert.Equal((100m, 3_000_000m), (heads.Wins, heads.Revenue));

        var bundle = Scenario(new DriverChange(Driver.BundleUplift, ChangeKind.Set, 0.12m));
        Assert.Equal((2_240_000m, 672_000m), (bundle.Revenue, bundle.Margin));
    }

    [Fact]
    public void TwoChanges_ShareTheirInteraction_AndTheSharesAddUpToTheDifference()
    {
        var errors = new Dictionary<string, string[]>();
        var result = DriverTree.Run(Base, [new DriverChange(Driver.WinRate, ChangeKind.Percent, 0.2m), new DriverChange(Driver.BundleUplift, ChangeKind.Set, 0.1m)], 0.1m, errors)!;

        // v(∅) 2,000,000; v(win) 2,200,000; v(bundle) 2,200,000; v(both) 2,420,000: each ½ × 200,000 + ½ × 220,000 = 210,000.
        Assert.Equal(2_420_000m, result.Scenario.Revenue);
        Assert.Equal([(Driver.WinRate, 210_000m, 63_000m, 189_000m, 5m), (Driver.BundleUplift, 210_000m, 63_000m, 189_000m, 0m)],
            result.Contributions.Select(c => (c.Driver, c.Revenue, c.Margin, c.Collection, c.Customers)));
        Assert.Equal(result.Scenario.Revenue - result.Base.Revenue, result.Contributions.Sum(c => c.Revenue));
    }

    [Fact]
    public void SharesThatDoNotDivideEvenly_AreRoundedToTheFen_AndStillAddUp()
    {
        var errors = new Dictionary<string, string[]>();
        var result = DriverTree.Run(Base, [new DriverChange(Driver.WinRate, ChangeKind.Percent, 0.1m), new DriverChange(Driver.BundleUplift, ChangeKind.Set, 0.1m),
            new DriverChange(Driver.Leads, ChangeKind.Percent, 0.1m)], 0.1m, errors)!;
        Assert.Equal(3, result.Contributions.Count);
        Assert.All(result.Contributions, c => Assert.Equal(c.Revenue, Math.Round(c.Revenue, 2)));
        Assert.Equal(result.Scenario.Revenue - result.Base.Revenue, result.Contributions.Sum(c => c.Revenue));
        Assert.Equal(result.Scenario.Margin - result.Base.Margin, result.Contributions.Sum(c => c.Margin));
    }

    [Fact]
    public void TheTornado_MovesEachDriverTenPercent_WidestFirst_AndLeavesOutWhatMovesNoRevenue()
    {
        var bars = DriverTree.Tornado(Base, Base, 0.1m);
        Assert.Equal((Driver.Price, 1_800_000m, 2_200_000m), (bars[0].Driver, bars[0].Low, bars[0].High));
        Assert.Equal([Driver.Leads, Driver.QualifiedRate, Driver.OpportunityRate, Driver.WinRate, Driver.AverageDeal, Driver.RetainedCustomers, Driver.RevenuePerRetained, Driver.Heads],
            bars.Skip(1).Take(8).Select(b => b.Driver));
        Assert.All(bars.Skip(1).Take(8), b => Assert.Equal((1_900_000m, 2_100_000m), (b.Low, b.High)));
        // 65.7 days: 82% close in the year (× 1.025); 80.3 days: 78% (× 0.975) — a longer cycle is the low revenue.
        Assert.Equal((Driver.CycleDays, 2_025_000m, 1_975_000m), (bars[9].Driver, bars[9].Low, bars[9].High));
        Assert.Equal(10, bars.Count);
    }

    [Fact]
    public void BadChanges_AreNamedByTheirPlace_AndNothingIsApplied()
    {
        var errors = new Dictionary<string, string[]>();
        var now = DriverTree.Apply(Base, [
            new DriverChange(Driver.WinRate, ChangeKind.Set, 1.5m),
            new DriverChange(Driver.WinRate, ChangeKind.Percent, 4m),
            new DriverChange(Driver.Price, ChangeKind.Percent, 0.1m),
            new DriverChange(Driver.Leads, ChangeKind.Percent, 0.1m, Channel: "ONLINE"),
            new DriverChange(Driver.Leads, ChangeKind.Percent, 0.12345m),
            new DriverChange(Driver.Leads, ChangeKind.Percent, -1.5m),
        ], errors);
        Assert.Same(Base, now);
        Assert.Equal(["changes[0].value", "changes[1].value", "changes[2].productLine", "changes[3].channel", "changes[4].value", "changes[5].value"], errors.Keys.Order());
        Assert.Equal("WinRate is between 0 and 1 (a fraction: 0.4 = 40%).", errors["changes[0].value"][0]);
        Assert.Equal("WinRate of DIRECT·EAST would be 1.25, above 1.", errors["changes[1].value"][0]);
    }

    [Theory]
    [InlineData("leads@DIRECT/EAST=+20%", Driver.Leads, ChangeKind.Percent, 0.2, "DIRECT", "EAST", null)]
    [InlineData("winrate@*/NORTH=0.35", Driver.WinRate, ChangeKind.Set, 0.35, null, "NORTH", null)]
    [InlineData("price:CORE-A=-5%", Driver.Price, ChangeKind.Percent, -0.05, null, null, "CORE-A")]
    public void AChangeWrittenAsText_IsRead(string text, Driver driver, ChangeKind kind, double value, string? channel, string? region, string? line) =>
        Assert.Equal(new DriverChange(driver, kind, (decimal)value, channel, region, line), DriverTree.ParseChange(text, out _));

    [Theory]
    [InlineData("winrate", "a change is DRIVER[@CHANNEL][/REGION][:LINE]=+10% or =VALUE")]
    [InlineData("speed=1", "'speed' is not a driver (Leads, QualifiedRate, OpportunityRate, WinRate, AverageDeal, RetainedCustomers, RevenuePerRetained, NewCustomerShare, BundleUplift, RebateRate, Price, GrossMargin, CollectionRate, CycleDays, Heads)")]
    [InlineData("leads=lots", "'lots' is not a number or a percentage")]
    public void TextThatIsNotAChange_SaysWhy(string text, string why)
    {
        Assert.Null(DriverTree.ParseChange(text, out var error));
        Assert.Equal(why, error);
    }
}
