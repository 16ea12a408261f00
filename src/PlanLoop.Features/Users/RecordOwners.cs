using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Users;

/// <summary>
/// One rule for whom a person may name as the owner of a record they create or hand over (accounts, leads; the
/// imports apply the same per row): whoever sees all records may name anyone; a manager, the members of their team; a
/// seller, only themselves. Keeping the owner as it was is always allowed.
/// </summary>
public static class RecordOwners
{
    /// <summary>Null when <paramref name="viewer"/> may make <paramref name="owner"/> the owner, else the message for the owner field.</summary>
    /// <param name="db">Where people are.</param>
    /// <param name="viewer">Who is writing.</param>
    /// <param name="owner">The owner named.</param>
    /// <param name="what">The record in words, as in 只能把{what}分给自己 (线索, 客户).</param>
    /// <param name="ct">Cancels the lookups.</param>
    public static async Task<string?> Problem(PlanLoopDbContext db, Viewer viewer, Guid owner, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        var person = await db.People.AsNoTracking().Where(p => p.Id == owner).Select(p => new { p.TeamId }).SingleOrDefaultAsync(ct);
        if (person is null) return "负责人不存在。";
        return Allows(viewer, owner, person.TeamId) ? null : Refusal(viewer, what);
    }

    /// <summary>
    /// Who owns a new record when its creator names nobody: the creator, unless they see every record (admin, director,
    /// sales ops, finance, customer success), whose records start in the pool for a manager to hand out. Accounts, leads,
    /// opportunities and every import of them use this one rule.
    /// </summary>
    /// <param name="viewer">Who is creating.</param>
    /// <param name="named">The owner the creator named, if any.</param>
    public static Guid? NewOwner(Viewer viewer, Guid? named)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return named ?? (viewer.SeesAll ? null : viewer.PersonId);
    }

    /// <summary>The rule itself, for callers that hold the owner's team already (the imports, row by row).</summary>
    /// <param name="viewer">Who is writing.</param>
    /// <param name="owner">The owner named.</param>
    /// <param name="ownerTeam">The owner's team.</param>
    public static bool Allows(Viewer viewer, Guid owner, Guid? ownerTeam)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.SeesAll || owner == viewer.PersonId || viewer.SeesTeam && ownerTeam is { } team && team == viewer.TeamId;
    }

    /// <summary>What a person is told when the rule refuses them.</summary>
    /// <param name="viewer">Who is writing.</param>
    /// <param name="what">The record in words (线索, 客户).</param>
    public static string Refusal(Viewer viewer, string what)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.SeesTeam ? $"只能把{what}分给自己或本团队的成员。" : $"只能把{what}分给自己。";
    }
}
