using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Components.Common;

/// <summary>The signed-in person as the features' data scope sees them; built once per circuit.</summary>
public sealed class CurrentViewer(AuthenticationStateProvider authentication, GetViewer viewers)
{
    Viewer? viewer;

    public async Task<Viewer> Get()
    {
        if (viewer is not null) return viewer;
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        viewer = await viewers.Handle(user.Identity?.Name ?? "", user.FindAll(ClaimTypes.Role).Select(c => c.Value), CancellationToken.None);
        return viewer;
    }
}
