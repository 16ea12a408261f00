using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;

namespace PlanLoop.Domain.Tests.Planning;

/// <summary>The figures of the commissioning plan document (the demo plan), exactly as written (§3.1, §3.2, §4.1, §4.2, §4.4, §5.1).</summary>
static class SeedPlan
{
    const decimal Wan = 10_000m;

    public static readonly KpiFigure[] Kpis =
    [
        new(Kpi.Revenue, 12_000 * Wan, 15_000 * Wan, 0.25m),
        new(Kpi.CustomerCount, 850m, 1100m, 0.29m),
        new(Kpi.AverageDealSize, 14.1m * Wan, 13.6m * Wan, -0.035m),
        new(Kpi.CollectionRate, 0.85m, 0.92m, 7m),
        new(Kpi.Satisfaction, 78m, 85m, 7m),
        new(Kpi.QualifiedLeadRate, null, 0.40m),
        new(Kpi.Nps, null, 45m),
    ];

    public static Breakdown Quarters => new(Kpi.Revenue, Dimension.Quarter, SplitMethod.Amounts,
    [
        new("Q1", 0.20m, 3000 * Wan), new("Q2", 0.24m, 3600 * Wan), new("Q3", 0.28m, 4200 * Wan), new("Q4", 0.24m, 3600 * Wan),
    ]);

    public static Breakdown Regions => new(Kpi.Revenue, Dimension.Region, SplitMethod.Amounts,
    [
        new("EAST", 0.40m, 6000 * Wan), new("SOUTH", 0.30m, 4500 * Wan), new("NORTH", 0.20m, 3000 * Wan), new("SOUTHWEST", 0.10m, 1500 * Wan),
    ]);

    public static Breakdown Products => new(Kpi.Revenue, Dimension.ProductLine, SplitMethod.Amounts,
    [
        new("CORE-A", 0.60m, 9000 * Wan), new("GROWTH-B", 0.30m, 4500 * Wan), new("EMERGING-C", 0.10m, 1500 * Wan),
    ]);

    public static Breakdown Channels => new(Kpi.Revenue, Dimension.Channel, SplitMethod.Amounts,
    [
        new("DIRECT", 0.50m, 7500 * Wan), new("AGENT", 0.30m, 4500 * Wan), new("ONLINE", 0.15m, 2250 * Wan), new("PARTNER", 0.05m, 750 * Wan),
    ]);

    public static readonly ChannelLever[] Levers =
    [
        new("DIRECT", ChannelKind.Direct, 30m, 500 * Wan),
        new("AGENT", ChannelKind.Agent, 50m, null),
        new("ONLINE", ChannelKind.Online, null, null),
        new("PARTNER", ChannelKind.Partner, 3m, null),
    ];

    public static readonly PyramidLevel[] Pyramid =
    [
        new(PyramidTier.Apex, 0.15m, 0.45m), new(PyramidTier.Body, 0.70m, 0.35m), new(PyramidTier.Base, 0.15m, 0.20m),
    ];

    public static readonly StrategyGoal[] Goals =
    [
        new(StrategyGoalKind.ArpuUplift, 0.15m), new(StrategyGoalKind.BundleDealSizeUplift, 0.12m),
        new(StrategyGoalKind.OnlineLeadShare, 0.60m), new(StrategyGoalKind.NewOffices, 2m, "SOUTHWEST"),
    ];

    /// <summary>KA 5 + SMB 15 sell direct (§5.1).</summary>
    public const int DirectSellers = 20;

    public static PlanSnapshot Snapshot => new(Kpis, [Quarters, Regions, Products, Channels], Levers, Pyramid, Goals, DirectSellers);
}
