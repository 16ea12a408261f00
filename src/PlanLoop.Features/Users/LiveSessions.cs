using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Users;

/// <summary>
/// Whether a signed-in principal's session is still live: its login exists, is not disabled and has
/// the security stamp the session was issued with (a disabled login, a changed password or a locked
/// demo login changes it). Bearer tokens carry no check of their own, so the web host asks this on
/// every request that carries one; the stamp is read from the database at most every
/// <see cref="Recheck"/> per login, and at once after this process disabled it.
/// </summary>
public sealed class LiveSessions(IDbContextFactory<PlanLoopDbContext> dbs) : IDisposable
{
    /// <summary>How long a login's stamp is trusted before it is read again (what another process's change may take to be seen).</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    /// <summary>The claim Identity writes the security stamp into (IdentityOptions.ClaimsIdentity.SecurityStampClaimType's default).</summary>
    public const string StampClaim = "AspNet.Identity.SecurityStamp";

    /// <summary>One entry per login seen recently, at most 10,000.</summary>
    readonly MemoryCache stamps = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public void Dispose() => stamps.Dispose();

    public async Task<bool> IsLive(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return false;
        if (!stamps.TryGetValue(id, out string? stamp))
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.DisabledAt }).SingleOrDefaultAsync(ct);
            stamp = user is null || user.DisabledAt is not null ? null : user.SecurityStamp;
            stamps.Set(id, stamp, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Recheck });
        }
        return stamp is not null && stamp == principal.FindFirstValue(StampClaim);
    }

    /// <summary>Forgets what is known of a login, so its next request reads the stamp again.</summary>
    public void Forget(string userId) => stamps.Remove(userId);
}
