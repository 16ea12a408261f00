using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Planning;

public sealed record AuditLine(DateTime At, string User, string Path, string? Before, string? After, string? Note);

/// <summary>The audit trail of one version, newest first: who changed which figure or status, when, before → after.</summary>
public sealed class GetAuditTrail(IDbContextFactory<PlanLoopDbContext> dbs)
{
    public async Task<IReadOnlyList<AuditLine>> Handle(Guid versionId, int take, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == versionId)
            .OrderByDescending(a => a.Id)
            .Take(Math.Clamp(take, 1, 1000))
            .Select(a => new AuditLine(a.At, a.User, a.Path, a.Before, a.After, a.Note))
            .ToListAsync(ct);
    }
}
