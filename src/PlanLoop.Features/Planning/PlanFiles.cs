using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Workbooks;

namespace PlanLoop.Features.Planning;

/// <summary>
/// Plans to and from .xlsx. Export writes any version; import adds a new draft version (to the plan of
/// that name, or a new plan) and never overwrites one. Import is all-or-nothing.
/// </summary>
public sealed class PlanFiles(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<(string FileName, byte[] Content)?> Export(Guid versionId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var version = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return null;
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == version.PlanId, ct);
        var file = new PlanFile(plan.Name, plan.FiscalYear, version.Name, version.Kpis,
            [.. version.Breakdowns.Select(b => b.ToBreakdown())], version.Levers, version.Pyramid, version.Goals);
        return ($"{plan.Name}-{version.Name}.xlsx", PlanWorkbook.Write(file));
    }

    /// <summary>Reads a workbook and runs the plan checks on it without saving anything (<c>planloop plan check --file</c>).</summary>
    public async Task<(PlanFile? Plan, IReadOnlyList<WorkbookError> Errors, IReadOnlyList<Finding> Findings)> Check(Stream xlsx, CancellationToken ct)
    {
        var (file, errors) = PlanWorkbook.Read(xlsx);
        if (file is null) return (null, errors, []);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var snapshot = new PlanSnapshot(file.Kpis, file.Breakdowns, file.Levers, file.Pyramid, file.Goals, await GetPlanVersion.DirectSellers(db, ct));
        return (file, errors, PlanChecks.Run(snapshot));
    }

    public async Task<WorkbookImport<PlanVersionView>> Import(Stream xlsx, string user, CancellationToken ct)
    {
        var (file, errors) = PlanWorkbook.Read(xlsx);
        if (file is null) return new WorkbookImport<PlanVersionView>(null, errors);

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Name == file.PlanName, ct);
        if (plan is not null && plan.FiscalYear != file.FiscalYear)
            return new WorkbookImport<PlanVersionView>(null, [new WorkbookError(PlanWorkbook.PlanSheet, 0, "", $"计划 '{file.PlanName}' 已存在,财年为 {plan.FiscalYear},文件写的是 {file.FiscalYear}。")]);
        plan ??= db.Plans.Add(new Plan(file.PlanName, file.FiscalYear, now)).Entity;
        var number = (await db.PlanVersions.Where(v => v.PlanId == plan.Id).Select(v => (int?)v.Number).MaxAsync(ct) ?? 0) + 1;
        var version = new PlanVersion(plan.Id, number, file.VersionName, VersionKind.Version, user, now);
        foreach (var kpi in file.Kpis) version.SetKpi(kpi);
        foreach (var breakdown in file.Breakdowns) version.SetBreakdown(breakdown);
        version.SetAssumptions(file.Levers, file.Pyramid, file.Goals);
        db.PlanVersions.Add(version);
        db.AuditEntries.Add(new AuditEntry(now, user, nameof(PlanVersion), version.Id, "created", null, $"Version {number} {version.Name}", "imported from .xlsx"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new WorkbookImport<PlanVersionView>(GetPlanVersion.View(plan, version, await GetPlanVersion.DirectSellers(db, ct)), []);
    }
}
