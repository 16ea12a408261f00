namespace PlanLoop.Domain.Planning;

/// <summary>The KPIs a plan sets (seed plan §3.1, §4.1, §4.5).</summary>
public enum Kpi
{
    /// <summary>销售额 (amount).</summary>
    Revenue,

    /// <summary>客户数 (count).</summary>
    CustomerCount,

    /// <summary>客单价 = revenue ÷ customers: always derived, never typed.</summary>
    AverageDealSize,

    /// <summary>回款率 (fraction).</summary>
    CollectionRate,

    /// <summary>客户满意度 (score 0–100).</summary>
    Satisfaction,

    /// <summary>NPS (score −100–100).</summary>
    Nps,

    /// <summary>线索合格率 (fraction).</summary>
    QualifiedLeadRate,

    /// <summary>ARPU (amount per customer).</summary>
    Arpu,

    /// <summary>转化率 (fraction).</summary>
    ConversionRate,
}

public enum KpiUnit
{
    /// <summary>Yuan; growth in %.</summary>
    Amount,

    /// <summary>Whole things; growth in %.</summary>
    Count,

    /// <summary>A rate held as a fraction (0.92); change in points.</summary>
    Percent,

    /// <summary>A score (78, NPS 45); change in points.</summary>
    Score,
}

/// <summary>What each KPI is measured in, and whether it is derived from others.</summary>
public static class KpiCatalog
{
    public static KpiUnit Unit(Kpi kpi) => kpi switch
    {
        Kpi.Revenue or Kpi.AverageDealSize or Kpi.Arpu => KpiUnit.Amount,
        Kpi.CustomerCount => KpiUnit.Count,
        Kpi.CollectionRate or Kpi.QualifiedLeadRate or Kpi.ConversionRate => KpiUnit.Percent,
        Kpi.Satisfaction or Kpi.Nps => KpiUnit.Score,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi)),
    };

    public static bool IsDerived(Kpi kpi) => kpi == Kpi.AverageDealSize;

    /// <summary>Amounts and counts grow by a percentage; rates and scores change by points.</summary>
    public static bool GrowsInPoints(Kpi kpi) => Unit(kpi) is KpiUnit.Percent or KpiUnit.Score;

    public static IReadOnlyList<Kpi> All { get; } = Enum.GetValues<Kpi>();
}
