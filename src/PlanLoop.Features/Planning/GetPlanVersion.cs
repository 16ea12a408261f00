using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Organisation;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

public sealed record PlanVersionSummary(Guid Id, int Number, string Name, VersionKind Kind, PlanStatus Status, DateTime CreatedAt, string CreatedBy, DateTime? ApprovedAt, string? ApprovedBy, Guid? CopiedFromId = null);

public sealed record PlanSummary(Guid Id, string Name, int FiscalYear, IReadOnlyList<PlanVersionSummary> Versions);

public sealed record PlanVersionView(
    Guid PlanId,
    string PlanName,
    int FiscalYear,
    PlanVersionSummary Version,
    string? OverrideReason,
    int Revision,
    IReadOnlyList<KpiLine> Kpis,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<ChannelLever> Levers,
    IReadOnlyList<PyramidLevel> Pyramid,
    decimal? BlendedMargin,
    IReadOnlyList<StrategyGoal> Goals,
    int? DirectSellersInOrganisation,
    IReadOnlyList<Finding> Findings)
{
    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);
}

/// <summary>Plans and their versions, and one version with every figure, derived KPI and finding.</summary>
public sealed class GetPlanVersion(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<IReadOnlyList<PlanSummary>> List(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().OrderByDescending(p => p.FiscalYear).ThenBy(p => p.Name).ToListAsync(ct);
        var versions = await db.PlanVersions.AsNoTracking()
            .Select(v => new { v.PlanId, Summary = new PlanVersionSummary(v.Id, v.Number, v.Name, v.Kind, v.Status, v.CreatedAt, v.CreatedBy, v.ApprovedAt, v.ApprovedBy, v.CopiedFromId) })
            .ToListAsync(ct);
        return [.. plans.Select(p => new PlanSummary(p.Id, p.Name, p.FiscalYear,
            [.. versions.Where(v => v.PlanId == p.Id).Select(v => v.Summary).OrderBy(v => v.Number)]))];
    }

    /// <summary>The version, or null when there is none with that id.</summary>
    public async Task<PlanVersionView?> Handle(Guid versionId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var version = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return null;
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == version.PlanId, ct);
        var directSellers = await DirectSellers(db, ct);
        return View(plan, version, directSellers);
    }

    /// <summary>Finds a version by plan name or id: the approved version if there is one, else the newest.</summary>
    public async Task<Guid?> Resolve(string? planNameOrId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plans = db.Plans.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(planNameOrId))
        {
            if (Guid.TryParse(planNameOrId, out var id))
            {
                if (await db.PlanVersions.AnyAsync(v => v.Id == id, ct)) return id;
                plans = plans.Where(p => p.Id == id);
            }
            else
            {
                plans = plans.Where(p => p.Name == planNameOrId.Trim());
            }
        }
        var plan = await plans.OrderByDescending(p => p.FiscalYear).FirstOrDefaultAsync(ct);
        if (plan is null) return null;
        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.PlanId == plan.Id && v.Kind == VersionKind.Version)
            .Select(v => new { v.Id, v.Number, v.Status }).ToListAsync(ct);
        return (versions.FirstOrDefault(v => v.Status == PlanStatus.Approved) ?? versions.OrderByDescending(v => v.Number).FirstOrDefault())?.Id;
    }

    /// <summary>The planned headcount of the departments that sell direct (KA + SMB); null when the organisation has none.</summary>
    internal static async Task<int?> DirectSellers(PlanLoopDbContext db, CancellationToken ct) =>
        await db.Teams.Where(t => t.IsActive && (t.Kind == TeamKind.KeyAccounts || t.Kind == TeamKind.SmallAndMediumBusiness))
            .SumAsync(t => (int?)t.PlannedHeadcount, ct);

    internal static PlanVersionView View(Plan plan, PlanVersion version, int? directSellers)
    {
        var snapshot = version.ToSnapshot(directSellers);
        var order = Enum.GetValues<Dimension>().ToList();
        return new PlanVersionView(plan.Id, plan.Name, plan.FiscalYear,
            new PlanVersionSummary(version.Id, version.Number, version.Name, version.Kind, version.Status, version.CreatedAt, version.CreatedBy, version.ApprovedAt, version.ApprovedBy, version.CopiedFromId),
            version.OverrideReason, version.Revision,
            KpiSheet.Lines(version.Kpis),
            [.. snapshot.Breakdowns.OrderBy(b => b.Kpi).ThenBy(b => order.IndexOf(b.Dimension))],
            version.Levers, version.Pyramid, Pyramid.BlendedMargin(version.Pyramid), version.Goals, directSellers,
            PlanChecks.Run(snapshot));
    }
}
