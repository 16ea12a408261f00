using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain.Planning;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Planning;

public enum StatusAction
{
    Submit,
    ReturnToDraft,
    Approve,
    Archive,
}

/// <summary>
/// Moves a version through draft → submitted → approved → archived. Approval re-runs the checks:
/// error findings block it unless the Director writes a reason, which is kept on the version and in the audit.
/// Approving a version archives the version approved before it.
/// </summary>
public sealed class ChangePlanStatus(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    /// <summary>The version after the change; not found, or a conflict when someone changed the version meanwhile. A transition the status does not allow is a <see cref="PlanningRuleException"/>.</summary>
    public async Task<EditResult<PlanVersionView>> Handle(Guid versionId, StatusAction action, Viewer actor, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var version = await db.PlanVersions.SingleOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return EditResult<PlanVersionView>.NotFound;
        var plan = await db.Plans.SingleAsync(p => p.Id == version.PlanId, ct);
        var directSellers = await GetPlanVersion.DirectSellers(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var before = version.Status;

        switch (action)
        {
            case StatusAction.Submit:
                version.Submit(now);
                break;
            case StatusAction.ReturnToDraft:
                version.ReturnToDraft();
                break;
            case StatusAction.Approve:
                var errors = PlanChecks.Run(version.ToSnapshot(directSellers)).Count(f => f.Severity == FindingSeverity.Error);
                version.Approve(actor.UserName, actor.Allows(Permission.ApprovePlans), errors, reason, now);
                var previous = await db.PlanVersions
                    .Where(v => v.PlanId == version.PlanId && v.Id != version.Id && v.Status == PlanStatus.Approved)
                    .ToListAsync(ct);
                foreach (var old in previous)
                {
                    old.Archive();
                    db.AuditEntries.Add(new AuditEntry(now, actor.UserName, nameof(PlanVersion), old.Id, "status",
                        nameof(PlanStatus.Approved), nameof(PlanStatus.Archived), $"superseded by version {version.Number}"));
                }
                break;
            case StatusAction.Archive:
                version.Archive();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
        db.AuditEntries.Add(new AuditEntry(now, actor.UserName, nameof(PlanVersion), version.Id, "status",
            before.ToString(), version.Status.ToString(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditResult<PlanVersionView>.Conflict;
        }
        return EditResult<PlanVersionView>.Saved(GetPlanVersion.View(plan, version, directSellers));
    }
}
