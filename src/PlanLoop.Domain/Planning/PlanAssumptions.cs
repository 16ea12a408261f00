using PlanLoop.Domain.Organisation;

namespace PlanLoop.Domain.Planning;

/// <summary>
/// A channel's lever in the plan (seed §4.4): direct = headcount × productivity per head,
/// agents = number of agents × average output, partners = number of partners. Either may be unknown.
/// </summary>
public sealed record ChannelLever(string Channel, ChannelKind Kind, decimal? Units, decimal? OutputPerUnit)
{
    public decimal? Capacity => Units is { } u && OutputPerUnit is { } o ? u * o : null;
}

/// <summary>The product pyramid (seed §4.2): 塔尖 custom solutions, 塔身 standard packages, 塔基 SaaS tools.</summary>
public enum PyramidTier
{
    Apex,
    Body,
    Base,
}

/// <summary>A pyramid tier's planned share of revenue and its gross margin (both fractions).</summary>
public sealed record PyramidLevel(PyramidTier Tier, decimal Share, decimal GrossMargin);

/// <summary>Strategy goals stated as figures, which the checks hold against the KPIs.</summary>
public enum StrategyGoalKind
{
    /// <summary>交叉销售提升ARPU (fraction, +0.15).</summary>
    ArpuUplift,

    /// <summary>捆绑销售提升客单价 (fraction, +0.12).</summary>
    BundleDealSizeUplift,

    /// <summary>渠道组合:线上获客占比 (fraction, 0.60).</summary>
    OnlineLeadShare,

    /// <summary>新增办事处数量 (count).</summary>
    NewOffices,
}

public sealed record StrategyGoal(StrategyGoalKind Kind, decimal Value, string? Scope = null);

public static class Pyramid
{
    /// <summary>Σ share × margin, or null when the shares do not sum to 100%.</summary>
    public static decimal? BlendedMargin(IReadOnlyCollection<PyramidLevel> levels) =>
        levels.Count == 0 || levels.Sum(l => l.Share) != 1m ? null : levels.Sum(l => l.Share * l.GrossMargin);
}
