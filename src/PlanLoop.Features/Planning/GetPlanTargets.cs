using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

/// <summary>The plan's figure for a KPI: baseline (last year) and target, from the plan version named.</summary>
public sealed record KpiTarget(decimal? Baseline, decimal? Target, string PlanVersion);

/// <summary>
/// The KPI targets that actuals are measured against: the fiscal year's approved version; without one,
/// the version approved last (now archived); without that, the year's first version. Never simply the
/// newest: a draft copied to try something must not become everyone's baseline.
/// </summary>
public static class PlanTargets
{
    /// <summary>The versions of a year in baseline order: the first is the one monitoring measures against.</summary>
    public static IQueryable<PlanVersion> InBaselineOrder(this IQueryable<PlanVersion> versions) =>
        versions.OrderByDescending(v => v.Status == PlanStatus.Approved)
            .ThenByDescending(v => v.Status == PlanStatus.Archived ? v.Number : 0)
            .ThenBy(v => v.Number);

    internal static async Task<Func<Kpi, KpiTarget?>> For(PlanLoopDbContext db, int year, CancellationToken ct)
    {
        var version = await db.PlanVersions.AsNoTracking()
            .Where(v => db.Plans.Any(p => p.Id == v.PlanId && p.FiscalYear == year) && v.Kind == VersionKind.Version)
            .InBaselineOrder()
            .FirstOrDefaultAsync(ct);
        return kpi => version?.Kpis.FirstOrDefault(k => k.Kpi == kpi) is { } f ? new KpiTarget(f.Baseline, f.Target, version.Name) : null;
    }
}
