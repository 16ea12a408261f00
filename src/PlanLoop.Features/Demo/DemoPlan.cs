using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Features.Demo;

/// <summary>
/// The 2024 plan of the commissioning plan document (销售计划制定与策略优化方案, V1.0) with its figures exactly as written
/// (§3.1, §3.2, §4.1, §4.2, §4.4), including the ones that do not add up: the checks must find them.
/// </summary>
public static class DemoPlan
{
    public const string Name = "2024年度销售计划";
    public const string VersionName = "V1.0";

    /// <summary>
    /// Why the Director approved the plan although its checks report errors (the document's quarters add up to
    /// 1.44亿 of 1.5亿, its shares to 96%, it plans 30 direct sellers against 20): the demo runs on an approved
    /// plan, as a company does, and its findings stay visible.
    /// </summary>
    public const string ApprovalReason = "按董事会决议先执行年度目标;季度与占比的差异、直销人员缺口在第四季度预算评审中修正。";
    public const int FiscalYear = 2024;
    const decimal Wan = 10_000m;

    public static IReadOnlyList<KpiFigure> Kpis { get; } =
    [
        new(Kpi.Revenue, 12_000 * Wan, 15_000 * Wan, 0.25m),
        new(Kpi.CustomerCount, 850m, 1100m, 0.29m),
        new(Kpi.AverageDealSize, 14.1m * Wan, 13.6m * Wan, -0.035m),
        new(Kpi.CollectionRate, 0.85m, 0.92m, 7m),
        new(Kpi.Satisfaction, 78m, 85m, 7m),
        new(Kpi.QualifiedLeadRate, null, 0.40m),
        new(Kpi.Nps, null, 45m),
    ];

    public static IReadOnlyList<Breakdown> Breakdowns { get; } =
    [
        new(Kpi.Revenue, Dimension.Quarter, SplitMethod.Amounts,
            [new("Q1", 0.20m, 3000 * Wan), new("Q2", 0.24m, 3600 * Wan), new("Q3", 0.28m, 4200 * Wan), new("Q4", 0.24m, 3600 * Wan)]),
        new(Kpi.Revenue, Dimension.Region, SplitMethod.Amounts,
            [new("EAST", 0.40m, 6000 * Wan), new("SOUTH", 0.30m, 4500 * Wan), new("NORTH", 0.20m, 3000 * Wan), new("SOUTHWEST", 0.10m, 1500 * Wan)]),
        new(Kpi.Revenue, Dimension.ProductLine, SplitMethod.Amounts,
            [new("CORE-A", 0.60m, 9000 * Wan), new("GROWTH-B", 0.30m, 4500 * Wan), new("EMERGING-C", 0.10m, 1500 * Wan)]),
        new(Kpi.Revenue, Dimension.Channel, SplitMethod.Amounts,
            [new("DIRECT", 0.50m, 7500 * Wan), new("AGENT", 0.30m, 4500 * Wan), new("ONLINE", 0.15m, 2250 * Wan), new("PARTNER", 0.05m, 750 * Wan)]),
    ];

    public static IReadOnlyList<ChannelLever> Levers { get; } =
    [
        new("DIRECT", ChannelKind.Direct, 30m, 500 * Wan),
        new("AGENT", ChannelKind.Agent, 50m, null),
        new("ONLINE", ChannelKind.Online, null, null),
        new("PARTNER", ChannelKind.Partner, 3m, null),
    ];

    public static IReadOnlyList<PyramidLevel> Pyramid { get; } =
    [
        new(PyramidTier.Apex, 0.15m, 0.45m), new(PyramidTier.Body, 0.70m, 0.35m), new(PyramidTier.Base, 0.15m, 0.20m),
    ];

    public static IReadOnlyList<StrategyGoal> Goals { get; } =
    [
        new(StrategyGoalKind.ArpuUplift, 0.15m), new(StrategyGoalKind.BundleDealSizeUplift, 0.12m),
        new(StrategyGoalKind.OnlineLeadShare, 0.60m), new(StrategyGoalKind.NewOffices, 2m, "SOUTHWEST"),
    ];
}
