namespace PlanLoop.Domain.Planning;

/// <summary>
/// A KPI as the plan gives it. For a derived KPI, Baseline and Target are what the document
/// states (kept so checks can compare); the figures used are computed from the inputs.
/// StatedGrowth is the growth as written: a fraction for % growth, points for pt changes.
/// </summary>
public sealed record KpiFigure(Kpi Kpi, decimal? Baseline, decimal? Target, decimal? StatedGrowth = null);

/// <summary>A KPI line as shown: effective baseline and target, and the growth computed from them.</summary>
public sealed record KpiLine(Kpi Kpi, KpiUnit Unit, decimal? Baseline, decimal? Target, decimal? Growth, bool GrowthInPoints, bool IsDerived, KpiFigure? Stated);

/// <summary>Turns the figures of a plan into KPI lines, computing derived KPIs and every growth.</summary>
public static class KpiSheet
{
    public static IReadOnlyList<KpiLine> Lines(IReadOnlyCollection<KpiFigure> figures)
    {
        var byKpi = figures.ToDictionary(f => f.Kpi);
        var lines = new List<KpiLine>();
        foreach (var kpi in KpiCatalog.All)
        {
            byKpi.TryGetValue(kpi, out var stated);
            var (baseline, target) = KpiCatalog.IsDerived(kpi)
                ? (Derive(kpi, byKpi, f => f.Baseline), Derive(kpi, byKpi, f => f.Target))
                : (stated?.Baseline, stated?.Target);
            if (stated is null && baseline is null && target is null) continue;
            lines.Add(new KpiLine(kpi, KpiCatalog.Unit(kpi), baseline, target, Growth(kpi, baseline, target),
                KpiCatalog.GrowsInPoints(kpi), KpiCatalog.IsDerived(kpi), stated));
        }
        return lines;
    }

    /// <summary>(target − baseline) ÷ baseline for amounts and counts; target − baseline in points for rates and scores.</summary>
    public static decimal? Growth(Kpi kpi, decimal? baseline, decimal? target)
    {
        if (baseline is not { } b || target is not { } t) return null;
        return KpiCatalog.Unit(kpi) switch
        {
            KpiUnit.Percent => (t - b) * 100m,
            KpiUnit.Score => t - b,
            _ => b == 0m ? null : (t - b) / b,
        };
    }

    static decimal? Derive(Kpi kpi, Dictionary<Kpi, KpiFigure> figures, Func<KpiFigure, decimal?> side) => kpi switch
    {
        Kpi.AverageDealSize => figures.TryGetValue(Kpi.Revenue, out var r) && figures.TryGetValue(Kpi.CustomerCount, out var c)
            && side(r) is { } revenue && side(c) is { } customers && customers != 0m
                ? revenue / customers
                : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi)),
    };
}
