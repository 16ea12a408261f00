using PlanLoop.Domain.Execution;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Execution;

/// <summary>The leads (and opportunities) a viewer may see: their own; a Manager their team's; Director, SalesOps, Finance, CS and admins all.</summary>
public static class LeadScope
{
    public static IQueryable<Lead> Visible(this IQueryable<Lead> leads, PlanLoopDbContext db, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.SeesAll) return leads;
        var person = viewer.PersonId;
        if (person is null) return leads.Where(l => false);
        if (viewer.SeesTeam)
        {
            var team = viewer.TeamId;
            return leads.Where(l => l.OwnerId == person || db.People.Any(p => p.TeamId == team && p.Id == l.OwnerId));
        }
        return leads.Where(l => l.OwnerId == person);
    }

    /// <summary>The opportunities a viewer may see, by the same rule as leads.</summary>
    public static IQueryable<Opportunity> Visible(this IQueryable<Opportunity> opportunities, PlanLoopDbContext db, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.SeesAll) return opportunities;
        var person = viewer.PersonId;
        if (person is null) return opportunities.Where(o => false);
        if (viewer.SeesTeam)
        {
            var team = viewer.TeamId;
            return opportunities.Where(o => o.OwnerId == person || db.People.Any(p => p.TeamId == team && p.Id == o.OwnerId));
        }
        return opportunities.Where(o => o.OwnerId == person);
    }
}
