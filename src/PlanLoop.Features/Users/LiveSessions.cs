using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Users;

/// <summary>
/// Whether a signed-in principal's session is still live: its login exists, is not disabled and has
/// the security stamp the session was issued with (a disabled login, a changed password or a locked
/// demo login changes it). Bearer tokens carry no check of their own, so the web host asks this on
/// every request that carries one; the stamp is read from the database at most every
/// <see cref="Recheck"/> per login, and at once after this process disabled it.
/// </summary>
public sealed class LiveSessions(IDbContextFactory<PlanLoopDbContext> dbs, TimeProvider clock)
{
    /// <summary>How long a login's stamp is trusted before it is read again (what another process's change may take to be seen).</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    /// <summary>The claim Identity writes the security stamp into (IdentityOptions.ClaimsIdentity.SecurityStampClaimType's default).</summary>
    public const string StampClaim = "AspNet.Identity.SecurityStamp";

    readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset Read)> stamps = new(StringComparer.Ordinal);

    public async Task<bool> IsLive(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return false;
        var now = clock.GetUtcNow();
        if (!stamps.TryGetValue(id, out var known) || now - known.Read > Recheck)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.DisabledAt }).SingleOrDefaultAsync(ct);
            known = (user is null || user.DisabledAt is not null ? null : user.SecurityStamp, now);
            if (stamps.Count > 10_000) stamps.Clear();   // bounded: one entry per login seen recently
            stamps[id] = known;
        }
        return known.Stamp is not null && known.Stamp == principal.FindFirstValue(StampClaim);
    }

    /// <summary>Forgets what is known of a login, so its next request reads the stamp again.</summary>
    public void Forget(string userId) => stamps.TryRemove(userId, out _);
}
