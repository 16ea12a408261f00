using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

/// <summary>The plan's figure for a KPI: baseline (last year) and target, from the plan version named.</summary>
public sealed record KpiTarget(decimal? Baseline, decimal? Target, string PlanVersion);

/// <summary>The KPI targets that actuals are measured against: the fiscal year's approved version, else its latest version.</summary>
static class PlanTargets
{
    public static async Task<Func<Kpi, KpiTarget?>> For(PlanLoopDbContext db, int year, CancellationToken ct)
    {
        var version = await db.PlanVersions.AsNoTracking()
            .Where(v => db.Plans.Any(p => p.Id == v.PlanId && p.FiscalYear == year) && v.Kind == VersionKind.Version)
            .OrderByDescending(v => v.Status == PlanStatus.Approved).ThenByDescending(v => v.Number)
            .FirstOrDefaultAsync(ct);
        return kpi => version?.Kpis.FirstOrDefault(k => k.Kpi == kpi) is { } f ? new KpiTarget(f.Baseline, f.Target, version.Name) : null;
    }
}
