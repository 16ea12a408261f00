using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Domain;
using PlanLoop.Features.Audit;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Users;

/// <summary>A login as the admin sees it: who, which roles, whose person, whether it can sign in.</summary>
public sealed record UserRow(string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles, Guid? PersonId, string? PersonName,
    bool Disabled, DateTime? DisabledAt, bool LockedOut);

/// <summary>
/// The logins (admin only): list them, and disable a login — it can no longer sign in, and every
/// session it has ends (the security stamp changes: a cookie at its next check, a bearer token at its
/// next request, an open page within a minute) — or enable it again. An admin cannot disable their
/// own login or the last admin who can sign in. Both are audited.
/// </summary>
public sealed class ManageUsers(UserManager<PlanLoopUser> users, IDbContextFactory<PlanLoopDbContext> dbs, LiveSessions sessions, SignInSessions browsers, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> List(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var now = clock.GetUtcNow();
        return (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            .Select(u => new UserRow(u.UserName!, u.DisplayName, u.Email, [.. roles[u.Id].Order(StringComparer.Ordinal)], u.PersonId,
                u.PersonId is { } p ? people.GetValueOrDefault(p) : null, u.DisabledAt is not null, u.DisabledAt,
                u.DisabledAt is null && u.LockoutEnd is { } end && end > now))
            .ToList();
    }

    /// <summary>Disables a login; false when there is no such login. Throws <see cref="RuleException"/> for one's own login or the last admin.</summary>
    public async Task<bool> Disable(string userName, string by, CancellationToken ct)
    {
        if (await users.FindByNameAsync(userName.Trim()) is not { } user) return false;
        if (string.Equals(user.UserName, by, StringComparison.OrdinalIgnoreCase)) throw new RuleException("user-self");
        if (user.DisabledAt is not null) return true;
        if (await users.IsInRoleAsync(user, Roles.Admin))
        {
            var now = clock.GetUtcNow();
            var admins = await users.GetUsersInRoleAsync(Roles.Admin);
            if (!admins.Any(a => a.Id != user.Id && a.DisabledAt is null && (a.LockoutEnd is null || a.LockoutEnd <= now)))
                throw new RuleException("last-admin");
        }
        user.DisabledAt = clock.GetUtcNow().UtcDateTime;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));   // every cookie and token it has dies at its next check
        sessions.Forget(user.Id);
        await browsers.RemoveAll(user.Id, ct);   // and its browser sessions end now, not at the cookie's next check
        await Audit(user, "user.disable", by, ct);
        return true;
    }

    /// <summary>Enables a disabled login again (its old sessions stay ended: it signs in anew). False when there is no such login.</summary>
    public async Task<bool> Enable(string userName, string by, CancellationToken ct)
    {
        if (await users.FindByNameAsync(userName.Trim()) is not { } user) return false;
        if (user.DisabledAt is null && user.LockoutEnd is null) return true;
        user.DisabledAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateAsync(user));
        sessions.Forget(user.Id);
        await Audit(user, "user.enable", by, ct);
        return true;
    }

    async Task Audit(PlanLoopUser user, string path, string by, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, by, "user", Guid.TryParse(user.Id, out var id) ? id : Guid.Empty, path, null, user.UserName));
        await db.SaveChangesAsync(ct);
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
