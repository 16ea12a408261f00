using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using PlanLoop.Features.Users;

namespace PlanLoop.Web.Infrastructure;

/// <summary>
/// A session ends when its login is disabled or its security stamp changes, wherever it lives: the
/// cookie at Identity's next check (every minute), a bearer token at its next request (here), an open
/// page (a Blazor circuit) within a minute (<see cref="RevalidatingSessionState"/>).
/// </summary>
public static class LiveSessionChecks
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>A bearer request whose login is disabled or whose stamp changed goes on as anonymous: the endpoint's policy answers 401.</summary>
    public static WebApplication UseLiveBearerTokens(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            if (ctx.User.Identity?.IsAuthenticated == true
                && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !await ctx.RequestServices.GetRequiredService<LiveSessions>().IsLive(ctx.User, ctx.RequestAborted))
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
            await next();
        });
        return app;
    }
}

/// <summary>An open page checks its login every minute; a disabled login's page shows the sign-in again.</summary>
public sealed class RevalidatingSessionState(ILoggerFactory logs, LiveSessions sessions) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => LiveSessionChecks.Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsLive(authenticationState.User, cancellationToken);
}
