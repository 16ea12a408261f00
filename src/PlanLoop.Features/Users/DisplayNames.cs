using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PlanLoop.Features.Users;

/// <summary>
/// A signed-in person is greeted and shown by their name ("王建国"), not their login ("director"): the
/// login's display name travels in its own claim, in the cookie and in bearer tokens alike.
/// </summary>
public sealed class DisplayNameClaims(UserManager<PlanLoopUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PlanLoopUser, IdentityRole>(users, roles, options)
{
    public const string Claim = "planloop:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PlanLoopUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim(Claim, user.DisplayName));
        return identity;
    }

    /// <summary>The person's display name, else their login.</summary>
    public static string Of(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(Claim)?.Value ?? principal.Identity?.Name ?? "";
    }
}
