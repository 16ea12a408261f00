using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Users;

/// <summary>
/// Who is looking, for data scope: their roles and the person (and team) their login belongs to.
/// Admin, Director, SalesOps, Finance and Customer Success see every customer; a Manager sees their
/// team's; anyone else sees what they own or advise.
/// </summary>
public sealed record Viewer(string UserName, IReadOnlyList<string> Roles, Guid? PersonId = null, Guid? TeamId = null)
{
    /// <summary>Jobs and the command line act for the whole company.</summary>
    public static readonly Viewer System = new("system", [Users.Roles.Admin]);

    public bool SeesAll => Roles.Any(r => r is Users.Roles.Admin or Users.Roles.Director or Users.Roles.SalesOps or Users.Roles.Finance or Users.Roles.CustomerSuccess);

    public bool SeesTeam => Roles.Contains(Users.Roles.Manager) && TeamId is not null;

    public bool Can(params string[] roles) => Roles.Any(roles.Contains);
}

/// <summary>
/// Builds the <see cref="Viewer"/> of a signed-in user from their login and person record. Every API request and
/// page asks, so the person lookup comes from the read cache while nothing has been written.
/// </summary>
public sealed class GetViewer(IDbContextFactory<PlanLoopDbContext> dbs, ReadCache cache)
{
    sealed record Person(Guid? PersonId, Guid? TeamId);

    public async Task<Viewer> Handle(string userName, IEnumerable<string> roles, CancellationToken ct)
    {
        var person = await cache.Get("viewer", userName, async () =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Users.Where(u => u.UserName == userName)
                .Select(u => new Person(u.PersonId, db.People.Where(p => p.Id == u.PersonId).Select(p => p.TeamId).FirstOrDefault()))
                .FirstOrDefaultAsync(ct) ?? new Person(null, null);
        }, ct);
        return new Viewer(userName, roles.ToList(), person.PersonId, person.TeamId);
    }
}
