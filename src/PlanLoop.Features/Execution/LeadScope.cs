using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

/// <summary>
/// The leads, opportunities and contracts a viewer may see: their own; a Manager their team's;
/// Director, SalesOps, Finance, CS and admins all.
/// </summary>
public static class LeadScope
{
    public static IQueryable<T> Visible<T>(this IQueryable<T> records, PlanLoopDbContext db, Viewer viewer) where T : class, IOwnedRecord
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.SeesAll) return records;
        var person = viewer.PersonId;
        if (person is null) return records.Where(r => false);
        if (viewer.SeesTeam)
        {
            var team = viewer.TeamId;
            return records.Where(r => r.OwnerId == person || db.People.Any(p => p.TeamId == team && p.Id == r.OwnerId));
        }
        return records.Where(r => r.OwnerId == person);
    }
}
