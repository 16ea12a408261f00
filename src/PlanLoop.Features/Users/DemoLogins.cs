using Microsoft.AspNetCore.Identity;
using PlanLoop.Features.Demo;

namespace PlanLoop.Features.Users;

/// <summary>
/// The demo's logins share a published password, so they work only in demo mode: started without it,
/// every demo login that still has that password is locked (and its sessions end, the security stamp
/// changes); started in demo mode again, they are unlocked. A login whose password was changed is a
/// real user and is left alone.
/// </summary>
public sealed class DemoLogins(UserManager<PlanLoopUser> users)
{
    /// <summary>Locks (demo off) or unlocks (demo on) the demo logins with the published password; returns how many changed.</summary>
    public async Task<int> Handle(bool demo, CancellationToken ct)
    {
        var changed = 0;
        foreach (var (userName, _, _) in DemoUsers.All)
        {
            ct.ThrowIfCancellationRequested();
            // A demo login an admin disabled stays disabled.
            if (await users.FindByNameAsync(userName) is not { } user || user.DisabledAt is not null || !await users.CheckPasswordAsync(user, DemoUsers.Password)) continue;
            var locked = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
            if (demo == !locked) continue;
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, demo ? null : DateTimeOffset.MaxValue);
            if (!demo) await users.UpdateSecurityStampAsync(user);
            changed++;
        }
        return changed;
    }
}
