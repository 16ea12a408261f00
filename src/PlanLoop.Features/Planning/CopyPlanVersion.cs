using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

/// <summary>Copies a version as a new draft version or as a named scenario; the copy gets the next number.</summary>
public sealed class CopyPlanVersion(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    public async Task<PlanVersionView?> Handle(Guid versionId, string name, VersionKind kind, string user, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var source = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (source is null) return null;
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == source.PlanId, ct);
        var number = await db.PlanVersions.Where(v => v.PlanId == source.PlanId).MaxAsync(v => v.Number, ct) + 1;
        var now = clock.GetUtcNow().UtcDateTime;
        var copy = source.CopyAs(number, name, kind, user, now);
        db.PlanVersions.Add(copy);
        db.AuditEntries.Add(new AuditEntry(now, user, nameof(PlanVersion), copy.Id, "created", null, $"{kind} {number} {copy.Name}", $"copied from version {source.Number}"));
        await db.SaveChangesAsync(ct);
        return GetPlanVersion.View(plan, copy, await GetPlanVersion.DirectSellers(db, ct));
    }
}
