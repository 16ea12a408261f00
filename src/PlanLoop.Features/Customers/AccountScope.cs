using PlanLoop.Domain.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Customers;

/// <summary>The accounts a viewer may see, as a filter the database applies.</summary>
public static class AccountScope
{
    public static IQueryable<Account> Visible(this IQueryable<Account> accounts, PlanLoopDbContext db, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.SeesAll) return accounts;
        var person = viewer.PersonId;
        if (person is null) return accounts.Where(a => false);
        if (viewer.SeesTeam)
        {
            var team = viewer.TeamId;
            return accounts.Where(a => a.OwnerId == person || a.AdvisorId == person
                || db.People.Any(p => p.TeamId == team && (p.Id == a.OwnerId || p.Id == a.AdvisorId)));
        }
        return accounts.Where(a => a.OwnerId == person || a.AdvisorId == person);
    }
}
