using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using C = PlanLoop.Domain.Planning.PlanChecks.Codes;

namespace PlanLoop.Domain.Tests.Planning;

public class PlanChecksTests
{
    static PlanSnapshot Empty => new([], [], [], [], [], null);

    static PlanSnapshot Revenue(decimal target, params Breakdown[] breakdowns) =>
        Empty with { Kpis = [new KpiFigure(Kpi.Revenue, 100m, target)], Breakdowns = breakdowns };

    [Fact]
    public void Run_SeedPlan_FindsWhatTheDocumentGetsWrong()
    {
        var findings = PlanChecks.Run(SeedPlan.Snapshot);

        Assert.Equal(
        [
            (C.PartsSum, FindingSeverity.Error, "breakdowns/Revenue/Quarter"),
            (C.SharesSum, FindingSeverity.Error, "breakdowns/Revenue/Quarter"),
            (C.CubeMarginals, FindingSeverity.Error, "cube/Revenue"),
            (C.StrategyConflict, FindingSeverity.Warning, "goals/ArpuUplift"),
            (C.StrategyConflict, FindingSeverity.Warning, "goals/BundleDealSizeUplift"),
            (C.Growth, FindingSeverity.Warning, "kpis/AverageDealSize"),
            (C.ChannelCapacity, FindingSeverity.Warning, "levers/DIRECT"),
            (C.Headcount, FindingSeverity.Warning, "levers/DIRECT"),
            (C.CapacityUnknown, FindingSeverity.Info, "levers/AGENT"),
            (C.CapacityUnknown, FindingSeverity.Info, "levers/PARTNER"),
            (C.BlendedMargin, FindingSeverity.Info, "pyramid"),
        ],
        findings.Select(f => (f.Code, f.Severity, f.Path)));
    }

    [Fact]
    public void Run_SeedPlan_MessagesCarryTheFigures()
    {
        var findings = PlanChecks.Run(SeedPlan.Snapshot);
        var parts = findings.Single(f => f.Code == C.PartsSum);
        Assert.Equal("按季度分解合计 1.44亿,与年度目标 1.5亿 相差 -600万。", parts.Message);
        Assert.Equal("The quarterly breakdown adds up to 1.44亿, not the annual target 1.5亿 (difference -600万).", parts.MessageEn);
        Assert.Equal(-6_000_000m, parts.Figures["difference"]);
        Assert.Equal("按季度分解的占比合计 96%,不是 100%。", findings.Single(f => f.Code == C.SharesSum).Message);
        var capacity = findings.Single(f => f.Code == C.ChannelCapacity);
        Assert.Equal("DIRECT 渠道产能 30 × 500万 = 1.5亿,是渠道目标 7500万 的 200%;按目标反推人均/单位产出只需 250万。", capacity.Message);
        Assert.Equal(2_500_000m, capacity.Figures["impliedOutputPerUnit"]);
        Assert.Equal(30m, findings.Single(f => f.Code == C.Headcount).Figures["assumed"]);
        Assert.Equal(20m, findings.Single(f => f.Code == C.Headcount).Figures["organisation"]);
        Assert.Equal(900_000m, findings.Single(f => f.Path == "levers/AGENT").Figures["impliedOutputPerUnit"]);
        Assert.Equal("客单价的增长写作 -3.5%,按基准 14.12万 与目标 13.64万 计算为 -3.41%。", findings.Single(f => f.Code == C.Growth).Message);
        Assert.Equal(0.3425m, findings.Single(f => f.Code == C.BlendedMargin).Figures["blendedMargin"]);
    }

    [Fact]
    public void PartsSum_PartsAddUp_DoesNotFire()
    {
        var findings = PlanChecks.Run(Revenue(150m, new Breakdown(Kpi.Revenue, Dimension.Region, SplitMethod.Amounts, [new("A", null, 100m), new("B", null, 50m)])));
        Assert.Empty(findings);
    }

    [Fact]
    public void PartsSum_OneFenShort_Fires()
    {
        var findings = PlanChecks.Run(Revenue(150m, new Breakdown(Kpi.Revenue, Dimension.Region, SplitMethod.Amounts, [new("A", null, 100m), new("B", null, 49.99m)])));
        Assert.Equal(-0.01m, Assert.Single(findings, f => f.Code == C.PartsSum).Figures["difference"]);
    }

    [Fact]
    public void SharesSum_101Percent_FiresEvenWhenAmountsAddUp()
    {
        var findings = PlanChecks.Run(Revenue(100m, new Breakdown(Kpi.Revenue, Dimension.Region, SplitMethod.Amounts, [new("A", 0.51m, 50m), new("B", 0.50m, 50m)])));
        Assert.Equal([C.SharesSum, C.ShareAmount], findings.Select(f => f.Code));
        Assert.Equal("breakdowns/Revenue/Region/A", findings[1].Path);
    }

    [Fact]
    public void ShareAmount_AmountWithinStatedPrecision_DoesNotFire()
    {
        // 33.3% of 100 is 33.3: stated to 0.1, the amount 33.3 agrees.
        var findings = PlanChecks.Run(Revenue(100m, new Breakdown(Kpi.Revenue, Dimension.Region, SplitMethod.Amounts, [new("A", 0.333m, 33.3m), new("B", 0.667m, 66.7m)])));
        Assert.Empty(findings);
    }

    [Fact]
    public void DerivedKpi_StatedDealSizeOff_Fires()
    {
        var findings = PlanChecks.Run(Empty with
        {
            Kpis = [new(Kpi.Revenue, 1_000_000m, 1_200_000m), new(Kpi.CustomerCount, 10m, 10m), new(Kpi.AverageDealSize, 100_000m, 150_000m)],
        });
        var f = Assert.Single(findings);
        Assert.Equal(C.DerivedKpi, f.Code);
        Assert.Equal((150_000m, 120_000m), (f.Figures["stated"], f.Figures["computed"]));
        Assert.Equal("客单价目标写作 15万,按销售额÷客户数计算为 12万。", f.Message);
    }

    [Fact]
    public void Growth_StatedInPointsAndRight_DoesNotFire()
    {
        Assert.Empty(PlanChecks.Run(Empty with { Kpis = [new(Kpi.CollectionRate, 0.85m, 0.92m, 7m)] }));
    }

    [Fact]
    public void Growth_StatedInPointsAndWrong_FiresInPoints()
    {
        var f = Assert.Single(PlanChecks.Run(Empty with { Kpis = [new(Kpi.Satisfaction, 78m, 85m, 5m)] }));
        Assert.Equal("客户满意度的增长写作 5pt,按基准 78 与目标 85 计算为 7pt。", f.Message);
    }

    [Fact]
    public void ChannelCapacity_BelowTarget_IsAnError()
    {
        var f = Assert.Single(PlanChecks.Run(Empty with
        {
            Kpis = [new(Kpi.Revenue, null, 100_000_000m)],
            Breakdowns = [new(Kpi.Revenue, Dimension.Channel, SplitMethod.Amounts, [new("DIRECT", null, 100_000_000m)])],
            Levers = [new("DIRECT", ChannelKind.Direct, 15m, 5_000_000m)],
        }));
        Assert.Equal((C.ChannelCapacity, FindingSeverity.Error), (f.Code, f.Severity));
        Assert.Equal(25_000_000m, f.Figures["target"] - f.Figures["capacity"]);
    }

    [Fact]
    public void ChannelCapacity_ExactlyTheTarget_DoesNotFire()
    {
        Assert.Empty(PlanChecks.Run(Empty with
        {
            Kpis = [new(Kpi.Revenue, null, 75_000_000m)],
            Breakdowns = [new(Kpi.Revenue, Dimension.Channel, SplitMethod.Amounts, [new("DIRECT", null, 75_000_000m)])],
            Levers = [new("DIRECT", ChannelKind.Direct, 15m, 5_000_000m)],
            DirectSellersInOrganisation = 15,
        }));
    }

    [Fact]
    public void StrategyConflict_DealSizeRising_DoesNotFire()
    {
        Assert.Empty(PlanChecks.Run(Empty with
        {
            Kpis = [new(Kpi.Revenue, 100m, 200m), new(Kpi.CustomerCount, 10m, 10m)],
            Goals = [new(StrategyGoalKind.ArpuUplift, 0.15m)],
        }));
    }

    [Fact]
    public void PyramidShares_Not100Percent_IsAnErrorWithoutBlendedMargin()
    {
        var f = Assert.Single(PlanChecks.Run(Empty with { Pyramid = [new(PyramidTier.Apex, 0.2m, 0.45m), new(PyramidTier.Body, 0.7m, 0.35m)] }));
        Assert.Equal((C.PyramidShares, FindingSeverity.Error, 0.9m), (f.Code, f.Severity, f.Figures["shareSum"]));
    }

    [Theory]
    [InlineData("141000", "141176.47", true)]
    [InlineData("136000", "136363.64", true)]
    [InlineData("0.29", "0.2941", true)]
    [InlineData("-0.035", "-0.0341", false)]
    [InlineData("7", "7.4", true)]
    [InlineData("7", "7.6", false)]
    [InlineData("0", "0.4", true)]
    public void Agrees_AtTheStatedPrecision(string stated, string computed, bool expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(expected, PlanChecks.Agrees(decimal.Parse(stated, inv), decimal.Parse(computed, inv)));
    }
}

public class QuotaCheckTests
{
    [Fact]
    public void QuotaOverCapacity_RepAboveThePerHeadProductivity_Fires_AtOrBelowDoesNot()
    {
        var plan = new PlanSnapshot(
            [new KpiFigure(Kpi.Revenue, null, 13_000_000m)],
            [new Breakdown(Kpi.Revenue, Dimension.Rep, SplitMethod.Amounts, [new("张伟", null, 8_000_000m), new("刘洋", null, 5_000_000m)])],
            [new ChannelLever("DIRECT", PlanLoop.Domain.Organisation.ChannelKind.Direct, 30m, 5_000_000m)],
            [], [], null);

        var finding = Assert.Single(PlanChecks.Run(plan), f => f.Code == PlanChecks.Codes.QuotaOverCapacity);

        Assert.Equal("breakdowns/Revenue/Rep/张伟", finding.Path);
        Assert.Equal("张伟 的配额 800万 超过直销人均产能 500万(160%)。", finding.Message);
    }
}

public class CubeCheckTests
{
    [Fact]
    public void CubeMarginals_BreakdownsThatAgree_DoNotFire_OneThatDiffers_Fires()
    {
        Breakdown By(Dimension d, params decimal[] amounts) =>
            new(Kpi.Revenue, d, SplitMethod.Amounts, [.. amounts.Select((a, i) => new BreakdownPart($"m{i}", null, a))]);
        var agree = new PlanSnapshot([], [By(Dimension.Region, 60m, 40m), By(Dimension.Quarter, 25m, 25m, 50m)], [], [], [], null);
        var differ = agree with { Breakdowns = [By(Dimension.Region, 60m, 40m), By(Dimension.Quarter, 25m, 25m, 49m)] };

        Assert.DoesNotContain(PlanChecks.Run(agree), f => f.Code == PlanChecks.Codes.CubeMarginals);
        var f = Assert.Single(PlanChecks.Run(differ), f => f.Code == PlanChecks.Codes.CubeMarginals);
        Assert.Equal((100m, 99m), (f.Figures["Region"], f.Figures["Quarter"]));
    }
}
